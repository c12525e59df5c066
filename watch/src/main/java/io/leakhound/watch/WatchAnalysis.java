package io.leakhound.watch;

import io.leakhound.series.GcEvent;
import io.leakhound.series.GcSeries;
import io.leakhound.series.Human;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.LeakAnalyzer;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.series.verdict.PointQuality;
import io.leakhound.series.verdict.UsageSeries;
import io.leakhound.series.verdict.Verdict;
import io.leakhound.series.history.WatchHistory;
import io.leakhound.series.history.Annotation;
import io.leakhound.store.Sample;
import io.leakhound.store.StoreException;
import io.leakhound.series.history.Target;
import io.leakhound.store.WatchStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdict engine over a watched target's stored series: the same findings {@code analyze} gives for a GC log
 * or a recording (heap and metaspace from the GC events, every sampled resource from its rolling minima), with
 * the person's markers put to use: a finding whose growth began within {@link #MARKER_REACH} after an
 * annotation says so ("growth began 40 s after 'deploy v1.4.2'").
 *
 * <p>Cost: linear in the stored events and samples (the engine thins them to a bounded number of points), so a
 * watch can re-judge its whole history at every interval. Thread-safe (no state).
 */
public final class WatchAnalysis {

    /** How long after a marker the start of growth is still put down to it. */
    public static final Duration MARKER_REACH = Duration.ofMinutes(10);

    private WatchAnalysis() {
    }

    /**
     * Judges one target's series. GC events carry uptimes since the process started; sample times become the same
     * (time since {@link Target#processStart()}).
     */
    public static MemoryAnalysis analyze(Target target, List<GcEvent> gcEvents, List<Sample> samples,
            List<Annotation> annotations) {
        History history = new History(target);
        history.add(gcEvents, samples);
        return history.analyze(annotations);
    }

    /**
     * Everything the store holds on one target, judged: what {@code report --db} and the demo render. The GC
     * events are read straight into the engine's bounded series (a long history costs no list of millions).
     */
    public static WatchHistory history(WatchStore store, Target target) throws StoreException {
        List<Annotation> annotations = store.annotations();
        return new WatchHistory(target, load(store, target).analyze(annotations), store.alerts(target.id()),
                store.captures(target.id()), annotations);
    }

    /** The target's stored series, ready to grow (a resumed watch) or to be judged. */
    static History load(WatchStore store, Target target) throws StoreException {
        History history = new History(target);
        store.forEachGcEvent(target.id(), history::add);
        history.add(List.of(), store.samples(target.id()));
        return history;
    }

    /**
     * A target's series as they grow, for a watch that re-judges them at every interval: appending is cheap
     * (the GC events go into one columnar series that thins old young collections when it is full, as for a GC
     * log), judging costs a pass over what is kept. Not thread-safe.
     */
    static final class History {
        private final Target target;
        private final GcSeries events = new GcSeries();
        private final Map<String, UsageSeries.Builder> builders = new LinkedHashMap<>();
        private final Map<String, Long> limits = new LinkedHashMap<>();
        private final Map<String, Long> lastMillis = new LinkedHashMap<>();
        private long lastGcMillis = Long.MIN_VALUE;
        private long lastHeapAfterGc = -1;
        private int gcCount;
        private int sampleCount;

        History(Target target) {
            this.target = target;
        }

        void add(List<GcEvent> gcEvents, List<Sample> samples) {
            gcEvents.forEach(this::add);
            for (Sample s : samples) {
                UsageSeries.Builder b = builders.computeIfAbsent(s.resource(),
                        r -> UsageSeries.builder(r).unit(s.unit()));
                long millis = Math.max(0, Duration.between(target.processStart(), s.at()).toMillis());
                if (millis < lastMillis.getOrDefault(s.resource(), Long.MIN_VALUE)) {
                    // the wall clock went back (NTP): a point out of order is dropped rather than failing the series
                    continue;
                }
                lastMillis.put(s.resource(), millis);
                b.add(millis, s.value(), PointQuality.RAW);
                sampleCount++;
                if (s.limit() > 0) {
                    limits.put(s.resource(), s.limit());
                }
            }
        }

        void add(GcEvent e) {
            long millis = e.uptime().toMillis();
            if (millis < lastGcMillis) {
                // a collection settled later than a newer one: the series must stay in time order
                return;
            }
            lastGcMillis = millis;
            events.add(e);
            if (e.heap().hasAfter()) {
                lastHeapAfterGc = e.heap().afterBytes();
            }
            gcCount++;
        }

        /** The heap after the latest collection, or -1 before the first. */
        long lastHeapAfterGc() {
            return lastHeapAfterGc;
        }

        /** How many collections were added (the series itself thins old young ones when it is full). */
        int gcCount() {
            return gcCount;
        }

        int sampleCount() {
            return sampleCount;
        }

        MemoryAnalysis analyze(List<Annotation> annotations) {
            List<UsageSeries> series = new ArrayList<>();
            builders.forEach((resource, b) -> series.add(b.limitBytes(limits.getOrDefault(resource, -1L)).build()));
            MemoryAnalysis analysis;
            if (Target.JVM.equals(target.kind())) {
                List<String> warnings = new ArrayList<>();
                if (events.isEmpty()) {
                    warnings.add("no garbage collection seen yet: the heap cannot be judged before the first one");
                }
                analysis = LeakAnalyzer.analyze(source(target), events, target.maxHeapBytes(), series, warnings);
            } else {
                analysis = LeakAnalyzer.analyze(source(target), series);
            }
            return withMarkers(analysis, target.processStart(), annotations);
        }
    }

    /** The target as reports name it: {@code pid 4242 (java -jar shop.jar)}. */
    public static String source(Target target) {
        return "pid " + target.pid() + (target.command().isEmpty() ? "" : " (" + target.command() + ")");
    }

    /** The analysis with each growing finding's summary naming the marker its growth followed, if any. */
    static MemoryAnalysis withMarkers(MemoryAnalysis analysis, Instant origin, List<Annotation> annotations) {
        if (annotations.isEmpty()) {
            return analysis;
        }
        List<Finding> findings = new ArrayList<>();
        for (Finding f : analysis.findings()) {
            findings.add(withMarker(f, origin, annotations));
        }
        return new MemoryAnalysis(analysis.source(), analysis.span(), findings, analysis.gc(), analysis.events(),
                analysis.warnings());
    }

    static Finding withMarker(Finding f, Instant origin, List<Annotation> annotations) {
        if (f.onset() == null || (f.verdict() != Verdict.LEAK && f.verdict() != Verdict.BOUNDED_GROWTH)) {
            return f;
        }
        Instant began = origin.plus(f.onset());
        Annotation marker = markerBefore(began, annotations);
        if (marker == null) {
            return f;
        }
        String sentence = f.summary() + "; growth began " + Human.duration(Duration.between(marker.at(), began))
                + " after '" + marker.text() + "'";
        return new Finding(f.resource(), f.verdict(), f.confidence(), f.growthBytesPerHour(), f.onset(),
                f.timeToExhaustion(), f.limitBytes(), f.lastBaselineBytes(), f.alert(), sentence, f.baseline(),
                f.trend(), f.unit());
    }

    /** The latest marker at or before {@code began} and at most {@link #MARKER_REACH} before it, or null. */
    static Annotation markerBefore(Instant began, List<Annotation> annotations) {
        Annotation best = null;
        for (Annotation a : annotations) {
            Duration before = Duration.between(a.at(), began);
            if (!before.isNegative() && before.compareTo(MARKER_REACH) <= 0
                    && (best == null || a.at().isAfter(best.at()))) {
                best = a;
            }
        }
        return best;
    }
}

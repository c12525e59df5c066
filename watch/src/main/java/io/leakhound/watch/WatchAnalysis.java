package io.leakhound.watch;

import io.leakhound.series.GcEvent;
import io.leakhound.series.GcSeries;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.LeakAnalyzer;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.series.verdict.PointQuality;
import io.leakhound.series.verdict.UsageSeries;
import io.leakhound.series.history.WatchHistory;
import io.leakhound.series.history.Annotation;
import io.leakhound.series.history.Markers;
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
    public static final Duration MARKER_REACH = Markers.REACH;

    private WatchAnalysis() {
    }

    /**
     * Judges one target's series. GC events carry uptimes since the process started; sample times become the same
     * (time since {@link Target#processStart()}).
     */
    public static MemoryAnalysis analyze(Target target, List<GcEvent> gcEvents, List<Sample> samples,
            List<Annotation> annotations) {
        History history = new History(target, 0);
        history.add(gcEvents, samples);
        return history.analyze(annotations);
    }

    /**
     * Everything the store holds on one target, judged: what {@code report --db} and the demo render. The GC
     * events are read straight into the engine's bounded series (a long history costs no list of millions).
     */
    public static WatchHistory history(WatchStore store, Target target) throws StoreException {
        List<Annotation> annotations = store.annotations();
        History history = new History(target, 0);
        store.forEachGcEvent(target.id(), history::add);
        history.add(List.of(), store.samples(target.id()));
        return new WatchHistory(target, history.analyze(annotations), store.alerts(target.id()),
                store.captures(target.id()), annotations);
    }

    /**
     * The target's kept series, ready to grow (a resumed watch) or to be judged.
     *
     * @param capacity points kept per series before it thins itself, 0 for the defaults (see {@link History})
     */
    static History load(WatchJournal journal, Target target, int capacity) throws java.io.IOException {
        History history = new History(target, capacity);
        journal.forEachGcEvent(target.id(), history::add);
        history.add(List.of(), journal.samples(target.id()));
        return history;
    }

    /**
     * A target's series as they grow, for a watch that re-judges them at every interval: appending is cheap
     * (the GC events go into one columnar series that thins old young collections when it is full, as for a GC
     * log), judging costs a pass over what is kept. With a capacity, each sampled resource keeps at most that
     * many points too: when full, its points are merged two by two into their minimum (the engine reads a
     * sampled resource by its rolling minima, which the merge keeps), so a watch of weeks keeps a bounded series
     * of coarser points. Not thread-safe.
     */
    static final class History {
        private final Target target;
        private final int capacity;
        private final GcSeries events;
        private final Map<String, UsageSeries.Builder> builders = new LinkedHashMap<>();
        private final Map<String, Long> limits = new LinkedHashMap<>();
        private final Map<String, Long> lastMillis = new LinkedHashMap<>();
        private long lastGcMillis = Long.MIN_VALUE;
        private long lastHeapAfterGc = -1;
        private int gcCount;
        private int sampleCount;

        /** @param capacity points kept per series before it thins itself; 0 for a GC log's bound and no bound on samples */
        History(Target target, int capacity) {
            this.target = target;
            this.capacity = capacity;
            this.events = capacity > 0 ? new GcSeries(capacity) : new GcSeries();
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
                if (capacity > 0 && b.size() >= capacity) {
                    b = thinned(b.build());
                    builders.put(s.resource(), b);
                }
                b.add(millis, s.value(), PointQuality.RAW);
                sampleCount++;
                if (s.limit() > 0) {
                    limits.put(s.resource(), s.limit());
                }
            }
        }

        /** The series with each two neighbouring points merged into one: the first's time, the lower value. */
        private static UsageSeries.Builder thinned(UsageSeries full) {
            UsageSeries.Builder b = UsageSeries.builder(full.resource()).unit(full.unit());
            for (int i = 0; i < full.size(); i += 2) {
                long value = i + 1 < full.size() ? Math.min(full.usedBytes(i), full.usedBytes(i + 1))
                        : full.usedBytes(i);
                b.add(full.millis(i), value, PointQuality.RAW);
            }
            return b;
        }

        /** How many points the series of {@code resource} keeps now (0 when it has none). */
        int keptPoints(String resource) {
            UsageSeries.Builder b = builders.get(resource);
            return b == null ? 0 : b.size();
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
            findings.add(Markers.withMarker(f, origin, annotations));
        }
        return new MemoryAnalysis(analysis.source(), analysis.span(), findings, analysis.gc(), analysis.events(),
                analysis.warnings());
    }

}

package io.leakhound.series.verdict;

import io.leakhound.series.GcSeries;
import io.leakhound.series.gclog.GcLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The verdict engine's entry points: from a GC log, a JFR recording's events and samples, or plain samples,
 * to one {@link Finding} per resource.
 *
 * <p>For a GC log the heap is judged from the heap after each collection, read with care for what each
 * collector's collections clean (see {@link PostGcBaseline}); metaspace likewise where the log states it.
 * The statistics (Theil–Sen slope, Mann–Kendall test with tie correction, onset and plateau tests) run on
 * a thinned series of windowed minima; the decision is explained in {@link GrowthJudge}.
 *
 * <p>Cost: linear in the number of events, plus a bounded amount of work on at most 40 thinned points per
 * resource. Thread-safe (no state).
 */
public final class LeakAnalyzer {

    /** The shortest span of a series the engine judges: a shorter one is INCONCLUSIVE whatever it shows. */
    public static final long SHORTEST_JUDGED_SPAN_SECONDS = GrowthJudge.MIN_SPAN_MILLIS / 1000;

    private LeakAnalyzer() {
    }

    /** The resource of class metadata from JDK 8 on. */
    public static final String METASPACE = "metaspace";
    /** The resource of class metadata in logs of JDK 7 and earlier: the permanent generation. */
    public static final String PERMGEN = "permgen";

    /** Judges the heap (and metaspace, where the log has it) of a GC log. */
    public static MemoryAnalysis analyze(GcLog log) {
        Objects.requireNonNull(log, "log");
        return analyze(source(log), log.events(), log.maxHeapBytes(), List.of(), log.warnings(),
                log.permanentGeneration() ? PERMGEN : METASPACE);
    }

    /**
     * The one entry for every source with GC events (a GC log, a JFR recording): judges the heap and metaspace
     * from the events, then each sample series (loaded classes, live threads, direct buffers, RSS...) from
     * its rolling minima, each in its own unit. Each resource gets its own finding, so a thread leak is a
     * LEAK of {@code threads} even when the heap is flat.
     *
     * @param source       what was read, as the report names it
     * @param events       the GC events in time order; may be empty (the heap is then INCONCLUSIVE), never null
     * @param maxHeapBytes the maximum heap, or -1 when unknown (then the largest capacity seen bounds it)
     * @param samples      series without GC information, judged after the heap and metaspace, in this order
     * @param warnings     things a person should know about the input
     */
    public static MemoryAnalysis analyze(String source, GcSeries events, long maxHeapBytes, List<UsageSeries> samples,
                                         List<String> warnings) {
        return analyze(source, events, maxHeapBytes, samples, warnings, METASPACE);
    }

    /** @param metadata the resource name of the class metadata figures: metaspace, or PermGen before JDK 8 */
    private static MemoryAnalysis analyze(String source, GcSeries events, long maxHeapBytes, List<UsageSeries> samples,
                                          List<String> warnings, String metadata) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(events, "events");
        List<Finding> findings = new ArrayList<>();
        long limit = maxHeapBytes > 0 ? maxHeapBytes : largestCapacity(events);
        findings.add(GrowthJudge.judge("heap", PostGcBaseline.heap(events), limit));
        PostGcBaseline metaspace = PostGcBaseline.metaspace(events);
        if (metaspace.size > 0) {
            findings.add(GrowthJudge.judge(metadata, metaspace, -1));
        }
        List<String> allWarnings = new ArrayList<>(warnings);
        if (events.thinnedEvents() > 0) {
            allWarnings.add(events.thinnedEvents() + " young collections were thinned out to bound memory;"
                    + " counts and pause totals are still exact");
        }
        Duration span = events.span();
        for (UsageSeries s : samples) {
            findings.add(GrowthJudge.judge(s.resource(), PostGcBaseline.raw(s), s.limitBytes(), s.unit()));
            if (s.size() > 1) {
                Duration covered = Duration.ofMillis(s.millis(s.size() - 1) - s.millis(0));
                span = covered.compareTo(span) > 0 ? covered : span;
            }
        }
        GcPressure gc = GcPressureCalculator.of(events);
        if (gc.level() == GcPressureLevel.CRITICAL) {
            allWarnings.add(String.format("GC pressure is critical: %.0f %% of the time in pauses%s (critical from"
                            + " %.0f %%): the service spends its time collecting, whatever the verdicts say",
                    100 * gc.pauseFraction(),
                    gc.recentPauseFraction() > gc.pauseFraction()
                            ? String.format(", %.0f %% recently", 100 * gc.recentPauseFraction()) : "",
                    100 * GcPressureLevel.CRITICAL.threshold()));
        }
        return new MemoryAnalysis(source, span, findings, gc, events, allWarnings);
    }

    /** Judges plain series with no GC information (rolling minima), e.g. a process's RSS from a CSV file. */
    public static MemoryAnalysis analyze(String source, List<UsageSeries> series) {
        Objects.requireNonNull(source, "source");
        List<Finding> findings = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (UsageSeries s : series) {
            findings.add(GrowthJudge.judge(s.resource(), PostGcBaseline.raw(s), s.limitBytes(), s.unit()));
            if (s.size() > 0) {
                first = Math.min(first, s.millis(0));
                last = Math.max(last, s.millis(s.size() - 1));
            }
        }
        Duration span = first <= last ? Duration.ofMillis(last - first) : Duration.ZERO;
        return new MemoryAnalysis(source, span, findings, null, null, List.of());
    }

    private static long largestCapacity(GcSeries events) {
        long max = -1;
        for (int i = 0; i < events.size(); i++) {
            max = Math.max(max, events.heapCapacity(i));
        }
        return max;
    }

    private static String source(GcLog log) {
        StringBuilder s = new StringBuilder();
        for (var f : log.files()) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(f);
        }
        return s.toString();
    }
}

package io.leakhound.report;

import io.leakhound.series.Collector;
import io.leakhound.series.GcEvent;
import io.leakhound.series.GcKind;
import io.leakhound.series.GcSeries;
import io.leakhound.series.MemoryChange;
import io.leakhound.series.verdict.AlertLevel;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.GcPressure;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.series.verdict.PointQuality;
import io.leakhound.series.verdict.Trend;
import io.leakhound.series.verdict.UsageSeries;
import io.leakhound.series.verdict.Verdict;
import java.time.Duration;
import java.util.List;

/**
 * Hand-built analyses with exactly known figures, so the renderers can be tested without the parser or
 * the engine. The leaking heap: a 256 MB G1 heap over 150 s, a young GC every 500 ms, a mixed collection
 * every 10 s; the live set is 40 MB until 72 s, then grows 2.5 MB/s (9000 MB/h) to 235 MB (92 %) at 150 s.
 */
final class Analyses {

    static final long MB = 1 << 20;
    static final long LIMIT = 256 * MB;

    private Analyses() {
    }

    static long liveAt(long millis) {
        return 40 * MB + Math.max(0, millis - 72_000) * 5 * MB / 2000;
    }

    /** A G1 series of {@code events} young GCs 500 ms apart (plus a mixed one every 20th). */
    static GcSeries leakingSeries(int events) {
        GcSeries series = new GcSeries(Math.max(16, events + 16));
        for (int i = 0; i < events; i++) {
            long t = 500L + i * 500L;
            boolean mixed = i % 20 == 19;
            long live = liveAt(t);
            // young garbage on top of the live set: up to 60 MB before, 8 MB of it survives a young GC
            long after = Math.min(LIMIT - 4 * MB, live + (mixed ? 0 : 8 * MB));
            long before = Math.min(LIMIT, after + 60 * MB);
            series.add(new GcEvent(Duration.ofMillis(t), null, i, Collector.G1, mixed ? GcKind.MIXED : GcKind.YOUNG,
                    mixed ? "Pause Young (Mixed)" : "Pause Young (Normal)", "G1 Evacuation Pause",
                    MemoryChange.of(before, after, LIMIT), MemoryChange.UNKNOWN,
                    MemoryChange.of(21 * MB + i * 1024, 21 * MB + i * 1024, 22 * MB),
                    Duration.ofMillis(4), Duration.ofMillis(4)));
        }
        return series;
    }

    static MemoryAnalysis leakingHeap() {
        GcSeries events = leakingSeries(300);
        UsageSeries.Builder base = UsageSeries.builder("heap").limitBytes(LIMIT);
        for (int i = 0; i < events.size(); i++) {
            if (events.kind(i) == GcKind.MIXED) {
                base.add(events.uptimeMillis(i), events.heapAfter(i), PointQuality.AFTER_FULL_COLLECTION);
            }
        }
        UsageSeries baseline = base.build();
        long last = baseline.usedBytes(baseline.size() - 1); // 235 MB
        Finding heap = new Finding("heap", Verdict.LEAK, 0.97, 9000.0 * MB, Duration.ofSeconds(72),
                Duration.ofMillis(8400), LIMIT, last, AlertLevel.ESCALATE,
                "heap after GC grows 8.8 GB/h since 00:01:12 (confidence 0.97); at this rate the 256 MB heap is"
                        + " exhausted in 8 s",
                baseline, new Trend(72_000, 40.0 * MB, 9000.0 * MB));
        Finding metaspace = new Finding("metaspace", Verdict.STABLE, 0.9, 0, null, null, -1, 21 * MB,
                AlertLevel.NONE, "metaspace after GC is flat at 21 MB (confidence 0.90)",
                UsageSeries.builder("metaspace").build(), null);
        GcPressure pressure = new GcPressure(300, Duration.ofMillis(1200), 0.008, 0.012, 0);
        return new MemoryAnalysis("gc.log", Duration.ofSeconds(150), List.of(heap, metaspace), pressure, events,
                List.of("12 lines not recognised were skipped"));
    }

    /** A flat metaspace finding whose baseline sits at {@code bytes}. */
    static Finding flatMetaspace(long bytes) {
        UsageSeries.Builder b = UsageSeries.builder("metaspace");
        for (int i = 0; i < 20; i++) {
            b.add(i * 5000L, bytes - (20 - i) * 1024L, PointQuality.AFTER_FULL_COLLECTION);
        }
        return new Finding("metaspace", Verdict.STABLE, 0.9, 0, null, null, -1, bytes, AlertLevel.NONE,
                "metaspace after GC is stable", b.build(), null);
    }

    /** A CSV series (no GC information) that is flat: 300 samples of about 100 MB RSS. */
    static MemoryAnalysis stableCsv(String source) {
        UsageSeries.Builder b = UsageSeries.builder("rss").limitBytes(-1);
        for (int i = 0; i < 300; i++) {
            b.add(i * 1000L, 100 * MB + (i % 7) * MB, PointQuality.RAW);
        }
        Finding rss = new Finding("rss", Verdict.STABLE, 0.8, 1200, null, null, -1, 100 * MB, AlertLevel.NONE,
                "rss is flat at 100 MB (confidence 0.80)", b.build(), new Trend(0, 100.0 * MB, 1200));
        return new MemoryAnalysis(source, Duration.ofSeconds(299), List.of(rss), null, null, List.of());
    }
}

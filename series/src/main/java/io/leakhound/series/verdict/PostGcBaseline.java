package io.leakhound.series.verdict;

import io.leakhound.series.Collector;
import io.leakhound.series.GcKind;
import io.leakhound.series.GcSeries;

/**
 * The post-GC points of one resource taken from a {@link GcSeries}, each marked with whether the
 * collection that produced it cleaned the whole heap (a <em>reset</em>: full, mixed, a concurrent cycle of
 * a collector that reclaims the whole heap) or only part of it.
 *
 * <p>Why the mark matters: after a young collection the heap still holds every object promoted since the
 * last cleaning collection, dead or alive, so young points of a healthy service rise until the next reset
 * and then fall back (a sawtooth). The engine uses the resets to tell garbage that was merely promoted
 * from memory that is really retained.
 *
 * <p>One pass over the series; three primitive arrays of its size.
 */
final class PostGcBaseline {

    final long[] millis;
    final long[] bytes;
    final boolean[] reset;
    /** Whether the point follows a stop-the-world collection of the whole heap (the JVM's last resort). */
    final boolean[] full;
    /** Whether every point is a reset (ZGC, Shenandoah, or a plain sample series). */
    final boolean everyPointCleans;
    /** Whether the points are plain samples with no collection information. */
    final boolean rawSamples;
    final int size;
    /**
     * Whether garbage can pile up between cleaning collections and pass for growth: true for the heap, where
     * young collections promote dead objects too; false for metaspace (only class unloading frees it) and
     * for plain samples.
     */
    boolean garbageCanPileUp;

    PostGcBaseline(long[] millis, long[] bytes, boolean[] reset, boolean everyPointCleans, boolean rawSamples) {
        this(millis, bytes, reset, new boolean[millis.length], everyPointCleans, rawSamples);
    }

    PostGcBaseline(long[] millis, long[] bytes, boolean[] reset, boolean[] full, boolean everyPointCleans,
                   boolean rawSamples) {
        this.full = full;
        this.millis = millis;
        this.bytes = bytes;
        this.reset = reset;
        this.everyPointCleans = everyPointCleans;
        this.rawSamples = rawSamples;
        this.size = millis.length;
    }

    /**
     * The heap after each event that states it; for a ZGC log with {@code -Xlog:gc*}, what each marking found
     * live instead (the whole heap, or the old generation of generational ZGC's major collections). Why: ZGC frees only whole pages, so its heap "after" a cycle still holds the garbage of
     * every page it did not relocate and scatters by tens of megabytes from cycle to cycle (64 to 164 MB in a
     * 256 MB heap whose live set rose steadily from 4 to 13 MB), hiding a leak of a few hundred KB/s; the
     * {@code Live:} figure at mark end is the retained set itself. Minor collections of generational ZGC mark
     * the young generation only and give no such figure, so where the log has live figures only the
     * collections that state one are used, each a reset.
     */
    static PostGcBaseline heap(GcSeries series) {
        int n = series.size();
        int live = 0;
        for (int i = 0; i < n; i++) {
            if (series.liveAfter(i) >= 0) {
                live++;
            }
        }
        if (live < GrowthJudge.MIN_POINTS) {
            PostGcBaseline after = of(series, false);
            after.garbageCanPileUp = true;
            return after;
        }
        long[] t = new long[live];
        long[] v = new long[live];
        boolean[] r = new boolean[live];
        boolean[] f = new boolean[live];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (series.liveAfter(i) >= 0) {
                t[m] = series.uptimeMillis(i);
                v[m] = series.liveAfter(i);
                r[m] = true;
                f[m] = series.kind(i) == GcKind.FULL;
                m++;
            }
        }
        PostGcBaseline marked = new PostGcBaseline(t, v, r, f, true, false);
        marked.garbageCanPileUp = true;
        return marked;
    }

    /** Metaspace after each event that states it. */
    static PostGcBaseline metaspace(GcSeries series) {
        return of(series, true);
    }

    private static PostGcBaseline of(GcSeries series, boolean metaspace) {
        int n = series.size();
        long[] t = new long[n];
        long[] v = new long[n];
        boolean[] r = new boolean[n];
        boolean[] f = new boolean[n];
        boolean concurrentWhole = true;
        int m = 0;
        for (int i = 0; i < n; i++) {
            long after = metaspace ? series.metaspaceAfter(i) : series.heapAfter(i);
            if (after < 0) {
                continue;
            }
            Collector collector = series.collector(i);
            t[m] = series.uptimeMillis(i);
            v[m] = after;
            r[m] = cleans(collector, series.kind(i));
            f[m] = series.kind(i) == GcKind.FULL;
            concurrentWhole &= collector == Collector.ZGC || collector == Collector.SHENANDOAH;
            m++;
        }
        if (m == 0) {
            concurrentWhole = false;
        }
        return new PostGcBaseline(
                java.util.Arrays.copyOf(t, m), java.util.Arrays.copyOf(v, m), java.util.Arrays.copyOf(r, m),
                java.util.Arrays.copyOf(f, m), concurrentWhole, false);
    }

    /** A plain sample series: no collection information, every point counts as measured alike. */
    static PostGcBaseline raw(UsageSeries series) {
        int n = series.size();
        long[] t = new long[n];
        long[] v = new long[n];
        boolean[] r = new boolean[n];
        for (int i = 0; i < n; i++) {
            t[i] = series.millis(i);
            v[i] = series.usedBytes(i);
            r[i] = true;
        }
        return new PostGcBaseline(t, v, r, true, true);
    }

    /*
     * G1's remark and cleanup pauses belong to a marking cycle but reclaim little: the old garbage goes only
     * with the mixed collections that follow, so they are not resets. ZGC and Shenandoah cycles, CMS
     * concurrent sweeps and generational ZGC's major collections do reclaim the whole heap.
     */
    private static boolean cleans(Collector collector, GcKind kind) {
        return switch (kind) {
            case FULL, MIXED -> true;
            case CONCURRENT_CYCLE -> collector != Collector.G1;
            case YOUNG -> collector == Collector.ZGC || collector == Collector.SHENANDOAH;
        };
    }

    int resets() {
        int c = 0;
        for (boolean b : reset) {
            if (b) {
                c++;
            }
        }
        return c;
    }
}

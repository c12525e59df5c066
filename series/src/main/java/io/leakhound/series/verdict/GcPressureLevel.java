package io.leakhound.series.verdict;

/**
 * How alarming the share of wall time spent in stop-the-world pauses is.
 *
 * <p>Why these thresholds: G1, the default collector, sizes the heap to keep GC time under about 8 % of the
 * time by default ({@code -XX:GCTimeRatio=12}, so 1/(1+12)); above that the collector is already failing its
 * own goal and the application loses throughput to memory management, the secondary symptom of a leak. At a
 * fifth of the time in pauses every request waits on GC and latency is dominated by it; HotSpot itself gives
 * up at 98 % ({@code -XX:GCTimeLimit}, the "GC overhead limit exceeded" OutOfMemoryError), so the critical
 * level sits well before that end state.
 */
public enum GcPressureLevel {
    NONE(0.0),
    /** At least 8 % of the time in pauses: above G1's own GC-time goal. */
    ELEVATED(0.08),
    /** At least 20 % of the time in pauses: GC dominates the service's latency and throughput. */
    CRITICAL(0.20);

    private final double threshold;

    GcPressureLevel(double threshold) {
        this.threshold = threshold;
    }

    /** The pause fraction from which this level applies. */
    public double threshold() {
        return threshold;
    }

    /** The level of a pause fraction (0..1; NaN gives NONE). */
    public static GcPressureLevel forPauseFraction(double fraction) {
        GcPressureLevel level = NONE;
        for (GcPressureLevel candidate : values()) {
            if (fraction >= candidate.threshold) {
                level = candidate;
            }
        }
        return level;
    }
}

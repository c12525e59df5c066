package io.leakhound.series.verdict;

import java.time.Duration;

/**
 * How much of its time the JVM spent collecting.
 *
 * @param events              GC events read (pauses and concurrent cycles)
 * @param pauseTotal          stop-the-world time over the whole span
 * @param pauseFraction       {@code pauseTotal / span}
 * @param recentPauseFraction the same over the last part of the span (the last tenth, at least a minute
 *                            where the span allows): rising GC overhead is an early sign of a leak
 * @param fullCollections     stop-the-world collections of the whole heap
 */
public record GcPressure(
        long events, Duration pauseTotal, double pauseFraction, double recentPauseFraction, long fullCollections) {

    /**
     * The level of the worse of the whole-span and the recent pause fraction: a GC storm at the end of a log
     * (a heap running out) is as critical as overhead all along.
     */
    public GcPressureLevel level() {
        return GcPressureLevel.forPauseFraction(worstPauseFraction());
    }

    /** The larger of {@link #pauseFraction()} and {@link #recentPauseFraction()}. */
    public double worstPauseFraction() {
        return Math.max(pauseFraction, recentPauseFraction);
    }
}

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
}

package io.leakhound.series.gclog;

import java.time.Duration;
import java.time.Instant;

/**
 * The time base of a log that has wall-clock times but no uptime: the first wall-clock time seen in any
 * file of the series is time zero, so rotated files share one axis. Not thread-safe; one per read.
 */
final class WallClockOrigin {

    private Instant origin;

    /** The time since the first wall-clock time of the series (which this call may set). */
    Duration uptimeOf(Instant wallClock) {
        if (origin == null) {
            origin = wallClock;
        }
        return Duration.between(origin, wallClock);
    }
}

package io.leakhound.series.gclog;

import io.leakhound.series.GcEvent;
import io.leakhound.series.GcSeries;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keeps time increasing across files and JVM restarts: when uptime falls back to near zero (a new JVM
 * writing the next file), later events are shifted to continue after the previous ones, by the
 * wall-clock gap when the log has wall-clock times.
 */
final class SeriesTimeLine implements Consumer<GcEvent> {

    private static final int MAX_RESTART_WARNINGS = 10;

    private final GcSeries series;
    private final List<String> warnings;
    private Path file;
    private long offsetNanos;
    private long lastUptimeNanos = -1;
    private java.time.Instant lastWall;
    private int restarts;

    SeriesTimeLine(GcSeries series, List<String> warnings) {
        this.series = series;
        this.warnings = warnings;
    }

    /**
     * A file of the series begins. A rotated continuation starts later than its predecessor ended; one
     * that starts earlier was written by a restarted JVM.
     */
    void startFile(Path file, long firstUptimeNanos, long firstWallMillis) {
        this.file = file;
        if (lastUptimeNanos >= 0 && firstUptimeNanos != LineText.NONE
                && firstUptimeNanos + offsetNanos < lastUptimeNanos) {
            java.time.Instant firstWall = firstWallMillis == LineText.NONE ? null
                    : java.time.Instant.ofEpochMilli(firstWallMillis);
            restart(firstUptimeNanos, firstWall);
        }
    }

    private void restart(long uptimeNanos, java.time.Instant wall) {
        long gap = 0;
        if (lastWall != null && wall != null && wall.isAfter(lastWall)) {
            gap = Duration.between(lastWall, wall).toNanos();
        }
        // a log whose clock jumps back and forth would otherwise give one warning per event
        if (++restarts <= MAX_RESTART_WARNINGS) {
            warnings.add(file + ": uptime falls back from " + seconds(lastUptimeNanos) + " to "
                    + seconds(uptimeNanos) + " (JVM restart?); later times continue from "
                    + seconds(lastUptimeNanos) + (gap > 0 ? " plus the wall-clock gap of " + seconds(gap) : "")
                    + (restarts == MAX_RESTART_WARNINGS ? "; further restarts are not reported" : ""));
        }
        offsetNanos = lastUptimeNanos + gap - uptimeNanos;
    }

    @Override
    public void accept(GcEvent event) {
        long up = event.uptime().toNanos() + offsetNanos;
        // a restart within a file (a new JVM appending): uptime falls by over 5 s to under half of what it was
        if (lastUptimeNanos >= 0 && lastUptimeNanos - up > 5_000_000_000L && up < lastUptimeNanos / 2) {
            restart(event.uptime().toNanos(), event.wallClock());
            up = event.uptime().toNanos() + offsetNanos;
        }
        if (offsetNanos != 0) {
            event = new GcEvent(Duration.ofNanos(up), event.wallClock(), event.gcId(), event.collector(),
                    event.kind(), event.name(), event.cause(), event.heap(), event.oldGen(), event.metaspace(),
                    event.pause(), event.duration());
        }
        lastUptimeNanos = Math.max(lastUptimeNanos, up);
        if (event.wallClock() != null) {
            lastWall = event.wallClock();
        }
        series.add(event);
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f s", nanos / 1e9);
    }
}

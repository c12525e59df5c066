package io.leakhound.series.verdict;

import io.leakhound.series.GcSeries;
import io.leakhound.series.GcStatistics;
import java.time.Duration;

/**
 * GC pressure of a series: exact totals from {@link GcStatistics}, and the pause fraction over the recent
 * part of the span from the events (thinning folds dropped pauses into kept events, so window sums stay
 * exact). One pass over the events.
 */
final class GcPressureCalculator {

    private static final long RECENT_MIN_MILLIS = 60_000;

    private GcPressureCalculator() {
    }

    static GcPressure of(GcSeries events) {
        GcStatistics stats = events.statistics();
        long spanMillis = events.span().toMillis();
        Duration pauseTotal = stats.pauseTotal();
        double fraction = spanMillis > 0 ? pauseTotal.toNanos() / 1e6 / spanMillis : 0;
        double recent = 0;
        if (spanMillis > 0) {
            long window = Math.min(spanMillis, Math.max(spanMillis / 10, RECENT_MIN_MILLIS));
            long end = events.uptimeMillis(0) + spanMillis;
            long from = end - window;
            long micros = 0;
            for (int i = events.size() - 1; i >= 0 && events.uptimeMillis(i) >= from; i--) {
                micros += events.pauseMicros(i);
            }
            recent = micros / 1000.0 / window;
        }
        return new GcPressure(stats.events(), pauseTotal, Math.min(1, fraction), Math.min(1, recent),
                stats.fullCollections());
    }
}

package io.leakhound.series.verdict;

/**
 * A straight line through the post-GC baseline: {@code used(t) = interceptBytes + slopeBytesPerHour * (t - originMillis) / 3_600_000}.
 *
 * @param originMillis      the time the intercept refers to (the onset, or the first point)
 * @param interceptBytes    the fitted usage at {@code originMillis}
 * @param slopeBytesPerHour the fitted growth rate
 */
public record Trend(long originMillis, double interceptBytes, double slopeBytesPerHour) {

    /** The fitted usage at a time. */
    public double at(long millis) {
        return interceptBytes + slopeBytesPerHour * (millis - originMillis) / 3_600_000.0;
    }
}

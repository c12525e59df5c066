package io.leakhound.series.verdict;

import io.leakhound.series.Unit;
import java.time.Duration;
import java.util.Objects;

/**
 * The verdict on one resource.
 *
 * @param resource            {@code heap}, {@code metaspace}, {@code rss}...
 * @param verdict             what the baseline says
 * @param confidence          0..1: how sure the engine is of this verdict
 * @param growthBytesPerHour  the baseline's robust slope (since the onset when there is one); may be negative
 * @param onset               when growth began, since the start, where that is later than the start; else null
 * @param timeToExhaustion    when the baseline reaches {@code limitBytes} at this rate, from the last point;
 *                            null when it does not grow or the limit is unknown
 * @param limitBytes          the maximum (max heap, container limit), or -1 when unknown
 * @param lastBaselineBytes   the post-GC usage at the end of the series
 * @param alert               graduated level from {@code lastBaselineBytes / limitBytes}
 * @param summary             one sentence a person reads at once
 * @param baseline            the points the verdict was computed from (post-GC baseline, thinned)
 * @param trend               the fitted line through {@code baseline}, or null when there was too little data
 * @param unit                what the figures count: for {@link Unit#COUNT} (classes, threads) the fields named
 *                            {@code ...Bytes...} carry counts (kept so that one JSON contract serves every resource)
 */
public record Finding(
        String resource,
        Verdict verdict,
        double confidence,
        double growthBytesPerHour,
        Duration onset,
        Duration timeToExhaustion,
        long limitBytes,
        long lastBaselineBytes,
        AlertLevel alert,
        String summary,
        UsageSeries baseline,
        Trend trend,
        Unit unit) {

    /** A finding in bytes (heap, metaspace, RSS...). */
    public Finding(String resource, Verdict verdict, double confidence, double growthBytesPerHour, Duration onset,
                   Duration timeToExhaustion, long limitBytes, long lastBaselineBytes, AlertLevel alert,
                   String summary, UsageSeries baseline, Trend trend) {
        this(resource, verdict, confidence, growthBytesPerHour, onset, timeToExhaustion, limitBytes,
                lastBaselineBytes, alert, summary, baseline, trend, Unit.BYTES);
    }

    public Finding {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(baseline, "baseline");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1]: " + confidence);
        }
    }
}

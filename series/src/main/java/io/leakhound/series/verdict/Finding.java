package io.leakhound.series.verdict;

import io.leakhound.series.Unit;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

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
 * @param exhaustedAt         when the resource ran out (back-to-back full collections at the limit that freed
 *                            nothing: an {@code OutOfMemoryError}), since the start; null when it never did
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
        Unit unit,
        Duration exhaustedAt) {

    /** A finding of a resource that did not run out. */
    public Finding(String resource, Verdict verdict, double confidence, double growthBytesPerHour, Duration onset,
                   Duration timeToExhaustion, long limitBytes, long lastBaselineBytes, AlertLevel alert,
                   String summary, UsageSeries baseline, Trend trend, Unit unit) {
        this(resource, verdict, confidence, growthBytesPerHour, onset, timeToExhaustion, limitBytes,
                lastBaselineBytes, alert, summary, baseline, trend, unit, null);
    }

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

    /**
     * The growth rate where the engine knows one: empty when the finding is {@link Verdict#INCONCLUSIVE}
     * (too little data: {@link #growthBytesPerHour()} is then a placeholder 0) or the rate is not finite.
     */
    public OptionalDouble knownGrowthBytesPerHour() {
        return verdict == Verdict.INCONCLUSIVE || !Double.isFinite(growthBytesPerHour)
                ? OptionalDouble.empty() : OptionalDouble.of(growthBytesPerHour);
    }

    /**
     * The time to exhaustion where the engine can project one: empty when the finding is
     * {@link Verdict#INCONCLUSIVE}, does not grow, or the limit is unknown; {@link Duration#ZERO} once exhausted.
     */
    public Optional<Duration> knownTimeToExhaustion() {
        return verdict == Verdict.INCONCLUSIVE ? Optional.empty() : Optional.ofNullable(timeToExhaustion);
    }

    /** Whether the engine could judge at all: false for {@link Verdict#INCONCLUSIVE}, whose figures are unknown. */
    public boolean judged() {
        return verdict != Verdict.INCONCLUSIVE;
    }

    /** Whether the resource ran out during the series (see {@link #exhaustedAt()}). */
    public boolean exhausted() {
        return exhaustedAt != null;
    }
}

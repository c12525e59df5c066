package io.leakhound.series.verdict;

import io.leakhound.series.Human;
import io.leakhound.series.Unit;
import java.time.Duration;

/** Builds the findings of each verdict with the sentence that explains it. */
final class Findings {

    private Findings() {
    }

    static Finding leak(String resource, Unit unit, double confidence, double slopePerHour, Duration onset,
                                long limitBytes, long levelNow, UsageSeries baseline, Trend trend) {
        Duration tte = null;
        if (limitBytes > 0 && slopePerHour > 0) {
            double hours = Math.max(0, limitBytes - levelNow) / slopePerHour;
            tte = Duration.ofMillis((long) (hours * 3_600_000));
        }
        StringBuilder s = new StringBuilder();
        s.append(FindingText.subject(resource)).append(FindingText.plural(resource) ? " grow " : " grows ")
                .append(Human.ratePerHour(slopePerHour, unit));
        if (onset != null) {
            s.append(" since ").append(Human.clock(onset));
        }
        s.append(String.format(" (confidence %.2f)", confidence));
        if (tte != null && tte.getSeconds() < 1) {
            s.append("; the ").append(Human.amount(limitBytes, unit)).append(' ').append(FindingText.limitName(resource))
                    .append(" is already exhausted");
        } else if (tte != null) {
            s.append("; at this rate the ").append(Human.amount(limitBytes, unit)).append(' ')
                    .append(FindingText.limitName(resource)).append(" is exhausted in ").append(Human.duration(tte));
        }
        return new Finding(resource, Verdict.LEAK, confidence, slopePerHour, onset, tte, limitBytes, levelNow,
                GrowthJudge.alert(levelNow, limitBytes), s.toString(), baseline, trend, unit);
    }

    static Finding bounded(String resource, Unit unit, double slopePerHour, Duration onset, long limitBytes,
                                   long levelNow, UsageSeries baseline, Trend trend, long plateau) {
        String summary = String.format("%s grew, then levelled off at about %s%s: bounded growth (a cache"
                        + " filling up, a warm-up), not a leak", FindingText.subject(resource), Human.amount(plateau, unit),
                FindingText.ofLimit(plateau, limitBytes, unit));
        return finding(resource, unit, Verdict.BOUNDED_GROWTH, 0.75, slopePerHour, onset, limitBytes, levelNow, summary,
                baseline, trend);
    }

    static Finding finding(String resource, Unit unit, Verdict verdict, double confidence, double slopePerHour,
                                   Duration onset, long limitBytes, long levelNow, String summary,
                                   UsageSeries baseline, Trend trend) {
        return new Finding(resource, verdict, confidence, slopePerHour, onset, null, limitBytes, levelNow,
                GrowthJudge.alert(levelNow, limitBytes), summary, baseline, trend, unit);
    }

    static Finding slowing(String resource, Unit unit, double slopePerHour, Duration onset, long limitBytes,
                           long levelNow, UsageSeries baseline, Trend trend, double lateSlopePerHour) {
        String summary = String.format("%s grew, but it slowed to %s at %s%s, under half its early pace:"
                        + " growth that decelerates (a cache filling towards its bound, a warm-up), not a leak so far",
                FindingText.subject(resource), Human.ratePerHour(lateSlopePerHour, unit), Human.amount(levelNow, unit),
                FindingText.ofLimit(levelNow, limitBytes, unit));
        return finding(resource, unit, Verdict.BOUNDED_GROWTH, 0.6, slopePerHour, onset, limitBytes, levelNow,
                summary, baseline, trend);
    }

    static Finding steps(String resource, Unit unit, double slopePerHour, Duration onset, long limitBytes,
                         long levelNow, UsageSeries baseline, Trend trend) {
        String summary = String.format("%s rose in a few steps, flat in between, to %s%s: too few to tell memory"
                        + " kept from load held across collections (batches, spikes that have not ended); judge a longer log",
                FindingText.subject(resource), Human.amount(levelNow, unit), FindingText.ofLimit(levelNow, limitBytes, unit));
        return new Finding(resource, Verdict.INCONCLUSIVE, 0.5, slopePerHour, onset, null, limitBytes, levelNow,
                GrowthJudge.alert(levelNow, limitBytes), summary, baseline, trend, unit);
    }
}

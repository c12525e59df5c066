package io.leakhound.report;

import io.leakhound.series.Human;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.Trend;
import io.leakhound.series.verdict.Verdict;
import java.time.Duration;

/**
 * The figures of one finding that its verdict vouches for, the one place where a finding's numbers are
 * chosen before the text, JSON and HTML reports render them: an {@link Verdict#INCONCLUSIVE} finding has no
 * growth rate, onset, time to exhaustion or trend (the engine fills them with 0 or a guess; a reader would
 * take a 0 for "does not grow"). What was measured (the last baseline, the limit) stays known whatever the
 * verdict. A new figure of the verdict engine (GC pressure per finding, the time memory ran out) becomes a
 * component here and one line in each renderer.
 *
 * @param growthPerHour    growth in bytes (or counts) per hour, or null when unknown
 * @param onset            when the growth began, from the start; null when unknown or from the start
 * @param timeToExhaustion time until the limit at this rate, or null when unknown or not projected
 * @param trend            the fitted line, or null when unknown
 */
record FindingFigures(Double growthPerHour, Duration onset, Duration timeToExhaustion, Trend trend) {

    /** The figures of {@code f} that its verdict vouches for. */
    static FindingFigures of(Finding f) {
        if (f.verdict() == Verdict.INCONCLUSIVE) {
            return new FindingFigures(null, null, null, null);
        }
        double growth = f.growthBytesPerHour();
        return new FindingFigures(Double.isFinite(growth) ? growth : null, f.onset(), f.timeToExhaustion(),
                f.trend());
    }

    /** Whether the verdict vouches for a growth rate at all. */
    boolean judged() {
        return growthPerHour != null;
    }

    /** The growth rate in words ({@code 410 MB/h}), or {@code unknown}. */
    String growthText(Finding f) {
        return growthPerHour == null ? "unknown" : Human.ratePerHour(growthPerHour, f.unit());
    }

    /** Since when it grows ({@code 00:01:12}, {@code the start}), or {@code unknown}. */
    String onsetText() {
        return !judged() ? "unknown" : onset == null ? "the start" : Human.clock(onset);
    }

    /** The time to exhaustion in words, {@code not projected}, or {@code unknown}. */
    String exhaustionText() {
        return !judged() ? "unknown" : timeToExhaustion == null ? "not projected" : Human.duration(timeToExhaustion);
    }
}

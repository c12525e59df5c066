package io.leakhound.series.history;

import io.leakhound.series.Human;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Markers on a time line put to use: a finding whose growth began within {@link #REACH} after a marker (a deploy
 * from {@code annotate}, a new {@code version} label in Prometheus) names it: "growth began 40 s after 'deploy
 * v1.4.2'". The one place for {@code watch}, {@code report --db} and {@code fleet}.
 */
public final class Markers {

    /** How long after a marker a growth that began is put down to it. */
    public static final Duration REACH = Duration.ofMinutes(10);

    private Markers() {
    }

    /**
     * The finding with its summary naming the marker its growth followed, if any.
     *
     * @param origin the instant the finding's onset counts from
     */
    public static Finding withMarker(Finding f, Instant origin, List<Annotation> annotations) {
        if (f.onset() == null || (f.verdict() != Verdict.LEAK && f.verdict() != Verdict.BOUNDED_GROWTH)) {
            return f;
        }
        Instant began = origin.plus(f.onset());
        Annotation marker = markerBefore(began, annotations);
        if (marker == null) {
            return f;
        }
        String sentence = f.summary() + "; growth began " + Human.duration(Duration.between(marker.at(), began))
                + " after '" + marker.text() + "'";
        return new Finding(f.resource(), f.verdict(), f.confidence(), f.growthBytesPerHour(), f.onset(),
                f.timeToExhaustion(), f.limitBytes(), f.lastBaselineBytes(), f.alert(), sentence, f.baseline(),
                f.trend(), f.unit(), f.exhaustedAt());
    }

    /** The latest marker at or before {@code began} and at most {@link #REACH} before it, or null. */
    public static Annotation markerBefore(Instant began, List<Annotation> annotations) {
        Annotation best = null;
        for (Annotation a : annotations) {
            Duration before = Duration.between(a.at(), began);
            if (!before.isNegative() && before.compareTo(REACH) <= 0
                    && (best == null || a.at().isAfter(best.at()))) {
                best = a;
            }
        }
        return best;
    }
}

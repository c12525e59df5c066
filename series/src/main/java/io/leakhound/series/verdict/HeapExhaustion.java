package io.leakhound.series.verdict;

import io.leakhound.series.Human;
import io.leakhound.series.Unit;
import java.time.Duration;
import java.util.Arrays;

/**
 * Finds where a baseline ran out of room: back-to-back full (stop-the-world) collections at the limit that freed
 * nothing, which is how a JVM looks in the seconds before an {@code OutOfMemoryError}; and judges whether the
 * heap climbed there (a leak) rather than starting there (a heap too small for a flat live set).
 *
 * <p>Why it needs its own test: after the error the memory usually drops (the allocating thread died and its
 * objects became garbage, or the JVM was restarted and its log appended to), so a judge of the whole series
 * sees a rise that "falls back" and calls it stable. The part of the series up to the exhaustion is what the
 * leak did.
 */
final class HeapExhaustion {

    /**
     * Collections that clean the whole heap and leave at least this share of the limit occupied have nothing
     * left to free. Not 95 %: in generational collectors the young generation is part of the limit but cannot
     * hold what survived, so a Parallel heap runs out with 26 MB of 31 MB (84 %) after its last full collection.
     */
    static final double EXHAUSTED_SHARE = 0.8;
    /** This many full collections in a row at the limit, */
    static final int BACK_TO_BACK = 3;
    /** each within this long of the one before (a JVM about to throw runs them every few milliseconds). */
    static final long BACK_TO_BACK_MILLIS = 5_000;
    /** and none freeing more than this share of the limit. */
    static final double FREED_NOTHING_SHARE = 0.05;
    /** The heap climbed there when its early level was under this share of the level it ran out at. */
    static final double CLIMB_FROM = 0.6;

    private HeapExhaustion() {
    }

    /** The index of the first of the back-to-back collections at the limit, or -1 where the heap never ran out. */
    static int find(PostGcBaseline p, long limitBytes) {
        if (limitBytes <= 0 || p.rawSamples) {
            return -1;
        }
        double full = EXHAUSTED_SHARE * limitBytes;
        double nothing = FREED_NOTHING_SHARE * limitBytes;
        int runStart = -1;
        int runLength = 0;
        int last = -1;
        for (int i = 0; i < p.size; i++) {
            // full collections only: the mixed collections of a G1 heap kept at 80 % by soft references or a
            // large cache follow each other as closely and free as little, but the JVM is not out of memory
            if (!p.full[i]) {
                continue;
            }
            boolean atLimit = p.bytes[i] >= full;
            boolean continues = last >= 0 && runLength > 0
                    && p.millis[i] - p.millis[last] <= BACK_TO_BACK_MILLIS
                    && Math.abs(p.bytes[i] - p.bytes[last]) <= nothing;
            if (atLimit && continues) {
                runLength++;
            } else if (atLimit) {
                runStart = i;
                runLength = 1;
            } else {
                runLength = 0;
            }
            last = i;
            if (runLength >= BACK_TO_BACK) {
                return runStart;
            }
        }
        return -1;
    }

    /**
     * The finding of a heap that ran out at {@code at}, or null when it did not climb there. {@code upTo} is
     * the judge's finding on the points up to the exhaustion (its rate, onset and trend are the leak's),
     * {@code whole} the finding on every point (its baseline is the chart's).
     */
    static Finding leakThatRanOut(String resource, PostGcBaseline p, int at, long limitBytes, Unit unit,
                                  Finding upTo, Finding whole) {
        double[] before = new double[at];
        for (int i = 0; i < at; i++) {
            before[i] = p.bytes[i];
        }
        if (at < GrowthJudge.MIN_POINTS) {
            return null;
        }
        // the early level: the lowest of the first fifth of the points before the exhaustion (the very
        // first may predate the application's start, so the lowest, not the first)
        double early = Arrays.stream(before, 0, Math.max(1, at / 5)).min().orElse(0);
        boolean climbed = early < CLIMB_FROM * p.bytes[at] && MannKendall.test(before).rises(GrowthJudge.ALPHA);
        if (!climbed) {
            return null;
        }
        long ranOutAt = p.millis[at] - (p.rawSamples ? p.millis[0] : 0);
        Duration exhaustedAt = Duration.ofMillis(ranOutAt);
        double slope = upTo.verdict() == Verdict.LEAK || upTo.growthBytesPerHour() > 0
                ? upTo.growthBytesPerHour()
                : TheilSen.fit(times(p, at), before).slope() * 3_600_000.0;
        StringBuilder s = new StringBuilder();
        s.append(FindingText.subject(resource)).append(" grew ").append(Human.ratePerHour(slope, unit));
        if (upTo.onset() != null) {
            s.append(" since ").append(Human.clock(upTo.onset()));
        }
        s.append(" until it exhausted the ").append(Human.amount(limitBytes, unit)).append(' ')
                .append(FindingText.limitName(resource)).append(" at ").append(Human.clock(exhaustedAt))
                .append(": back-to-back full collections freed nothing (an OutOfMemoryError)");
        if (whole.lastBaselineBytes() < p.bytes[at] - FREED_NOTHING_SHARE * limitBytes) {
            s.append("; it fell back to ").append(Human.amount(whole.lastBaselineBytes(), unit))
                    .append(" afterwards: the allocating thread died or the JVM restarted, and the leak will"
                            + " run out again");
        }
        return new Finding(resource, Verdict.LEAK, 0.95, slope, upTo.onset(), Duration.ZERO, limitBytes,
                whole.lastBaselineBytes(), AlertLevel.CRITICAL, s.toString(), whole.baseline(), upTo.trend(), unit,
                exhaustedAt);
    }

    private static double[] times(PostGcBaseline p, int to) {
        double[] t = new double[to];
        for (int i = 0; i < to; i++) {
            t[i] = p.millis[i];
        }
        return t;
    }

    /** The first {@code to} points of a baseline. */
    static PostGcBaseline upTo(PostGcBaseline p, int to) {
        PostGcBaseline part = new PostGcBaseline(Arrays.copyOf(p.millis, to), Arrays.copyOf(p.bytes, to),
                Arrays.copyOf(p.reset, to), Arrays.copyOf(p.full, to), p.everyPointCleans, p.rawSamples);
        part.garbageCanPileUp = p.garbageCanPileUp;
        return part;
    }
}

package io.leakhound.jfr.alloc;

import io.leakhound.series.Human;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Decides whether one class's surviving old-object samples keep accumulating; the rule and its reasons are
 * in {@link AllocationProfile}'s class comment. Costs one pass over the class's survivors.
 */
final class GrowthRule {

    static final int MIN_SURVIVORS = 8;
    /**
     * Survivors allocated after the first third, as a share of all: a warm-up or a cache that filled early and
     * then replaces a few entries keeps few of them (6 %, and 18 to 25 % for the demo's 8 MB LRU cache), a leak
     * most (41 to 86 % in the demo's leaking modes). The share is no higher because the JVM's sampler holds a
     * fixed number of samples: once full, a new sample enters only by evicting the one with the least
     * allocation behind it, which gets harder as the recording goes on, so a leak's later objects are
     * under-sampled (its last third held 5 to 27 % of the survivors in the demo's 70 s recordings). For the
     * same reason the last third is only asked to hold some survivors, not a share.
     */
    static final int MIN_LATER_PERCENT = 35;
    /** Survivors the last third must hold: the class was still being allocated and kept near the end. */
    static final int MIN_LAST_THIRD = 2;
    /** The share of the recording at its end whose survivors may simply not have been collected yet. */
    private static final double YOUNG_FRACTION = 0.10;

    /** The verdict on one class, with its reason in words. */
    record Verdict(boolean growing, String reason) {
    }

    private GrowthRule() {
    }

    /**
     * When the recording's last tenth begins: survivors allocated since may simply not have been collected
     * yet, so they neither make a class growing nor rank its sites.
     */
    static Instant youngSince(Instant start, Instant end) {
        long total = Math.max(1, Duration.between(start, end).toNanos());
        return start.plusNanos(total - Math.round(total * YOUNG_FRACTION));
    }

    /**
     * @param allocationTimes when each survivor of the class was allocated
     * @param start           the recording's start
     * @param end             the recording's end
     */
    static Verdict judge(List<Instant> allocationTimes, Instant start, Instant end) {
        if (allocationTimes.isEmpty()) {
            return new Verdict(false, "no sampled instance survives to the end of the recording");
        }
        long total = Math.max(1, Duration.between(start, end).toNanos());
        long windowEnd = total - Math.round(total * YOUNG_FRACTION);
        long third = windowEnd / 3;
        int[] thirds = new int[3];
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int inWindow = 0;
        for (Instant time : allocationTimes) {
            // an object allocated before the recording began is as old as the recording for this rule
            long at = Math.max(0, Duration.between(start, time).toNanos());
            if (at >= windowEnd) {
                continue;
            }
            inWindow++;
            thirds[(int) Math.min(2, at / Math.max(1, third))]++;
            first = Math.min(first, at);
            last = Math.max(last, at);
        }
        String counts = thirds[0] + ", " + thirds[1] + " and " + thirds[2];
        if (inWindow < MIN_SURVIVORS) {
            return new Verdict(false, allocationTimes.size() + " sampled instance" + (allocationTimes.size() == 1
                    ? " survives" : "s survive") + ", " + inWindow + " of them allocated before the recording's last"
                    + " tenth: too few to judge growth (" + MIN_SURVIVORS + " needed)");
        }
        if (last - first < third) {
            return new Verdict(false, "its " + inWindow + " surviving samples were allocated within "
                    + Human.duration(Duration.ofNanos(last - first)) + ": a burst, not steady growth");
        }
        if ((thirds[1] + thirds[2]) * 100L < (long) MIN_LATER_PERCENT * inWindow || thirds[2] < MIN_LAST_THIRD) {
            return new Verdict(false, "its surviving samples were allocated early (" + counts + " in the three"
                    + " thirds of the recording): it filled and stopped growing, as a cache or a warm-up does");
        }
        return new Verdict(true, inWindow + " surviving samples allocated steadily over the recording (" + counts
                + " in its three thirds, the last tenth left out): instances keep being allocated and kept");
    }
}

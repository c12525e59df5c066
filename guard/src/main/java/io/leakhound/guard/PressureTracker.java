package io.leakhound.guard;

import java.util.Arrays;

/**
 * The guard's decisions, without a clock or a JVM: fed one post-GC reading at a time, it says the level.
 *
 * <p>A level rises only when confirmed: readings at or above its threshold from collections at least
 * {@link #CONFIRM_MILLIS} apart, with no reading below it in between. Why: a burst that the next
 * collection frees is no pressure, and two collections a few milliseconds apart (Parallel's young
 * collection just before a full one) see the same moment, so they are one opinion, not two. A level falls
 * only when a reading is {@link #HYSTERESIS} below its threshold, so a heap hovering at a threshold does
 * not flap. Not thread-safe: the guard feeds it from one thread.
 */
final class PressureTracker {
    /** How far apart two confirming readings must be. */
    static final long CONFIRM_MILLIS = 500;
    /** How far below a threshold (as a fraction of the limit) a reading must be for the level to fall. */
    static final double HYSTERESIS = 0.05;

    private final double[] thresholds;
    /** Per level above NONE: when the current run of readings at or above its threshold began, or -1. */
    private final long[] runSince;
    private PressureLevel level = PressureLevel.NONE;

    PressureTracker(double[] thresholds) {
        this.thresholds = validated(thresholds);
        this.runSince = new long[thresholds.length];
        Arrays.fill(runSince, -1);
    }

    static double[] validated(double[] thresholds) {
        if (thresholds == null || thresholds.length != 3) {
            throw new IllegalArgumentException("expected three thresholds (warning, escalate, critical), got "
                    + (thresholds == null ? "none" : Arrays.toString(thresholds)));
        }
        double previous = 0;
        for (double t : thresholds) {
            if (!(t > previous && t <= 1)) {
                throw new IllegalArgumentException("thresholds must rise strictly within (0, 1], as fractions of the"
                        + " limit (e.g. 0.70, 0.85, 0.95); got " + Arrays.toString(thresholds));
            }
            previous = t;
        }
        return thresholds.clone();
    }

    /** Takes one reading (heap in use after a collection, as a fraction of the limit) and returns the level. */
    PressureLevel accept(long timeMillis, double usedFraction) {
        PressureLevel confirmed = PressureLevel.NONE;
        for (int i = 0; i < thresholds.length; i++) {
            if (usedFraction >= thresholds[i]) {
                if (runSince[i] < 0) {
                    runSince[i] = timeMillis;
                }
                if (timeMillis - runSince[i] >= CONFIRM_MILLIS) {
                    confirmed = PressureLevel.values()[i + 1];
                }
            } else {
                runSince[i] = -1;
            }
        }
        if (confirmed.compareTo(level) > 0) {
            level = confirmed;
        } else if (level != PressureLevel.NONE && usedFraction < thresholds[level.ordinal() - 1] - HYSTERESIS) {
            // fall to the highest level this reading still holds, its own threshold less the hysteresis
            PressureLevel fallen = PressureLevel.NONE;
            for (int i = level.ordinal() - 2; i >= 0; i--) {
                if (usedFraction >= thresholds[i] - HYSTERESIS) {
                    fallen = PressureLevel.values()[i + 1];
                    break;
                }
            }
            level = fallen;
        }
        return level;
    }

    PressureLevel level() {
        return level;
    }

    double[] thresholds() {
        return thresholds.clone();
    }
}

package io.leakhound.junit;

import io.leakhound.series.Human;

import java.util.Locale;

/**
 * The measurements of one check and the verdict on them: a leak when the post-GC heap grew by more than the
 * tolerance in every round. A single growing round is a cache filling or a class loading, not a leak; a
 * leak grows each time. Costs nothing.
 *
 * @param iterations             iterations per round
 * @param postGcUsed             the used heap after the warm-up and after each round, in bytes
 * @param toleranceBytesPerRound growth per round that is not a leak
 */
record RetainedGrowth(int iterations, long[] postGcUsed, long toleranceBytesPerRound) {

    int rounds() {
        return postGcUsed.length - 1;
    }

    long growth(int round) {
        return postGcUsed[round + 1] - postGcUsed[round];
    }

    boolean isLeak() {
        for (int r = 0; r < rounds(); r++) {
            if (growth(r) <= toleranceBytesPerRound) {
                return false;
            }
        }
        return true;
    }

    /** Whether the heap grew over all rounds by more than the tolerance of all rounds, in every round or not. */
    boolean grewOverall() {
        return postGcUsed[rounds()] - postGcUsed[0] > rounds() * toleranceBytesPerRound;
    }

    /** The mean growth of a round. */
    long perRound() {
        return (postGcUsed[rounds()] - postGcUsed[0]) / rounds();
    }

    /** The mean growth of one iteration, at least 1. */
    long perIteration() {
        return Math.max(1, perRound() / iterations);
    }

    /**
     * {@code 1,000 iterations retained 1.0 MB (1.02 KB each) in each of 3 rounds (+1.0 MB, +1.0 MB, +1.0 MB
     * after full GCs; tolerated: 250 KB per round)}.
     */
    String sentence() {
        StringBuilder out = new StringBuilder(160);
        out.append(count(iterations)).append(iterations == 1 ? " iteration retained " : " iterations retained ")
                .append(Human.bytes(perRound())).append(" (").append(Human.bytes(perRound() / iterations))
                .append(" each)");
        out.append(rounds() == 1 ? " in 1 round (" : " in each of " + rounds() + " rounds (");
        for (int r = 0; r < rounds(); r++) {
            out.append(r == 0 ? "" : ", ").append(signed(growth(r)));
        }
        return out.append(" after full GCs; tolerated: ").append(Human.bytes(toleranceBytesPerRound))
                .append(" per round)").toString();
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String signed(long bytes) {
        return (bytes > 0 ? "+" : "") + Human.bytes(bytes);
    }
}

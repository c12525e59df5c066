package io.leakhound.junit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link LeakAssertions#assertNoLeak(LeakCheck, Runnable)} runs a body: an immutable value, changed with
 * withers that return a copy ({@code LeakCheck.defaults().iterations(5_000).rounds(4)}).
 *
 * <p>The check runs {@link #warmUpIterations()} iterations (caches fill, classes load, code compiles), measures
 * the heap after a verified full GC, then runs {@link #rounds()} rounds of {@link #iterations()} iterations and
 * measures after each. It reports a leak only when the retained heap grew in every round by more than
 * {@code iterations × toleranceBytesPerIteration}, or when it grew over the rounds but not in each and then
 * grew again in two longer confirmation rounds (a buffer that doubles its capacity grows in steps).
 *
 * <p>The defaults (200 warm-up iterations, 3 rounds of 1,000, 256 bytes per iteration) fail a body that keeps
 * 1 KiB per call (4 times the tolerance) and pass bodies whose allocations are all garbage, or whose caches
 * fill during warm-up. Costs nothing.
 *
 * @param warmUpIterations          iterations run before the first measurement, at least 0
 * @param iterations                iterations per round, at least 1
 * @param rounds                    rounds, at least 1; a leak must grow in every one of them
 * @param toleranceBytesPerIteration growth per iteration that is not a leak, at least 0
 * @param explain                   on a leak, take two heap dumps and name the holder in the message
 * @param keepDumps                 keep the heap dumps taken to explain a leak (the message says where)
 * @param dumpDirectory             where the dumps and the analysis's scratch files go; null for a new
 *                                  temporary directory
 * @param gcTimeout                 how long to try for a verified full GC before failing the check
 */
public record LeakCheck(int warmUpIterations, int iterations, int rounds, long toleranceBytesPerIteration,
                        boolean explain, boolean keepDumps, Path dumpDirectory, Duration gcTimeout) {

    static final int DEFAULT_WARM_UP = 200;
    static final int DEFAULT_ITERATIONS = 1_000;
    static final int DEFAULT_ROUNDS = 3;
    static final long DEFAULT_TOLERANCE = 256;

    private static final LeakCheck DEFAULTS = new LeakCheck(DEFAULT_WARM_UP, DEFAULT_ITERATIONS, DEFAULT_ROUNDS,
            DEFAULT_TOLERANCE, true, false, null, Duration.ofSeconds(10));

    public LeakCheck {
        atLeast("warmUpIterations", warmUpIterations, 0);
        atLeast("iterations", iterations, 1);
        atLeast("rounds", rounds, 1);
        atLeast("toleranceBytesPerIteration", toleranceBytesPerIteration, 0);
        Objects.requireNonNull(gcTimeout, "gcTimeout");
        if (gcTimeout.isNegative() || gcTimeout.isZero()) {
            throw new IllegalArgumentException("gcTimeout must be positive, got " + gcTimeout);
        }
    }

    /** 200 warm-up iterations, 3 rounds of 1,000 iterations, 256 bytes tolerated per iteration, explained. */
    public static LeakCheck defaults() {
        return DEFAULTS;
    }

    public LeakCheck warmUp(int warmUpIterations) {
        return new LeakCheck(warmUpIterations, iterations, rounds, toleranceBytesPerIteration, explain, keepDumps,
                dumpDirectory, gcTimeout);
    }

    public LeakCheck iterations(int iterations) {
        return new LeakCheck(warmUpIterations, iterations, rounds, toleranceBytesPerIteration, explain, keepDumps,
                dumpDirectory, gcTimeout);
    }

    public LeakCheck rounds(int rounds) {
        return new LeakCheck(warmUpIterations, iterations, rounds, toleranceBytesPerIteration, explain, keepDumps,
                dumpDirectory, gcTimeout);
    }

    public LeakCheck tolerancePerIteration(long bytes) {
        return new LeakCheck(warmUpIterations, iterations, rounds, bytes, explain, keepDumps, dumpDirectory,
                gcTimeout);
    }

    /** Whether a leak is explained from two heap dumps (a few seconds); without, the message has the figures only. */
    public LeakCheck explain(boolean explain) {
        return new LeakCheck(warmUpIterations, iterations, rounds, toleranceBytesPerIteration, explain, keepDumps,
                dumpDirectory, gcTimeout);
    }

    /** Keeps the dumps of a leak in {@code directory} (created if needed) instead of deleting them. */
    public LeakCheck keepDumps(Path directory) {
        return new LeakCheck(warmUpIterations, iterations, rounds, toleranceBytesPerIteration, explain, true,
                Objects.requireNonNull(directory, "directory"), gcTimeout);
    }

    public LeakCheck gcTimeout(Duration timeout) {
        return new LeakCheck(warmUpIterations, iterations, rounds, toleranceBytesPerIteration, explain, keepDumps,
                dumpDirectory, timeout);
    }

    /** The growth per round above which a round counts as growing. */
    long toleranceBytesPerRound() {
        return Math.multiplyExact(toleranceBytesPerIteration, (long) iterations);
    }

    private static void atLeast(String name, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", got " + value);
        }
    }
}

package io.leakhound.agent;

import io.leakhound.guard.MemoryGuard;

/**
 * Where the agent reads the memory-pressure level from: the one small seam between the agent and the
 * {@code guard} module's {@code MemoryGuard} ({@code io.leakhound.guard}), which computes the level against the
 * {@code thresholds} option. The agent never computes a level itself.
 *
 * <p>Implementations are called on the HTTP and metric threads: they return at once and never throw.
 */
interface MemoryPressure {

    /** The level names, in order: {@code NONE} = 0 ... {@code CRITICAL} = 3, as the guard's {@code PressureLevel}. */
    String[] LEVELS = {"NONE", "WARNING", "ESCALATE", "CRITICAL"};

    /** 0 (NONE) to 3 (CRITICAL). */
    int level();

    /** The used fraction of the limit the level is judged against, or NaN when unknown. */
    double usedFraction();

    /** The limit the level is judged against, in bytes, or -1 when unknown. */
    long limitBytes();

    default String levelName() {
        return LEVELS[Math.max(0, Math.min(3, level()))];
    }

    /**
     * The guard's level against {@code thresholds}, or, if the guard cannot start in this JVM (no GC
     * notifications), {@link Unavailable}: level 0, never a failure in the host.
     */
    static MemoryPressure of(double[] thresholds) {
        try {
            return new Guarded(MemoryGuard.builder().thresholds(thresholds[0], thresholds[1], thresholds[2]).start());
        } catch (RuntimeException | LinkageError e) {
            return new Unavailable();
        }
    }

    /** The guard's readings: post-GC heap against the effective limit (max heap, container limit). */
    record Guarded(MemoryGuard guard) implements MemoryPressure {
        @Override
        public int level() {
            return guard.level().ordinal();
        }

        @Override
        public double usedFraction() {
            return guard.usedFraction();
        }

        @Override
        public long limitBytes() {
            return guard.limitBytes();
        }
    }

    /** No guard: level 0; the used fraction is the heap after the last collection against the maximum heap. */
    final class Unavailable implements MemoryPressure {
        @Override
        public int level() {
            return 0;
        }

        @Override
        public double usedFraction() {
            long limit = limitBytes();
            long used = JvmMemory.heapAfterLastGc();
            return limit > 0 && used >= 0 ? (double) used / limit : Double.NaN;
        }

        @Override
        public long limitBytes() {
            return JvmMemory.maxHeap();
        }
    }
}

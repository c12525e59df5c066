package io.leakhound.agent;

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
     * MERGE POINT (issue 17): the guard module ({@code r3-guard}) is not on this branch yet. Until it is wired here
     * ({@code MemoryGuard.builder().thresholds(t[0], t[1], t[2]).start()}, level = {@code guard.level().ordinal()},
     * {@code usedFraction()}, {@code limitBytes()}), the level is always 0 (NONE): the guard is unavailable, and
     * no second copy of it is written here. The figures are the heap's after the last collection, for the health
     * JSON, and say nothing about the level.
     */
    static MemoryPressure of(double[] thresholds) {
        return new Unavailable();
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

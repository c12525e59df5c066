package io.leakhound.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM for {@link MemoryGuardIT}: first a burst the next collection frees, then a live set that
 * grows 256 KB at a time, with a collection every step, until the guard says CRITICAL. Prints each level
 * change as {@code level FROM->TO} and ends normally.
 */
public final class FillingService {
    /** 256 KB: below G1's humongous size even with 1 MB regions. */
    private static final int CHUNK = 256 << 10;

    private FillingService() {
    }

    public static void main(String[] args) throws Exception {
        // thresholds below the collectors' own headroom: in a 64 MB heap G1 ran out at 65 % after GC in this test: the young generation and region waste need the rest
        try (MemoryGuard guard = MemoryGuard.builder().thresholds(0.40, 0.50, 0.60).start()) {
            guard.onChange((from, to) -> System.out.println("level " + from + "->" + to));
            long limit = guard.limitBytes();
            // a burst to 80 % of the limit that is garbage by the next collection
            List<byte[]> burst = new ArrayList<>();
            while (used() < limit * 0.80) {
                burst.add(new byte[CHUNK]);
            }
            System.gc();
            burst = null;
            System.gc();
            Thread.sleep(700);
            System.gc();
            Thread.sleep(200);
            System.out.println("after burst " + guard.level());
            List<byte[]> live = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 60_000;
            while (guard.level() != PressureLevel.CRITICAL && System.currentTimeMillis() < deadline) {
                if (Double.isNaN(guard.usedFraction()) || guard.usedFraction() < 0.80) {
                    live.add(new byte[CHUNK]);
                }
                System.gc();
                Thread.sleep(40);
            }
            System.out.println("admits NORMAL " + guard.admit(Priority.NORMAL) + ", CRITICAL "
                    + guard.admit(Priority.CRITICAL) + ", held " + live.size() / 4 + " MB");
        }
        System.out.println("done");
    }

    private static long used() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}

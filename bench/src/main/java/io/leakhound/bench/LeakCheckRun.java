package io.leakhound.bench;

import io.leakhound.junit.LeakAssertions;
import io.leakhound.junit.LeakCheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Issue 7's benchmark: how long {@code assertNoLeak} takes on a cheap clean body with 1,000 iterations per round
 * (the default check: 200 warm-up iterations, then 3 rounds of 1,000 with a verified full GC after each), the
 * first check in a fresh JVM and the following ones, and how long a failing check takes with its heap-dump
 * explanation (a body that keeps 1 KiB per call). Every clean check must pass and every leaking one fail:
 * the run counts both.
 *
 * <p>usage: {@code LeakCheckRun [CLEAN_CHECKS (default 20)] [LEAK_CHECKS (default 3)] [BALLAST_MIB (default 0)]};
 * the ballast is live data held through the run (a test JVM with a loaded application context), in 64 KiB
 * arrays under a list, so that every full GC has that much to mark. Prints one {@code RESULT} line.
 */
public final class LeakCheckRun {

    private static final List<byte[]> RETAINED = new ArrayList<>();
    private static long sink;
    /** Live data every full GC must mark, as an application's context in a test JVM. */
    private static final List<byte[]> BALLAST = new ArrayList<>();

    private LeakCheckRun() {
    }

    public static void main(String[] args) {
        int cleanChecks = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int leakChecks = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int ballastMib = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        for (int i = 0; i < ballastMib * 16; i++) {
            BALLAST.add(new byte[64 * 1024]);
        }
        // cheap and clean: a little string building, all of it garbage
        Runnable clean = () -> sink += ("order-" + sink % 1000).hashCode();
        double[] cleanSeconds = new double[cleanChecks];
        int falseLeaks = 0;
        for (int i = 0; i < cleanChecks; i++) {
            long start = System.nanoTime();
            try {
                LeakAssertions.assertNoLeak(LeakCheck.defaults(), clean);
            } catch (AssertionError e) {
                falseLeaks++;
                System.out.println("FALSE LEAK " + e.getMessage());
            }
            cleanSeconds[i] = (System.nanoTime() - start) / 1e9;
        }
        double[] leakSeconds = new double[leakChecks];
        int missedLeaks = 0;
        for (int i = 0; i < leakChecks; i++) {
            long start = System.nanoTime();
            try {
                LeakAssertions.assertNoLeak(LeakCheck.defaults(), () -> RETAINED.add(new byte[1024]));
                missedLeaks++;
            } catch (AssertionError e) {
                if (i == 0) {
                    System.out.println("LEAK MESSAGE " + e.getMessage());
                }
            }
            leakSeconds[i] = (System.nanoTime() - start) / 1e9;
            RETAINED.clear();
        }
        System.out.printf(Locale.ROOT, "RESULT tool=leakhound-junit ballastMiB=%d cleanChecks=%d firstCheckSeconds=%.3f "
                        + "medianCheckSeconds=%.3f maxCheckSeconds=%.3f falseLeaks=%d leakChecks=%d "
                        + "medianLeakCheckSeconds=%.3f missedLeaks=%d%n",
                ballastMib, cleanChecks, cleanSeconds.length > 0 ? cleanSeconds[0] : 0, median(cleanSeconds),
                Arrays.stream(cleanSeconds).max().orElse(0), falseLeaks, leakChecks, median(leakSeconds), missedLeaks);
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

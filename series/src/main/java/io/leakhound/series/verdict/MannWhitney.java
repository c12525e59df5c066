package io.leakhound.series.verdict;

import java.util.Arrays;

/**
 * The Mann-Whitney U test, one-sided: is a sample {@code x} larger than {@code y}? Rank-based, so one wild
 * value in either group moves the statistic by one rank, not by its size. Exact (every split of the pooled
 * values into groups of the two sizes, ties counted half) for small groups, which a canary is; the normal
 * approximation with a tie correction beyond. Used to compare a canary's growth rates with its baseline's.
 */
public final class MannWhitney {

    /** Splits enumerated for the exact p-value at most; beyond, the normal approximation. */
    static final int MAX_EXACT_SPLITS = 200_000;

    private MannWhitney() {
    }

    /** U: the pairs (x, y) with x above y, a tie counting half. */
    public static double u(double[] x, double[] y) {
        double u = 0;
        for (double a : x) {
            for (double b : y) {
                u += a > b ? 1 : a == b ? 0.5 : 0;
            }
        }
        return u;
    }

    /** P(U >= observed) when both samples come from one distribution: small when x is larger. */
    public static double pGreater(double[] x, double[] y) {
        int n = x.length;
        int m = y.length;
        if (n == 0 || m == 0) {
            return 1;
        }
        double observed = u(x, y);
        double[] pooled = new double[n + m];
        System.arraycopy(x, 0, pooled, 0, n);
        System.arraycopy(y, 0, pooled, n, m);
        if (binomial(n + m, n) <= MAX_EXACT_SPLITS) {
            long[] counts = new long[2];
            enumerate(pooled, new int[n], 0, 0, observed, counts);
            return (double) counts[0] / counts[1];
        }
        double mean = n * m / 2.0;
        double[] sorted = pooled.clone();
        Arrays.sort(sorted);
        double ties = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            double t = j - i;
            ties += t * t * t - t;
            i = j;
        }
        int total = n + m;
        double variance = n * m / 12.0 * ((total + 1) - ties / ((double) total * (total - 1)));
        if (variance <= 0) {
            return 1;
        }
        double z = (observed - mean - 0.5) / Math.sqrt(variance);
        return 1 - MannKendall.normalCdf(z);
    }

    /** counts[0]: splits with U at least the observed; counts[1]: all splits. */
    private static void enumerate(double[] pooled, int[] chosen, int depth, int from, double observed, long[] counts) {
        if (depth == chosen.length) {
            boolean[] inX = new boolean[pooled.length];
            for (int c : chosen) {
                inX[c] = true;
            }
            double u = 0;
            for (int i = 0; i < pooled.length; i++) {
                if (!inX[i]) {
                    continue;
                }
                for (int j = 0; j < pooled.length; j++) {
                    if (!inX[j]) {
                        u += pooled[i] > pooled[j] ? 1 : pooled[i] == pooled[j] ? 0.5 : 0;
                    }
                }
            }
            counts[1]++;
            if (u >= observed - 1e-9) {
                counts[0]++;
            }
            return;
        }
        for (int i = from; i <= pooled.length - (chosen.length - depth); i++) {
            chosen[depth] = i;
            enumerate(pooled, chosen, depth + 1, i + 1, observed, counts);
        }
    }

    /** The smallest p-value {@link #pGreater} can give for groups of these sizes: no split is more extreme. */
    public static double smallestP(int n, int m) {
        return 1 / binomial(n + m, n);
    }

    private static double binomial(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }
}

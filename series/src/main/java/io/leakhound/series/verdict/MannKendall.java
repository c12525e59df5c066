package io.leakhound.series.verdict;

/**
 * The Mann–Kendall test for a monotonic trend: counts the pairs of points that rise against those that
 * fall, and compares that count with what a trendless series would give. It needs no assumption about the
 * shape of the growth or the distribution of the noise, and the tie correction matters here because GC logs
 * round sizes to whole megabytes, so equal values are common.
 *
 * <p>O(n²) time on the (thinned) series, no allocation beyond the tie groups.
 */
final class MannKendall {

    private MannKendall() {
    }

    /**
     * @param s      the Mann–Kendall statistic: rising pairs minus falling pairs
     * @param varS   its variance under "no trend", corrected for ties
     * @param z      the normal score with continuity correction
     * @param pValue the two-sided probability of a trend at least this strong in a trendless series
     * @param tau    Kendall's tau-a: {@code s} over the number of pairs, in [-1, 1]
     */
    record Result(long s, double varS, double z, double pValue, double tau) {
        /** Whether the series rises at the given significance level (two-sided test). */
        boolean rises(double alpha) {
            return s > 0 && pValue < alpha;
        }
    }

    static Result test(double[] y) {
        int n = y.length;
        long s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                s += Double.compare(y[j], y[i]) > 0 ? 1 : (Double.compare(y[j], y[i]) < 0 ? -1 : 0);
            }
        }
        double varS = (double) n * (n - 1) * (2L * n + 5) - tieTerm(y);
        varS /= 18.0;
        double z;
        if (varS <= 0) {
            z = 0;
        } else if (s > 0) {
            z = (s - 1) / Math.sqrt(varS);
        } else if (s < 0) {
            z = (s + 1) / Math.sqrt(varS);
        } else {
            z = 0;
        }
        double p = z == 0 ? 1 : 2 * (1 - normalCdf(Math.abs(z)));
        double pairs = n * (n - 1) / 2.0;
        return new Result(s, varS, z, Math.min(1, Math.max(0, p)), pairs == 0 ? 0 : s / pairs);
    }

    // sum over groups of tied values of t(t-1)(2t+5)
    private static double tieTerm(double[] y) {
        double[] sorted = y.clone();
        java.util.Arrays.sort(sorted);
        double term = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[i]) {
                j++;
            }
            long t = j - i + 1;
            if (t > 1) {
                term += (double) t * (t - 1) * (2 * t + 5);
            }
            i = j + 1;
        }
        return term;
    }

    /** The standard normal cumulative distribution (Zelen and Severo, 7.1.26; error below 1.5e-7). */
    static double normalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                * t * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}

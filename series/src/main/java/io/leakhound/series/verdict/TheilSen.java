package io.leakhound.series.verdict;

import java.util.Arrays;

/**
 * The Theil–Sen estimator: the median of the slopes between all pairs of points, a straight-line fit that
 * ignores up to about 29 % of wild points (a load spike, a collection that ran at an odd moment).
 *
 * <p>Costs O(n²) time and O(n²) memory for the pair slopes, so callers thin their series first; the engine
 * never passes more than a few hundred points.
 */
final class TheilSen {

    private TheilSen() {
    }

    /** A fitted line {@code y = intercept + slope * (x - origin)}. */
    record Fit(double origin, double intercept, double slope) {
        double at(double x) {
            return intercept + slope * (x - origin);
        }
    }

    /**
     * Fits a line; pairs with equal x are skipped. The intercept is the median of {@code y - slope * (x - x[0])},
     * so the line passes through the middle of the points rather than through one of them.
     *
     * @throws IllegalArgumentException for arrays of different lengths or fewer than two distinct x values
     */
    static Fit fit(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        int n = x.length;
        double[] slopes = new double[n * (n - 1) / 2];
        int m = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = x[j] - x[i];
                if (dx != 0) {
                    slopes[m++] = (y[j] - y[i]) / dx;
                }
            }
        }
        if (m == 0) {
            throw new IllegalArgumentException("need two points with distinct x, got " + n + " points");
        }
        double slope = median(slopes, m);
        double[] residual = new double[n];
        for (int i = 0; i < n; i++) {
            residual[i] = y[i] - slope * (x[i] - x[0]);
        }
        return new Fit(x[0], median(residual, n), slope);
    }

    /** The median of the first {@code n} values (sorts them in place). */
    static double median(double[] values, int n) {
        if (n == 0) {
            throw new IllegalArgumentException("median of no values");
        }
        Arrays.sort(values, 0, n);
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}

package io.leakhound.series.verdict;

import java.util.Arrays;

/**
 * Finds when growth began in a thinned baseline that is flat first and rises later (a leak triggered by a
 * feature, a traffic change, a slow-burning bug), so that the growth rate is fitted after the onset rather
 * than diluted by the flat start.
 *
 * <p>Tries every split: a flat level (median) before it and a Theil–Sen line after it, scored by absolute
 * deviations, against one Theil–Sen line through everything. O(m³) for m thinned points (m ≤ 40).
 */
final class OnsetDetector {

    /** The two-part fit must cut the deviations of a single line by at least this share. */
    static final double MIN_IMPROVEMENT = 0.35;

    private OnsetDetector() {
    }

    /** The index where growth began, or 0 when it grew from the start (or did not grow). */
    static int onset(double[] t, double[] v) {
        int m = t.length;
        if (m < 8) {
            return 0;
        }
        TheilSen.Fit all = TheilSen.fit(t, v);
        double costAll = cost(t, v, 0, m, all);
        double span = t[m - 1] - t[0];
        int best = 0;
        double bestCost = costAll;
        for (int k = 3; k <= m - 4; k++) {
            if (t[k] - t[0] < 0.1 * span) {
                continue;
            }
            double[] pre = Arrays.copyOfRange(v, 0, k);
            double level = TheilSen.median(pre.clone(), k);
            TheilSen.Fit post = TheilSen.fit(Arrays.copyOfRange(t, k, m), Arrays.copyOfRange(v, k, m));
            if (post.slope() <= 0) {
                continue;
            }
            TheilSen.Fit preFit = TheilSen.fit(Arrays.copyOfRange(t, 0, k), pre);
            if (preFit.slope() > 0.25 * post.slope()) {
                continue;
            }
            double c = 0;
            for (int i = 0; i < k; i++) {
                c += Math.abs(v[i] - level);
            }
            c += cost(t, v, k, m, post);
            if (c < bestCost) {
                bestCost = c;
                best = k;
            }
        }
        return best > 0 && bestCost <= (1 - MIN_IMPROVEMENT) * costAll ? best : 0;
    }

    private static double cost(double[] t, double[] v, int from, int to, TheilSen.Fit fit) {
        double c = 0;
        for (int i = from; i < to; i++) {
            c += Math.abs(v[i] - fit.at(t[i]));
        }
        return c;
    }
}

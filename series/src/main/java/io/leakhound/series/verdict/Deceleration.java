package io.leakhound.series.verdict;

import java.util.Arrays;

/**
 * Whether a thinned baseline decelerates: levels off (its late slope a small share of its overall slope) or
 * bends at a knee (fast, then under half as fast).
 */
final class Deceleration {

    /** A late slope under this share of the early slope is growth that levels off. */
    static final double LEVELLING_RATIO = 0.3;
    /** A knee must cut the deviations of one line to this share, */
    static final double KNEE_COST = 0.5;
    /** and the slope after it must be under this share of the slope before it. */
    static final double KNEE_RATIO = 0.5;
    /** A knee earlier than this share of the span is the service starting up. */
    static final double KNEE_EARLIEST = 0.05;

    /**
     * A leak keeps its pace: its late half grows at least this share of its early half's rate. Growth that
     * slows more than that (a cache filling towards its bound, a one-time load, a warm-up) is not called a
     * leak, even before it has levelled off: a prefix of a decelerating curve must not be a LEAK.
     */
    static final double LEAK_PACE = 0.5;

    private Deceleration() {
    }

    /**
     * Whether the thinned baseline levels off: its last half grows at under {@value #LEVELLING_RATIO} of the
     * average rate from its first fifth to its last fifth. Medians of the fifths, not single points, so a
     * spike at either end does not decide; Theil–Sen for the last half, so a few wild points do not either.
     */
    static boolean levelsOff(double[] t, double[] v, long resolution) {
        int m = t.length;
        if (m < 6) {
            return false;
        }
        int fifth = Math.max(1, m / 5);
        double overall = (level(v, m - fifth, m) - level(v, 0, fifth))
                / (level(t, m - fifth, m) - level(t, 0, fifth));
        int half = m / 2;
        double late = TheilSen.fit(Arrays.copyOfRange(t, half, m), Arrays.copyOfRange(v, half, m)).slope();
        return overall > 0 && late < LEVELLING_RATIO * overall && overall * (t[m - 1] - t[half]) > 2 * resolution;
    }

    /**
     * Whether the thinned baseline is better described by two lines meeting at a knee than by one line, the
     * second under half as steep as the first. The knee must come after the start-up of the service
     * (at least {@value #KNEE_EARLIEST} of the span in) and the growth before it must be material
     * ({@code minGrowth} twice over, and a sixth of the growth after it): a service that starts up and then
     * leaks also grows fast for a few seconds first.
     */
    static boolean decelerates(double[] t, double[] v, double minGrowth) {
        int m = t.length;
        if (m < 10) {
            return false;
        }
        TheilSen.Fit all = TheilSen.fit(t, v);
        double costAll = 0;
        for (int i = 0; i < m; i++) {
            costAll += Math.abs(v[i] - all.at(t[i]));
        }
        double span = t[m - 1] - t[0];
        double bestCost = Double.POSITIVE_INFINITY;
        int bestK = -1;
        TheilSen.Fit bestA = null;
        TheilSen.Fit bestB = null;
        for (int k = 4; k <= m - 5; k++) {
            TheilSen.Fit a = TheilSen.fit(Arrays.copyOfRange(t, 0, k + 1), Arrays.copyOfRange(v, 0, k + 1));
            TheilSen.Fit b = TheilSen.fit(Arrays.copyOfRange(t, k, m), Arrays.copyOfRange(v, k, m));
            double c = 0;
            for (int i = 0; i < m; i++) {
                c += Math.abs(v[i] - (i <= k ? a.at(t[i]) : b.at(t[i])));
            }
            if (c < bestCost) {
                bestCost = c;
                bestK = k;
                bestA = a;
                bestB = b;
            }
        }
        if (bestK < 0 || bestA.slope() <= 0 || bestCost > KNEE_COST * costAll) {
            return false;
        }
        double before = bestA.slope() * (t[bestK] - t[0]);
        double after = Math.max(0, bestB.slope()) * (t[m - 1] - t[bestK]);
        return t[bestK] - t[0] >= KNEE_EARLIEST * span
                && bestB.slope() < KNEE_RATIO * bestA.slope()
                && before >= 2 * minGrowth
                && before >= after / 6;
    }

    static double lateSlopePerHour(double[] t, double[] v) {
        int half = t.length / 2;
        return TheilSen.fit(Arrays.copyOfRange(t, half, t.length), Arrays.copyOfRange(v, half, t.length)).slope()
                * 3_600_000.0;
    }

    static double level(double[] v, int from, int to) {
        double[] part = Arrays.copyOfRange(v, from, to);
        return TheilSen.median(part, part.length);
    }

    static int firstAtOrAfter(double[] t, double value) {
        int i = 0;
        while (i < t.length - 1 && t[i] < value) {
            i++;
        }
        return i;
    }

    /**
     * Whether the late half of the thinned baseline grows at under {@value #LEAK_PACE} of its early half's
     * rate (Theil–Sen over each half), the early half's rise being more than two steps of the log's
     * resolution (a slow rise in coarse steps may be flat over one half by chance).
     */
    static boolean slowsDown(double[] t, double[] v, long resolution) {
        int m = t.length;
        if (m < 8) {
            return false;
        }
        int half = m / 2;
        double early = TheilSen.fit(Arrays.copyOfRange(t, 0, half + 1), Arrays.copyOfRange(v, 0, half + 1)).slope();
        double late = TheilSen.fit(Arrays.copyOfRange(t, half, m), Arrays.copyOfRange(v, half, m)).slope();
        return early > 0 && early * (t[half] - t[0]) > 2 * resolution && late < LEAK_PACE * early;
    }
}

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
    /** Slowing down counts only when the late part falls this many times its noise behind the early pace. */
    static final double SHORTFALL_OVER_NOISE = 3;

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
        TheilSen.Fit lateFit = TheilSen.fit(Arrays.copyOfRange(t, half, m), Arrays.copyOfRange(v, half, m));
        double late = lateFit.slope();
        return early > 0 && early * (t[half] - t[0]) > 2 * resolution && late < LEAK_PACE * early
                && fallsBehindBeyondNoise(t, v, half, early, lateFit, resolution);
    }

    /** Each third of a steadily slowing rise runs at under this share of the third before it, */
    static final double THIRD_RATIO = 0.8;
    /**
     * and, for plain samples (RSS, a usage CSV, judged through their rolling minimum), at under this share of
     * the first: a steady line seen through the rolling minimum of noisy samples has its thirds' slopes fall in
     * order by chance, down to about half (measured on 2,000 noisy lines at the property test's edges: 1 at
     * {@value #LEAK_PACE}, none at 0.4). A GC log's post-GC baseline does not scatter like that.
     */
    static final double SAMPLED_LAST_THIRD_PACE = 0.4;

    /**
     * Whether the thinned baseline keeps slowing down: each third of it grows at under {@value #THIRD_RATIO}
     * of the third before (Theil–Sen over each third), and the last third at under {@value #LEAK_PACE} of the
     * first. That is the concave curve of a cache filling towards its bound or a load that tapers off, seen
     * before it has levelled off. A leak on top of a warm-up slows once, then keeps its pace: its last two
     * thirds run alike. The first third's rise must be more than two steps of the log's resolution (a slow
     * rise in coarse steps may be flat over a third by chance).
     */
    static boolean keepsSlowing(double[] tAll, double[] vAll, long resolution, boolean sampled) {
        // the first point may predate the application's start: a jump there is no early pace
        double[] t = Arrays.copyOfRange(tAll, 1, tAll.length);
        double[] v = Arrays.copyOfRange(vAll, 1, vAll.length);
        int m = t.length;
        if (m < 9) {
            return false;
        }
        int a = m / 3;
        int b = 2 * m / 3;
        double first = TheilSen.fit(Arrays.copyOfRange(t, 0, a + 1), Arrays.copyOfRange(v, 0, a + 1)).slope();
        double second = TheilSen.fit(Arrays.copyOfRange(t, a, b + 1), Arrays.copyOfRange(v, a, b + 1)).slope();
        TheilSen.Fit last = TheilSen.fit(Arrays.copyOfRange(t, b, m), Arrays.copyOfRange(v, b, m));
        double third = last.slope();
        return first > 0 && first * (t[a] - t[0]) > 2 * resolution
                && second < THIRD_RATIO * first && third < THIRD_RATIO * second && third < (sampled ? SAMPLED_LAST_THIRD_PACE : LEAK_PACE) * first
                && fallsBehindBeyondNoise(t, v, b, first, last, resolution);
    }

    /**
     * Whether the stretch from {@code from} on falls behind the early pace by more than
     * {@value #SHORTFALL_OVER_NOISE} times its noise (the scatter around its own line, and at least the log's
     * resolution, since values rounded to megabytes or 2 MB pages scatter less than they are unsure): on a
     * steady line whose rise is a few times its noise, the slopes of its parts scatter enough to fall in order by
     * chance.
     */
    static boolean fallsBehindBeyondNoise(double[] t, double[] v, int from, double earlySlope, TheilSen.Fit late,
                                          long resolution) {
        int n = t.length - from;
        double[] residuals = new double[n];
        for (int i = from; i < t.length; i++) {
            residuals[i - from] = Math.abs(v[i] - late.at(t[i]));
        }
        double noise = Math.max(Math.max(1.4826 * TheilSen.median(residuals, n), neighbourNoise(v)), resolution);
        double shortfall = (earlySlope - late.slope()) * (t[t.length - 1] - t[from]);
        return shortfall > SHORTFALL_OVER_NOISE * noise;
    }

    /**
     * The scatter of single windows, from the typical change between neighbours (the median, which a few jumps
     * do not move; over √2, since each change has two windows' noise in it). A smooth curve changes little from
     * one window to the next, whatever its shape; noise changes as much as it scatters.
     */
    static double neighbourNoise(double[] v) {
        double[] moves = new double[v.length - 1];
        for (int k = 1; k < v.length; k++) {
            moves[k - 1] = Math.abs(v[k] - v[k - 1]);
        }
        return moves.length == 0 ? 0 : 1.4826 * TheilSen.median(moves, moves.length) / Math.sqrt(2);
    }

    /** Jumps in at most this share of the windows carrying most of a rise make it a staircase, */
    static final double STEP_WINDOWS = 0.2;
    /**
     * "most" meaning this share of the rise from the first fifth of the windows to the last: nearly all of it,
     * since a leak seen in coarse steps (ZGC's 2 MB pages) also makes two thirds of its rise in its largest
     * fifth of jumps, but keeps rising between them.
     */
    static final double STEP_SHARE = 0.85;
    /** and the largest jump this many times the typical change between neighbouring windows. */
    static final double STEP_OVER_NOISE = 4;

    /**
     * Whether the thinned baseline rose in a few clean jumps and was flat in between: a jump counts by how
     * far every window after it stands above every window before it, and the largest jumps, in at most
     * {@value #STEP_WINDOWS} of the windows (two at least), make at least {@value #STEP_SHARE} of the rise (median of the last
     * fifth over median of the first), the largest being at least the material {@code floor} and four steps
     * of the log's resolution. A load that holds memory across collections (batches, spikes whose end the
     * log has not reached yet) looks like that, whereas a leak adds a little in every window, and noise
     * (ZGC's pages) gives no clean jump at all. A few steps cannot tell them apart. O(m log m) on m windows.
     */
    static boolean risesInSteps(double[] vAll, double floor, long resolution) {
        // the first window may predate the application's start: its jump to the next is no step of a load
        double[] v = Arrays.copyOfRange(vAll, Math.min(1, vAll.length), vAll.length);
        int m = v.length;
        if (m < 6) {
            return false;
        }
        double[] lowestFrom = new double[m];
        double low = Double.POSITIVE_INFINITY;
        for (int k = m - 1; k >= 0; k--) {
            low = Math.min(low, v[k]);
            lowestFrom[k] = low;
        }
        double highestBefore = v[0];
        // a jump into the last window is one point above the rest, not yet a level: it does not count
        double[] jumps = new double[m - 1];
        for (int k = 1; k < m - 1; k++) {
            jumps[k - 1] = Math.max(0, lowestFrom[k] - highestBefore);
            highestBefore = Math.max(highestBefore, v[k]);
        }
        Arrays.sort(jumps);
        double top = 0;
        int steps = Math.min(jumps.length, Math.max(2, (int) (STEP_WINDOWS * jumps.length)));
        // only jumps of several steps of the log's resolution count: a slow leak in ZGC's 2 MB pages also
        // rises in clean jumps of a page or two, flat in between, but in many of them
        double smallestStep = Math.max(floor / 2, 4.0 * resolution);
        for (int i = 0; i < steps && jumps[jumps.length - 1 - i] >= smallestStep; i++) {
            top += jumps[jumps.length - 1 - i];
        }
        int fifth = Math.max(1, m / 5);
        double rise = level(v, m - fifth, m) - level(v, 0, fifth);
        // flat in between: the typical change from one window to the next (robust: the median, which the few
        // jumps do not move) is small beside the largest jump; a noisy line's rolling minimum also rises in a
        // few jumps when it has only a handful of windows, but changes as much between them
        double windowNoise = neighbourNoise(v);
        double largest = jumps[jumps.length - 1];
        return rise > 0 && top >= STEP_SHARE * rise && largest >= Math.max(floor, 4.0 * resolution)
                && largest >= STEP_OVER_NOISE * windowNoise;
    }
}

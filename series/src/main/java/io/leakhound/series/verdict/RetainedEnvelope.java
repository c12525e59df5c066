package io.leakhound.series.verdict;

import java.util.Arrays;

/**
 * The retained envelope of a post-GC baseline: at each point, the lowest value seen at that point or any later
 * one. Whatever a later cleaning collection gave back was not retained, so the envelope rises only with memory
 * that survived every later collection. It is trusted up to the last cleaning collection ({@link #trustedEnd}).
 */
final class RetainedEnvelope {

    private RetainedEnvelope() {
    }

    static long[] suffixMinima(long[] v) {
        long[] s = new long[v.length];
        long min = Long.MAX_VALUE;
        for (int i = v.length - 1; i >= 0; i--) {
            min = Math.min(min, v[i]);
            s[i] = min;
        }
        return s;
    }

    /** The last index where the retained envelope is trustworthy, or -1. */
    static int trustedEnd(PostGcBaseline p) {
        int n = p.size;
        if (p.everyPointCleans) {
            // every point is a reset, but the last few have few later points to correct them
            long cut = p.millis[0] + (long) ((p.millis[n - 1] - p.millis[0]) * 0.85);
            int i = n - 1;
            while (i > 0 && p.millis[i] > cut) {
                i--;
            }
            return i;
        }
        for (int i = n - 1; i >= 0; i--) {
            if (p.reset[i]) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the retained envelope between two indices rises in its first half and stays flat in its second. */
    static boolean levelsOff(PostGcBaseline p, long[] retained, int from, int to, long resolution) {
        long mid = (p.millis[from] + p.millis[to]) / 2;
        int midIdx = firstAtOrAfter(p.millis, mid);
        double first = (retained[midIdx] - retained[from]) / (double) Math.max(1, p.millis[midIdx] - p.millis[from]);
        double second = (retained[to] - retained[midIdx]) / (double) Math.max(1, p.millis[to] - p.millis[midIdx]);
        // at the first half's pace the second half must have risen by more than two steps of the log's
        // resolution for its flatness to mean anything: a slow rise in coarse steps is flat between steps
        double expectedSecond = first * (p.millis[to] - p.millis[midIdx]);
        return first > 0 && second < Deceleration.LEVELLING_RATIO * first && expectedSecond > 2 * resolution;
    }

    static double retainedSlopePerHour(PostGcBaseline p, int[] picked, long[] retained, double[] tb) {
        int trusted = trustedEnd(p);
        int m = picked.length;
        while (trusted >= 0 && m > 0 && picked[m - 1] > trusted) {
            m--;
        }
        if (m < 2 || tb[m - 1] == tb[0]) {
            return Double.POSITIVE_INFINITY;
        }
        double[] r = new double[m];
        for (int k = 0; k < m; k++) {
            r[k] = retained[picked[k]];
        }
        return TheilSen.fit(Arrays.copyOf(tb, m), r).slope() * 3_600_000.0;
    }

    static boolean grewThenLevelled(PostGcBaseline p, int[] picked, long[] retained, double[] tb,
                                            double minGrowth) {
        int trusted = trustedEnd(p);
        int m = picked.length;
        if (trusted >= 0 && p.millis[trusted] - p.millis[0] >= 0.5 * (p.millis[p.size - 1] - p.millis[0])) {
            while (m > 0 && picked[m - 1] > trusted) {
                m--;
            }
        }
        if (m < 6) {
            return false;
        }
        double[] t = Arrays.copyOf(tb, m);
        double[] r = new double[m];
        for (int k = 0; k < m; k++) {
            r[k] = retained[picked[k]];
        }
        // the envelope never falls, so its second point is its early level (the first may predate the
        // application's start), and it needs no medians: compare its rise over each half of the time
        if (r[m - 1] - r[1] < minGrowth) {
            return false;
        }
        int mid = Math.max(2, Deceleration.firstAtOrAfter(t, (t[1] + t[m - 1]) / 2));
        double first = (r[mid] - r[1]) / Math.max(1, t[mid] - t[1]);
        double second = (r[m - 1] - r[mid]) / Math.max(1, t[m - 1] - t[mid]);
        return first > 0 && second < Deceleration.LEVELLING_RATIO * first;
    }

    /** Cleaning episodes (runs of consecutive resets) needed before the garbage can be taken off. */
    static final int MIN_CLEANING_EPISODES = 2;

    /**
     * The baseline at the thinned points {@code picked} (indices into {@code p}) from {@code fromIdx} up to the
     * last cleaning collection, less the promoted garbage the next cleaning collection gave back. Between two
     * cleaning collections the baseline rises by what is kept and by promoted garbage alike, and drops at the
     * next cleaning by the garbage; the drop over the cycle's length is that cycle's garbage rate, taken off
     * each point by its time into the cycle. So a leak on top of promoted garbage keeps its pace here, where its
     * raw baseline seems to slow at every cleaning drop and its envelope is a staircase (flat up to the level
     * the next cleaning falls to), while a cache that filled and now evicts still levels off. Null when every
     * point cleans (nothing to correct) or fewer than {@value #MIN_CLEANING_EPISODES} cleaning episodes follow
     * {@code fromIdx}.
     */
    static double[][] withoutPromotedGarbage(PostGcBaseline p, long[] retained, int fromIdx, int[] picked) {
        int trusted = trustedEnd(p);
        if (p.everyPointCleans || p.rawSamples || trusted <= fromIdx) {
            return null;
        }
        int episodes = 0;
        for (int i = fromIdx + 1; i <= trusted; i++) {
            episodes += p.reset[i] && !p.reset[i - 1] ? 1 : 0;
        }
        // One cleaning cannot tell a leak on top of garbage promoted at a steady rate from an LRU cache, whose
        // promoted entries become garbage as fast as they came in once it is full: both rise in a straight
        // line and drop once. Only the floors of two cleanings or more can say whether what is kept still grows.
        if (episodes < MIN_CLEANING_EPISODES) {
            return null;
        }
        // per point up to the trusted end: the garbage rate of the cycle it lies in, and the cycle's start
        double[] rate = new double[trusted + 1];
        long[] cycleStart = new long[trusted + 1];
        int from = fromIdx;
        int i = fromIdx + 1;
        while (i <= trusted) {
            if (!p.reset[i]) {
                i++;
                continue;
            }
            int episodeEnd = i;
            while (episodeEnd + 1 <= trusted && p.reset[episodeEnd + 1]) {
                episodeEnd++;
            }
            int peak = i - 1;
            long floorStart = p.millis[from];
            double cycle = Math.max(1, p.millis[peak] - floorStart);
            double g = Math.max(0, p.bytes[peak] - retained[episodeEnd]) / cycle;
            for (int k = from + 1; k <= peak; k++) {
                rate[k] = g;
                cycleStart[k] = floorStart;
            }
            from = episodeEnd;
            i = episodeEnd + 1;
        }
        int m = 0;
        while (m < picked.length && picked[m] <= from) {
            m++;
        }
        double[] t = new double[m];
        double[] v = new double[m];
        for (int k = 0; k < m; k++) {
            int j = picked[k];
            t[k] = p.millis[j];
            v[k] = p.reset[j] ? retained[j] : p.bytes[j] - rate[j] * (p.millis[j] - cycleStart[j]);
        }
        return new double[][] {t, v};
    }

    static int firstAtOrAfter(long[] t, long millis) {
        int i = Arrays.binarySearch(t, millis);
        if (i < 0) {
            return Math.min(t.length - 1, -i - 1);
        }
        while (i > 0 && t[i - 1] == millis) {
            i--;
        }
        return i;
    }
}

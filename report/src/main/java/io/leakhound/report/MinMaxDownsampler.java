package io.leakhound.report;

import java.util.Arrays;

/**
 * Thins a time series for drawing while keeping its envelope: the time range is cut into buckets and each
 * bucket keeps only its lowest and its highest point, in time order. A sawtooth of a million GC events thus
 * draws as a couple of thousand points that still touch every peak and every trough. Works on primitive
 * arrays; one pass, O(n) time, O(buckets) extra memory.
 */
final class MinMaxDownsampler {

    private MinMaxDownsampler() {
    }

    /**
     * The indices of the points to keep, ascending.
     *
     * @param millis    point times, ascending
     * @param values    point values
     * @param size      how many points of the arrays are used
     * @param maxPoints at most this many indices are returned (at least 2)
     */
    static int[] keep(long[] millis, long[] values, int size, int maxPoints) {
        if (size <= maxPoints) {
            int[] all = new int[size];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int buckets = Math.max(1, maxPoints / 2);
        long t0 = millis[0];
        long range = Math.max(1, millis[size - 1] - t0);
        int[] result = new int[buckets * 2];
        int kept = 0;
        int bucket = -1;
        int minIndex = -1;
        int maxIndex = -1;
        for (int i = 0; i < size; i++) {
            int b = (int) Math.min(buckets - 1, (millis[i] - t0) * buckets / range);
            if (b != bucket) {
                kept = flush(result, kept, minIndex, maxIndex);
                bucket = b;
                minIndex = i;
                maxIndex = i;
            } else {
                if (values[i] < values[minIndex]) {
                    minIndex = i;
                }
                if (values[i] > values[maxIndex]) {
                    maxIndex = i;
                }
            }
        }
        kept = flush(result, kept, minIndex, maxIndex);
        return Arrays.copyOf(result, kept);
    }

    private static int flush(int[] result, int kept, int minIndex, int maxIndex) {
        if (minIndex < 0) {
            return kept;
        }
        int first = Math.min(minIndex, maxIndex);
        int second = Math.max(minIndex, maxIndex);
        result[kept++] = first;
        if (second != first) {
            result[kept++] = second;
        }
        return kept;
    }
}

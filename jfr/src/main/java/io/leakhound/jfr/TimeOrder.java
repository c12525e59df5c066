package io.leakhound.jfr;

/**
 * The order of time-stamped points by time, stable, on primitive arrays: JFR writes each thread's buffer as
 * a block, so events arrive in runs that are each in order. A bottom-up merge sort of indices: O(n log n)
 * whatever the input, two int arrays of n.
 */
final class TimeOrder {

    private TimeOrder() {
    }

    /** Indices {@code 0..n-1} ordered by {@code keys[i]}, equal keys in their original order. */
    static int[] of(long[] keys, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    b[k++] = keys[a[j]] < keys[a[i]] ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }
}

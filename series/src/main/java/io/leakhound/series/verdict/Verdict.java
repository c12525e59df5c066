package io.leakhound.series.verdict;

/** What the post-GC baseline of one resource says. */
public enum Verdict {
    /** Unbounded growth of the baseline: memory that survives collection keeps accumulating. */
    LEAK,
    /** Growth that decelerates or plateaus: a cache filling to its bound, a warm-up. */
    BOUNDED_GROWTH,
    /** No growth: flat, noisy, or spikes that return to the baseline. */
    STABLE,
    /** Too little data to say; the finding's summary says what is missing. */
    INCONCLUSIVE
}

package io.leakhound.series.verdict;

/** How well one point of a {@link UsageSeries} measures what is really live. */
public enum PointQuality {
    /** After a collection of the whole heap (full, mixed, concurrent cycle): close to the live set. */
    AFTER_FULL_COLLECTION,
    /** After a young collection: the old generation was not cleaned, so this over-states the live set. */
    AFTER_PARTIAL_COLLECTION,
    /** A plain sample with no GC information (RSS from /proc, a metric): only rolling minima approximate it. */
    RAW
}

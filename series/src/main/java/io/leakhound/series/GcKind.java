package io.leakhound.series;

/**
 * What a GC event collected. The verdict engine reads a post-GC baseline only from events that
 * {@linkplain #cleansOldGeneration() cleaned the old generation}; young collections leave the old
 * generation as it was, so the heap after them over-states what is live.
 */
public enum GcKind {
    /** A young (minor) collection: only the young generation was collected. */
    YOUNG(false),
    /** A G1 mixed collection: young regions plus old regions chosen by a completed marking. */
    MIXED(true),
    /** A stop-the-world collection of the whole heap (full GC, Shenandoah degenerated GC). */
    FULL(true),
    /**
     * A concurrent cycle that marks (and for ZGC, Shenandoah, CMS also reclaims) the whole heap, or a
     * pause belonging to one (G1 remark and cleanup, CMS initial mark and remark, ZGC major).
     */
    CONCURRENT_CYCLE(true);

    private final boolean cleansOldGeneration;

    GcKind(boolean cleansOldGeneration) {
        this.cleansOldGeneration = cleansOldGeneration;
    }

    /** Whether the heap after this kind of event approximates the live set of the whole heap. */
    public boolean cleansOldGeneration() {
        return cleansOldGeneration;
    }
}

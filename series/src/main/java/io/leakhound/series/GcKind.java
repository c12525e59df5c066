package io.leakhound.series;

/**
 * What a GC event collected. Whether the heap after an event approximates the live set depends on the kind
 * and on the collector (a G1 remark belongs to a marking cycle yet reclaims little; every ZGC cycle cleans
 * the whole heap): the verdict engine's {@code PostGcBaseline} decides that, in one place.
 */
public enum GcKind {
    /** A young (minor) collection: only the young generation was collected. */
    YOUNG,
    /** A G1 mixed collection: young regions plus old regions chosen by a completed marking. */
    MIXED,
    /** A stop-the-world collection of the whole heap (full GC, Shenandoah degenerated GC). */
    FULL,
    /**
     * A concurrent cycle that marks (and for ZGC, Shenandoah, CMS also reclaims) the whole heap, or a
     * pause belonging to one (G1 remark and cleanup, CMS initial mark and remark, ZGC major).
     */
    CONCURRENT_CYCLE
}

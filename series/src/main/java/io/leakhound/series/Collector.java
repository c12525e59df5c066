package io.leakhound.series;

/** The garbage collector that produced a GC event, as named by the log. */
public enum Collector {
    SERIAL,
    PARALLEL,
    CMS,
    G1,
    /** ZGC before JDK 21's generational mode: every cycle collects the whole heap. */
    ZGC,
    /** ZGC with {@code -XX:+ZGenerational} (JDK 21+, default from JDK 23): minor and major collections. */
    GENERATIONAL_ZGC,
    SHENANDOAH,
    EPSILON,
    UNKNOWN
}

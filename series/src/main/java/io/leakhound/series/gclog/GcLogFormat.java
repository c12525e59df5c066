package io.leakhound.series.gclog;

/** The dialects of HotSpot GC logs that leakhound reads. */
public enum GcLogFormat {
    /** JDK 9+ unified logging, {@code -Xlog:gc} or {@code -Xlog:gc*}, with any decorations. */
    UNIFIED,
    /** JDK 8 and earlier, {@code -verbose:gc} / {@code -XX:+PrintGC} / {@code -XX:+PrintGCDetails}. */
    LEGACY
}

package io.leakhound.series;

/**
 * What the figures of a resource count: bytes (heap, metaspace, direct buffers, RSS) or things (loaded
 * classes, live threads). The verdict engine's materiality floors and every rendering depend on it: a
 * thread is not a byte.
 */
public enum Unit {
    /** Sizes in bytes. */
    BYTES,
    /** A number of things: classes, threads. */
    COUNT
}

package io.leakhound.series;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One garbage collection as a GC log (or a recording) reports it.
 *
 * @param uptime      when the event started, since the JVM started; when the log has wall-clock times only,
 *                    since the first event of the series
 * @param wallClock   when the event started, if the log says; else {@code null}
 * @param gcId        the JVM's GC id ({@code GC(12)}), or -1 where the log has none
 * @param collector   the collector that ran
 * @param kind        what was collected
 * @param name        the event's name in the log, e.g. {@code "Pause Young (Normal)"}, {@code "ParNew"}
 * @param cause       why it ran, e.g. {@code "G1 Evacuation Pause"}, or {@code null} where the log does not say
 * @param heap        the whole heap around the event ({@link MemoryChange#UNKNOWN} for a phase line without sizes)
 * @param oldGen      the old generation, where the log has per-generation figures
 * @param metaspace   metaspace, where the log has it
 * @param pause       the stop-the-world time; {@link Duration#ZERO} for concurrent work
 * @param duration    the wall time of the event (equals {@code pause} for a stop-the-world event)
 * @param liveBytes   the memory the collection's marking found live, where the log states it (ZGC's
 *                    {@code Live:} row at mark end: the whole heap for single-generation ZGC, the old
 *                    generation for a major collection of generational ZGC), else -1: unlike
 *                    {@code heap.after}, it holds no garbage left in pages the collector did not relocate
 */
public record GcEvent(
        Duration uptime,
        Instant wallClock,
        long gcId,
        Collector collector,
        GcKind kind,
        String name,
        String cause,
        MemoryChange heap,
        MemoryChange oldGen,
        MemoryChange metaspace,
        Duration pause,
        Duration duration,
        long liveBytes) {

    public GcEvent {
        Objects.requireNonNull(uptime, "uptime");
        Objects.requireNonNull(collector, "collector");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(heap, "heap");
        Objects.requireNonNull(oldGen, "oldGen");
        Objects.requireNonNull(metaspace, "metaspace");
        Objects.requireNonNull(pause, "pause");
        Objects.requireNonNull(duration, "duration");
    }

    /** An event whose log states no live figure (every collector but ZGC). */
    public GcEvent(Duration uptime, Instant wallClock, long gcId, Collector collector, GcKind kind, String name,
            String cause, MemoryChange heap, MemoryChange oldGen, MemoryChange metaspace, Duration pause,
            Duration duration) {
        this(uptime, wallClock, gcId, collector, kind, name, cause, heap, oldGen, metaspace, pause, duration, -1);
    }

    /** Whether the event stopped the application. */
    public boolean isPause() {
        return !pause.isZero();
    }
}

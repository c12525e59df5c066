package io.leakhound.jfr;

import io.leakhound.series.Collector;
import io.leakhound.series.GcEvent;
import io.leakhound.series.Unit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;

/**
 * The memory events of a live JFR stream ({@code RecordingStream}, {@code RemoteRecordingStream}), joined as
 * {@link JfrMemoryReader} joins a file's: one {@link GcEvent} per GC id, and the periodic samples (classes,
 * threads, direct buffers, RSS, container). A stream delivers a collection's events over one or two flushes
 * (the heap summaries first, jdk.GarbageCollection when it ends), so {@link #drain(Instant)} hands over a
 * collection only once it is complete and has settled for {@link #SETTLE}, or, incomplete, after
 * {@link #GIVE_UP}; a late event of a collection already handed over is dropped, so none is handed over twice.
 *
 * <p>Cost: what is between two drains (a few collections and samples). Thread-safe: the stream's thread
 * accepts, the watch's thread drains.
 */
public final class LiveMemoryEvents {

    /** The event types a live stream must enable for this class to see everything it joins. */
    public static final List<String> EVENT_TYPES = List.of(JfrMemoryReader.GC, JfrMemoryReader.G1_GC,
            JfrMemoryReader.YOUNG_GC, JfrMemoryReader.OLD_GC, JfrMemoryReader.HEAP_SUMMARY,
            JfrMemoryReader.G1_HEAP_SUMMARY, JfrMemoryReader.PS_HEAP_SUMMARY, JfrMemoryReader.METASPACE_SUMMARY,
            JfrMemoryReader.HEAP_CONFIGURATION, JfrMemoryReader.CONTAINER_CONFIGURATION);

    /** The periodic event types, to enable with the watch's interval as their period. */
    public static final List<String> PERIODIC_TYPES = List.of(JfrMemoryReader.CLASS_LOADING,
            JfrMemoryReader.THREADS, JfrMemoryReader.DIRECT_BUFFERS, JfrMemoryReader.RSS,
            JfrMemoryReader.CONTAINER_USAGE);

    /** How long a complete collection waits for a late event of its own before it is handed over. */
    static final Duration SETTLE = Duration.ofSeconds(2);
    /** How long an incomplete collection (no jdk.GarbageCollection yet) is waited for. */
    static final Duration GIVE_UP = Duration.ofSeconds(20);
    /** How many handed-over GC ids are remembered to drop their late events. */
    private static final int REMEMBERED_IDS = 4096;

    /** One periodic reading: {@code resource} as findings name it, its unit, time, value and limit (-1). */
    public record Reading(String resource, Unit unit, Instant at, long value, long limit) {
        public Reading {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(at, "at");
        }
    }

    /** What {@link #drain(Instant)} hands over: complete collections in time order, and readings. */
    public record Drained(List<GcEvent> gcEvents, List<Reading> readings, long maxHeapBytes) {
        public Drained {
            gcEvents = List.copyOf(gcEvents);
            readings = List.copyOf(readings);
        }
    }

    private final long originNanos;
    private final JfrMemoryReader.Collected collected = new JfrMemoryReader.Collected();
    private final Map<Long, Long> firstSeenNanos = new HashMap<>();
    private final Set<Long> handedOver = new LinkedHashSet<>();
    private Collector collector = Collector.UNKNOWN;

    /** @param jvmStart when the JVM started: the uptimes of the events count from here */
    public LiveMemoryEvents(Instant jvmStart) {
        this.originNanos = nanos(jvmStart);
    }

    /** Takes one event of the stream (events of other types are ignored). */
    public synchronized void accept(RecordedEvent event) {
        collected.accept(event);
    }

    /** The collections ready by {@code now} and the readings so far; both are forgotten once handed over. */
    public synchronized Drained drain(Instant now) {
        long nowNanos = nanos(now);
        List<JfrMemoryReader.Gc> ready = new ArrayList<>();
        for (Iterator<JfrMemoryReader.Gc> it = collected.gcs.values().iterator(); it.hasNext(); ) {
            JfrMemoryReader.Gc gc = it.next();
            if (handedOver.contains(gc.id)) {
                it.remove();
                continue;
            }
            long seen = firstSeenNanos.computeIfAbsent(gc.id, id -> nowNanos);
            boolean complete = gc.name != null && gc.heapAfter >= 0;
            long age = nowNanos - (gc.time() != Long.MIN_VALUE ? Math.min(gc.time(), seen) : seen);
            if ((complete && age >= SETTLE.toNanos()) || age >= GIVE_UP.toNanos()) {
                it.remove();
                firstSeenNanos.remove(gc.id);
                remember(gc.id);
                if (gc.time() != Long.MIN_VALUE && (gc.heapAfter >= 0 || gc.metaAfter >= 0)) {
                    ready.add(gc);
                }
            }
        }
        ready.sort(Comparator.comparingLong(JfrMemoryReader.Gc::time).thenComparingLong(gc -> gc.id));
        if (collector == Collector.UNKNOWN) {
            collector = JfrMemoryReader.collectorOf(ready);
        }
        List<GcEvent> events = new ArrayList<>();
        for (JfrMemoryReader.Gc gc : ready) {
            events.add(gc.toEvent(originNanos, collector));
        }
        List<Reading> readings = new ArrayList<>();
        for (JfrMemoryReader.Sampled r : collected.sampled()) {
            JfrMemoryReader.Samples samples = r.samples();
            for (int i = 0; i < samples.size(); i++) {
                readings.add(new Reading(r.resource(), r.unit(), Instant.ofEpochSecond(0, samples.nanos(i)),
                        samples.value(i), r.limit()));
            }
            samples.clear();
        }
        readings.sort(Comparator.comparing(Reading::at));
        long maxHeap = collected.maxHeap > 0 ? collected.maxHeap : collected.reservedHeap;
        return new Drained(events, readings, maxHeap);
    }

    private void remember(long id) {
        handedOver.add(id);
        if (handedOver.size() > REMEMBERED_IDS) {
            Iterator<Long> oldest = handedOver.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}

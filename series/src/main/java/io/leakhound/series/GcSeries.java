package io.leakhound.series;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * GC events in time order, stored column by column in primitive arrays so that a long log costs about
 * 90 bytes per event rather than a few hundred bytes of objects per event.
 *
 * <p>Memory is bounded: once {@link #capacity()} events are held, the series thins itself by dropping
 * every other {@linkplain GcKind#YOUNG young} event (events that clean the old generation are kept, as
 * they carry the post-GC baseline), folding a dropped event's pause into the next kept event so that
 * pause totals over any window stay exact. {@link #thinnedEvents()} says how many were dropped.
 * Whole-log statistics (event count, pause totals, full collections) are kept separately in
 * {@link GcStatistics} and never thinned.
 *
 * <p>Not thread-safe. {@link #get(int)} materialises one {@link GcEvent}; prefer the column accessors
 * ({@link #uptimeMillis(int)}, {@link #heapAfter(int)}, ...) in loops over many events.
 */
public final class GcSeries {

    /** Default bound: about 90 MB of columns. */
    public static final int DEFAULT_CAPACITY = 1 << 20;

    private static final long NONE = -1;

    private final int capacity;
    private final GcStatistics statistics = new GcStatistics();
    private int size;
    private long thinned;

    private long[] uptimeMillis = new long[64];
    private long[] wallClockMillis = new long[64];
    private long[] gcId = new long[64];
    private byte[] collector = new byte[64];
    private byte[] kind = new byte[64];
    private int[] name = new int[64];
    private int[] cause = new int[64];
    // sizes in bytes: heap, old generation, metaspace (before, after, capacity each), then the live heap
    private static final int LIVE = 9;
    private long[][] sizes = new long[10][64];
    private long[] pauseMicros = new long[64];
    private long[] durationMicros = new long[64];

    // names and causes repeat endlessly; store each distinct string once
    private final List<String> strings = new ArrayList<>();
    private final Map<String, Integer> stringIds = new HashMap<>();
    private static final int RECENT_SLOTS = 8;
    private final String[] recentStrings = new String[RECENT_SLOTS];
    private final int[] recentIds = new int[RECENT_SLOTS];
    private int nextRecent;

    private static final Collector[] COLLECTORS = Collector.values();
    private static final GcKind[] KINDS = GcKind.values();

    public GcSeries() {
        this(DEFAULT_CAPACITY);
    }

    /** @param capacity events held before the series thins itself; at least 16 */
    public GcSeries(int capacity) {
        if (capacity < 16) {
            throw new IllegalArgumentException("capacity must be at least 16: " + capacity);
        }
        this.capacity = capacity;
    }

    /** Appends an event; events should arrive in time order (see {@link #sortByUptime()}). */
    public void add(GcEvent event) {
        statistics.add(event);
        if (size == capacity) {
            thin();
        }
        ensureRoom(size + 1);
        int i = size++;
        uptimeMillis[i] = event.uptime().toMillis();
        wallClockMillis[i] = event.wallClock() == null ? Long.MIN_VALUE : event.wallClock().toEpochMilli();
        gcId[i] = event.gcId();
        collector[i] = (byte) event.collector().ordinal();
        kind[i] = (byte) event.kind().ordinal();
        name[i] = intern(event.name());
        cause[i] = event.cause() == null ? -1 : intern(event.cause());
        put(0, i, event.heap());
        put(3, i, event.oldGen());
        put(6, i, event.metaspace());
        sizes[LIVE][i] = event.liveBytes() < 0 ? NONE : event.liveBytes();
        pauseMicros[i] = toMicros(event.pause());
        durationMicros[i] = toMicros(event.duration());
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int capacity() {
        return capacity;
    }

    /** How many young events were dropped to keep memory bounded (0 for any log under the capacity). */
    public long thinnedEvents() {
        return thinned;
    }

    /** Statistics over every event ever added, thinned or not. */
    public GcStatistics statistics() {
        return statistics;
    }

    public GcEvent get(int i) {
        checkIndex(i);
        return new GcEvent(
                Duration.ofMillis(uptimeMillis[i]),
                wallClockMillis[i] == Long.MIN_VALUE ? null : Instant.ofEpochMilli(wallClockMillis[i]),
                gcId[i],
                COLLECTORS[collector[i]],
                KINDS[kind[i]],
                strings.get(name[i]),
                cause[i] < 0 ? null : strings.get(cause[i]),
                change(0, i),
                change(3, i),
                change(6, i),
                Duration.ofNanos(pauseMicros[i] * 1000),
                Duration.ofNanos(durationMicros[i] * 1000),
                sizes[LIVE][i]);
    }

    public void forEach(Consumer<GcEvent> action) {
        for (int i = 0; i < size; i++) {
            action.accept(get(i));
        }
    }

    public long uptimeMillis(int i) {
        checkIndex(i);
        return uptimeMillis[i];
    }

    public GcKind kind(int i) {
        checkIndex(i);
        return KINDS[kind[i]];
    }

    public Collector collector(int i) {
        checkIndex(i);
        return COLLECTORS[collector[i]];
    }

    public long heapBefore(int i) {
        checkIndex(i);
        return sizes[0][i];
    }

    public long heapAfter(int i) {
        checkIndex(i);
        return sizes[1][i];
    }

    public long heapCapacity(int i) {
        checkIndex(i);
        return sizes[2][i];
    }

    public long oldAfter(int i) {
        checkIndex(i);
        return sizes[4][i];
    }

    /** The live heap the collection's marking found, or -1 where the log does not state it (see {@link GcEvent}). */
    public long liveAfter(int i) {
        checkIndex(i);
        return sizes[LIVE][i];
    }

    public long metaspaceAfter(int i) {
        checkIndex(i);
        return sizes[7][i];
    }

    public long metaspaceCapacity(int i) {
        checkIndex(i);
        return sizes[8][i];
    }

    public long pauseMicros(int i) {
        checkIndex(i);
        return pauseMicros[i];
    }

    /** Span from the first event's start to the last event's end, or zero for fewer than two events. */
    public Duration span() {
        if (size == 0) {
            return Duration.ZERO;
        }
        long end = uptimeMillis[size - 1] + durationMicros[size - 1] / 1000;
        return Duration.ofMillis(Math.max(0, end - uptimeMillis[0]));
    }

    /**
     * Restores time order after events were added out of order (rotated files read in the wrong order, or
     * a concurrent phase reported after a pause that started later). Stable: events with equal uptimes
     * keep their relative order.
     */
    public void sortByUptime() {
        boolean sorted = true;
        for (int i = 1; i < size && sorted; i++) {
            sorted = uptimeMillis[i - 1] <= uptimeMillis[i];
        }
        if (sorted) {
            return;
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(uptimeMillis[a], uptimeMillis[b]));
        int[] perm = new int[size];
        for (int i = 0; i < size; i++) {
            perm[i] = order[i];
        }
        uptimeMillis = permute(uptimeMillis, perm);
        wallClockMillis = permute(wallClockMillis, perm);
        gcId = permute(gcId, perm);
        collector = permute(collector, perm);
        kind = permute(kind, perm);
        name = permute(name, perm);
        cause = permute(cause, perm);
        for (int c = 0; c < sizes.length; c++) {
            sizes[c] = permute(sizes[c], perm);
        }
        pauseMicros = permute(pauseMicros, perm);
        durationMicros = permute(durationMicros, perm);
    }

    // Drops every other young event, folding its pause into the next event kept. Decides which events stay
    // first, then compacts column by column: one tight loop per array is far faster than moving every
    // column of one event at a time.
    private void thin() {
        int[] keep = new int[size];
        long[] pause = new long[size];
        int kept = selectKept(keep, pause, true);
        if (kept == size) {
            // nothing young left to drop: drop every other event of any kind
            kept = selectKept(keep, pause, false);
        }
        uptimeMillis = compact(uptimeMillis, keep, kept);
        wallClockMillis = compact(wallClockMillis, keep, kept);
        gcId = compact(gcId, keep, kept);
        collector = compact(collector, keep, kept);
        kind = compact(kind, keep, kept);
        name = compact(name, keep, kept);
        cause = compact(cause, keep, kept);
        for (int c = 0; c < sizes.length; c++) {
            sizes[c] = compact(sizes[c], keep, kept);
        }
        System.arraycopy(pause, 0, pauseMicros, 0, kept);
        durationMicros = compact(durationMicros, keep, kept);
        thinned += size - kept;
        size = kept;
    }

    // Fills keep[] with the indexes that stay and pause[] with their pauses, dropped pauses folded in.
    private int selectKept(int[] keep, long[] pause, boolean youngOnly) {
        int kept = 0;
        boolean dropNext = false;
        long carried = 0;
        for (int i = 0; i < size; i++) {
            boolean candidate = youngOnly ? KINDS[kind[i]] == GcKind.YOUNG : i != size - 1;
            if (candidate) {
                if (dropNext) {
                    carried += pauseMicros[i];
                    dropNext = false;
                    continue;
                }
                dropNext = true;
            }
            keep[kept] = i;
            pause[kept] = pauseMicros[i] + carried;
            carried = 0;
            kept++;
        }
        if (carried > 0 && kept > 0) {
            // the last event was dropped: its pause goes to the last one kept
            pause[kept - 1] += carried;
        }
        return kept;
    }

    // keep[] is increasing, so compacting in place is safe
    private static long[] compact(long[] a, int[] keep, int n) {
        for (int j = 0; j < n; j++) {
            a[j] = a[keep[j]];
        }
        return a;
    }

    private static int[] compact(int[] a, int[] keep, int n) {
        for (int j = 0; j < n; j++) {
            a[j] = a[keep[j]];
        }
        return a;
    }

    private static byte[] compact(byte[] a, int[] keep, int n) {
        for (int j = 0; j < n; j++) {
            a[j] = a[keep[j]];
        }
        return a;
    }

    private void put(int column, int i, MemoryChange change) {
        sizes[column][i] = change.beforeBytes();
        sizes[column + 1][i] = change.afterBytes();
        sizes[column + 2][i] = change.capacityBytes();
    }

    private MemoryChange change(int column, int i) {
        long before = sizes[column][i];
        long after = sizes[column + 1][i];
        long cap = sizes[column + 2][i];
        return before == NONE && after == NONE && cap == NONE ? MemoryChange.UNKNOWN : MemoryChange.of(before, after, cap);
    }

    private int intern(String s) {
        // parsers hand over the same String instance for a repeated name: compare references before hashing
        for (int i = 0; i < RECENT_SLOTS; i++) {
            if (recentStrings[i] == s) {
                return recentIds[i];
            }
        }
        int id = internSlow(s);
        recentStrings[nextRecent] = s;
        recentIds[nextRecent] = id;
        nextRecent = (nextRecent + 1) % RECENT_SLOTS;
        return id;
    }

    private int internSlow(String s) {
        Integer id = stringIds.get(s);
        if (id == null) {
            id = strings.size();
            strings.add(s);
            stringIds.put(s, id);
        }
        return id;
    }

    private static long toMicros(Duration d) {
        return d.getSeconds() * 1_000_000L + d.getNano() / 1000;
    }

    private void ensureRoom(int needed) {
        if (needed <= uptimeMillis.length) {
            return;
        }
        int n = (int) Math.min((long) capacity, Math.max(needed, uptimeMillis.length * 2L));
        uptimeMillis = java.util.Arrays.copyOf(uptimeMillis, n);
        wallClockMillis = java.util.Arrays.copyOf(wallClockMillis, n);
        gcId = java.util.Arrays.copyOf(gcId, n);
        collector = java.util.Arrays.copyOf(collector, n);
        kind = java.util.Arrays.copyOf(kind, n);
        name = java.util.Arrays.copyOf(name, n);
        cause = java.util.Arrays.copyOf(cause, n);
        for (int c = 0; c < sizes.length; c++) {
            sizes[c] = java.util.Arrays.copyOf(sizes[c], n);
        }
        pauseMicros = java.util.Arrays.copyOf(pauseMicros, n);
        durationMicros = java.util.Arrays.copyOf(durationMicros, n);
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("event " + i + " of " + size);
        }
    }

    private static long[] permute(long[] a, int[] perm) {
        long[] r = a.clone();
        for (int i = 0; i < perm.length; i++) {
            r[i] = a[perm[i]];
        }
        return r;
    }

    private static int[] permute(int[] a, int[] perm) {
        int[] r = a.clone();
        for (int i = 0; i < perm.length; i++) {
            r[i] = a[perm[i]];
        }
        return r;
    }

    private static byte[] permute(byte[] a, int[] perm) {
        byte[] r = a.clone();
        for (int i = 0; i < perm.length; i++) {
            r[i] = a[perm[i]];
        }
        return r;
    }
}

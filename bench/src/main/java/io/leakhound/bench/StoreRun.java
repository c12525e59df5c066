package io.leakhound.bench;

import io.leakhound.series.Collector;
import io.leakhound.series.GcEvent;
import io.leakhound.series.GcKind;
import io.leakhound.series.GcSeries;
import io.leakhound.series.MemoryChange;
import io.leakhound.series.Unit;
import io.leakhound.store.Sample;
import io.leakhound.series.history.Target;
import io.leakhound.store.WatchStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the watch store costs: a watch's appends one at a time (one GC event and one sample per transaction, as
 * a JVM collecting every 100 ms is followed), then a long history appended in batches, read back into a
 * {@link GcSeries} as {@code report --db} does, and the file's size per event. Prints one line of figures.
 *
 * <p>usage: {@code StoreRun FILE EVENTS} (the file is replaced)
 */
public final class StoreRun {

    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    private StoreRun() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int events = Integer.parseInt(args[1]);
        int single = 2000;
        Files.deleteIfExists(file);
        try (WatchStore store = WatchStore.open(file)) {
            long id = store.target(Target.JVM, 1, START, "bench", 1L << 30).id();
            long t0 = System.nanoTime();
            for (int i = 0; i < single; i++) {
                store.append(id, List.of(event(i)),
                        List.of(new Sample("threads", Unit.COUNT, START.plusMillis(i * 100L), 20, -1)));
            }
            long t1 = System.nanoTime();
            List<GcEvent> batch = new ArrayList<>();
            for (int i = single; i < events; i++) {
                batch.add(event(i));
                if (batch.size() == 10_000) {
                    store.append(id, batch, List.of());
                    batch.clear();
                }
            }
            store.append(id, batch, List.of());
            long t2 = System.nanoTime();
            GcSeries series = new GcSeries();
            store.forEachGcEvent(id, series::add);
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "events=%d appendMillisEach=%.3f batchEventsPerSecond=%.0f"
                            + " readEventsPerSecond=%.0f fileBytes=%d bytesPerEvent=%.0f%n",
                    series.size(), (t1 - t0) / 1e6 / single, (events - single) / ((t2 - t1) / 1e9),
                    series.size() / ((t3 - t2) / 1e9), Files.size(file), (double) Files.size(file) / events);
        }
    }

    // a G1 young collection every 100 ms
    private static GcEvent event(long i) {
        return new GcEvent(Duration.ofMillis(i * 100), START.plusMillis(i * 100), i, Collector.G1, GcKind.YOUNG,
                "Pause Young (Normal)", "G1 Evacuation Pause", MemoryChange.of(300_000_000L + i, 100_000_000L + i, 1L << 30),
                MemoryChange.of(90_000_000L, 90_000_000L + i, 800_000_000L),
                MemoryChange.of(30_000_000, 30_000_000, 40_000_000), Duration.ofNanos(2_345_678),
                Duration.ofNanos(2_345_678), -1);
    }
}

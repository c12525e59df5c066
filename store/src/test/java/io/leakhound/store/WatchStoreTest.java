package io.leakhound.store;

import io.leakhound.series.history.AlertState;
import io.leakhound.series.history.Target;
import io.leakhound.series.history.Annotation;
import io.leakhound.series.history.Capture;
import io.leakhound.series.history.Alert;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leakhound.series.Collector;
import io.leakhound.series.GcEvent;
import io.leakhound.series.GcKind;
import io.leakhound.series.MemoryChange;
import io.leakhound.series.Unit;
import io.leakhound.series.verdict.AlertLevel;
import io.leakhound.series.verdict.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchStoreTest {

    private static final Instant START = Instant.parse("2026-11-24T10:00:00.123456789Z");

    @TempDir
    Path dir;

    static GcEvent young(long gcId, long uptimeMillis, long afterBytes) {
        return new GcEvent(Duration.ofMillis(uptimeMillis).plusNanos(1234), START.plusMillis(uptimeMillis), gcId,
                Collector.G1, GcKind.YOUNG, "Pause Young (Normal)", "G1 Evacuation Pause",
                MemoryChange.of(afterBytes + 50_000_000, afterBytes, 512L << 20),
                MemoryChange.of(afterBytes / 2 + 1000, afterBytes / 2, 400L << 20),
                MemoryChange.of(30_000_000, 30_000_000, 40_000_000),
                Duration.ofNanos(2_345_678), Duration.ofNanos(2_345_678), -1);
    }

    @Test
    void roundTrip_everyRecord_readBackEqual() throws Exception {
        GcEvent full = young(7, 5_000, 100_000_000);
        GcEvent concurrent = new GcEvent(Duration.ofNanos(6_000_000_001L), null, -1, Collector.GENERATIONAL_ZGC,
                GcKind.FULL, "Major Collection", null, MemoryChange.UNKNOWN, MemoryChange.of(-1, 77, -1),
                MemoryChange.UNKNOWN, Duration.ZERO, Duration.ofMillis(345), 123_456_789);
        Sample threads = new Sample("threads", Unit.COUNT, START.plusNanos(1), 42, -1);
        Sample direct = new Sample("direct", Unit.BYTES, START.plusSeconds(1), 1L << 40, 1L << 41);
        StoredFinding finding = new StoredFinding(START.plusSeconds(2), "heap", Verdict.LEAK, 0.93, 12_345.5,
                AlertLevel.ESCALATE, "heap grows 12 KB/h");
        StoredFinding unknownRate = new StoredFinding(START.plusSeconds(3), "threads", Verdict.INCONCLUSIVE, 0,
                Double.NaN, AlertLevel.NONE, "too short");
        Alert alert = new Alert(START.plusSeconds(4), "heap", Alert.Kind.USAGE, AlertState.of(AlertLevel.ESCALATE),
                AlertState.of(AlertLevel.WARNING), "heap at 86 %");
        Annotation deploy = new Annotation(START.minusSeconds(40), "deploy v1.4.2");
        Path file = dir.resolve("sub/folder/watch.db");

        long id;
        Capture stored;
        try (WatchStore store = WatchStore.open(file)) {
            Target target = store.target(Target.JVM, 4242, START, "java -jar app.jar", 1L << 30);
            id = target.id();
            store.append(id, List.of(full, concurrent), List.of(threads, direct));
            store.addFinding(id, finding);
            store.addFinding(id, unknownRate);
            store.addAlert(id, alert);
            store.addAnnotation(deploy);
            stored = store.addCapture(id, new Capture(0, START.plusSeconds(5), Capture.BASELINE, "heap LEAK",
                    dir.resolve("a.hprof"), null, null, null, null, "baseline taken", null));
            assertTrue(stored.id() > 0, "id assigned: " + stored.id());
        }
        Capture done = new Capture(stored.id(), stored.started(), Capture.DONE, stored.trigger(),
                stored.baselineDump(), dir.resolve("b.hprof"), dir.resolve("diff.html"),
                "static io.leakhound.demo.DemoService.active", "GC root -> DemoService.active", "diffed",
                START.plusSeconds(99));

        try (WatchStore store = WatchStore.open(file)) {
            store.updateCapture(done);
            assertEquals(List.of(new Target(id, Target.JVM, 4242, START, "java -jar app.jar", 1L << 30)),
                    store.targets());
            assertEquals(List.of(full, concurrent), store.gcEvents(id));
            List<GcEvent> streamed = new java.util.ArrayList<>();
            store.forEachGcEvent(id, streamed::add);
            assertEquals(List.of(full, concurrent), streamed);
            assertEquals(List.of(threads, direct), store.samples(id));
            assertEquals(List.of(finding, unknownRate), store.findings(id));
            assertEquals(List.of(alert), store.alerts(id));
            assertEquals(List.of(done), store.captures(id));
            assertEquals(List.of(deploy), store.annotations());
            assertEquals(file, store.file());
        }
    }

    @Test
    void append_gcIdAlreadyStored_skipped() throws Exception {
        try (WatchStore store = WatchStore.open(dir.resolve("w.db"))) {
            long id = store.target(Target.JVM, 1, START, "", -1).id();
            store.append(id, List.of(young(1, 100, 10), young(2, 200, 20)), List.of());
            GcEvent noId = young(-1, 250, 25);
            // a resumed stream repeats GC 2; events without an id cannot be told apart and are always kept
            store.append(id, List.of(young(2, 200, 20), noId, young(3, 300, 30)), List.of());
            store.append(id, List.of(noId), List.of());
            List<Long> ids = store.gcEvents(id).stream().map(GcEvent::gcId).toList();
            assertEquals(List.of(1L, 2L, -1L, -1L, 3L), ids);
        }
    }

    @Test
    void append_oneCallSharingGcId_allKept() throws Exception {
        // a GC log's concurrent cycle and its Remark pause carry one GC id
        try (WatchStore store = WatchStore.open(dir.resolve("w.db"))) {
            long id = store.target(Target.JVM, 1, START, "", -1).id();
            store.append(id, List.of(young(5, 100, 10), young(5, 150, 11)), List.of());
            assertEquals(2, store.gcEvents(id).size());
        }
    }

    @Test
    void append_unknownTarget_storeExceptionNothingStored() throws Exception {
        Path file = dir.resolve("w.db");
        try (WatchStore store = WatchStore.open(file)) {
            StoreException e = assertThrows(StoreException.class,
                    () -> store.append(99, List.of(young(1, 1, 1)), List.of()));
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
            assertEquals(List.of(), store.gcEvents(99), "the transaction was rolled back");
        }
    }

    @Test
    void target_reopenedStore_sameTargetSeriesContinues() throws Exception {
        Path file = dir.resolve("w.db");
        long first;
        try (WatchStore store = WatchStore.open(file)) {
            first = store.target(Target.JVM, 77, START, "app", -1).id();
            store.append(first, List.of(young(1, 100, 10)), List.of(new Sample("classes", Unit.COUNT, START, 5, -1)));
        }
        try (WatchStore store = WatchStore.open(file)) {
            // another source of the start time agrees to the millisecond only
            Instant sameMillisecond = START.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusNanos(999_000);
            Target resumed = store.target(Target.JVM, 77, sameMillisecond, "other words", 1L << 30);
            assertEquals(first, resumed.id());
            assertEquals(START, resumed.processStart(), "the stored start is kept");
            assertEquals("app", resumed.command());
            assertEquals(1L << 30, resumed.maxHeapBytes(), "a known max heap updates the target");
            store.append(first, List.of(young(1, 100, 10), young(2, 200, 20)),
                    List.of(new Sample("classes", Unit.COUNT, START.plusSeconds(1), 6, -1)));
            assertEquals(List.of(1L, 2L), store.gcEvents(first).stream().map(GcEvent::gcId).toList());
            assertEquals(List.of(5L, 6L), store.samples(first).stream().map(Sample::value).toList());
            assertEquals(1L << 30, store.target(Target.JVM, 77, START, "app", -1).maxHeapBytes(),
                    "an unknown max heap keeps the stored one");
        }
    }

    @Test
    void target_pidReusedWithAnotherStart_newTarget() throws Exception {
        try (WatchStore store = WatchStore.open(dir.resolve("w.db"))) {
            Target before = store.target(Target.JVM, 77, START, "app", -1);
            Target after = store.target(Target.JVM, 77, START.plusMillis(1), "app", -1);
            Target process = store.target(Target.PROCESS, 77, START, "node", -1);
            assertNotEquals(before.id(), after.id());
            assertNotEquals(before.id(), process.id());
            assertEquals(3, store.targets().size());
        }
    }

    @Test
    void targets_lastAppendedFirst() throws Exception {
        try (WatchStore store = WatchStore.open(dir.resolve("w.db"))) {
            long a = store.target(Target.JVM, 1, START, "a", -1).id();
            long b = store.target(Target.JVM, 2, START, "b", -1).id();
            Thread.sleep(2);
            store.append(a, List.of(), List.of(new Sample("threads", Unit.COUNT, START, 1, -1)));
            assertEquals(List.of(a, b), store.targets().stream().map(Target::id).toList());
            Thread.sleep(2);
            store.append(b, List.of(young(1, 1, 1)), List.of());
            assertEquals(List.of(b, a), store.targets().stream().map(Target::id).toList());
        }
    }

    @Test
    void open_textFile_refusedAndUntouched() throws Exception {
        Path file = dir.resolve("notes.txt");
        byte[] text = "deploy notes\nnothing to see\n".getBytes(StandardCharsets.UTF_8);
        Files.write(file, text);
        StoreException e = assertThrows(StoreException.class, () -> WatchStore.open(file));
        assertEquals(file + ": not an SQLite file (starts with 'deploy notes\\x0anot...'), expected a leakhound"
                + " watch store, which starts with 'SQLite format 3'", e.getMessage());
        assertArrayEquals(text, Files.readAllBytes(file));
    }

    @Test
    void open_shortGarbage_refusedAndUntouched() throws Exception {
        // fewer bytes than SQLite's header: SQLite itself would take it for an empty database and write over it
        Path file = dir.resolve("short.db");
        byte[] garbage = {1, 2, 3};
        Files.write(file, garbage);
        StoreException e = assertThrows(StoreException.class, () -> WatchStore.open(file));
        assertTrue(e.getMessage().contains("not an SQLite file (starts with '\\x01\\x02\\x03')"), e.getMessage());
        assertArrayEquals(garbage, Files.readAllBytes(file));
    }

    @Test
    void open_truncatedStore_refused() throws Exception {
        Path good = dir.resolve("good.db");
        WatchStore.open(good).close();
        Path file = dir.resolve("cut.db");
        Files.write(file, Arrays.copyOf(Files.readAllBytes(good), 60));
        StoreException e = assertThrows(StoreException.class, () -> WatchStore.open(file));
        assertTrue(e.getMessage().contains("truncated SQLite file: 60 bytes"), e.getMessage());
    }

    @Test
    void open_garbageAfterSqliteHeader_refused() throws Exception {
        Path good = dir.resolve("good.db");
        WatchStore.open(good).close();
        byte[] bytes = Files.readAllBytes(good);
        for (int i = 100; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path file = dir.resolve("garbage.db");
        Files.write(file, bytes);
        StoreException e = assertThrows(StoreException.class, () -> {
            try (WatchStore store = WatchStore.open(file)) {
                store.targets();
            }
        });
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    }

    @Test
    void open_otherSqliteDatabase_refusedAndUntouched() throws Exception {
        Path file = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (name TEXT)");
        }
        byte[] before = Files.readAllBytes(file);
        StoreException e = assertThrows(StoreException.class, () -> WatchStore.open(file));
        assertEquals(file + ": an SQLite database of another application (application_id 0x00000000, 1 tables),"
                + " expected a leakhound watch store (application_id 0x4C4B4844); it was left untouched",
                e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void open_newerSchema_refused() throws Exception {
        Path file = dir.resolve("w.db");
        WatchStore.open(file).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version=2");
        }
        StoreException e = assertThrows(StoreException.class, () -> WatchStore.open(file));
        assertEquals(file + ": a leakhound watch store of schema 2, written by a newer leakhound; this one reads"
                + " schema 1 and older", e.getMessage());
    }

    @Test
    void open_emptyFile_becomesStore() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.db"));
        try (WatchStore store = WatchStore.open(file)) {
            store.addAnnotation(new Annotation(START, "first"));
        }
        try (WatchStore store = WatchStore.open(file)) {
            assertEquals(List.of(new Annotation(START, "first")), store.annotations());
        }
    }

    @Test
    void open_directory_refused() {
        StoreException e = assertThrows(StoreException.class, () -> WatchStore.open(dir));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }

    @Test
    void annotate_whileAnotherStoreAppends_bothComplete() throws Exception {
        // leakhound annotate opens its own store on the file a watch is appending to
        Path file = dir.resolve("w.db");
        int samples = 300;
        int annotations = 30;
        try (WatchStore watch = WatchStore.open(file); WatchStore annotate = WatchStore.open(file)) {
            long id = watch.target(Target.JVM, 9, START, "", -1).id();
            AtomicReference<Exception> failure = new AtomicReference<>();
            Thread appender = new Thread(() -> {
                try {
                    for (int i = 0; i < samples; i++) {
                        watch.append(id, List.of(young(i, i, i)),
                                List.of(new Sample("threads", Unit.COUNT, START.plusMillis(i), i, -1)));
                    }
                } catch (Exception e) {
                    failure.set(e);
                }
            });
            appender.start();
            for (int i = 0; i < annotations; i++) {
                annotate.addAnnotation(new Annotation(START.plusSeconds(i), "marker " + i));
            }
            appender.join();
            assertEquals(null, failure.get());
            assertEquals(annotations, watch.annotations().size(), "the watch sees the other writer's markers");
            assertEquals(samples, annotate.samples(id).size());
            assertEquals(samples, annotate.gcEvents(id).size());
        }
    }

    @Test
    void open_newFile_walJournalAndLeakhoundIdentity() throws Exception {
        // what another program (sqlite3, a second leakhound) sees: a WAL file that says whose it is
        Path file = dir.resolve("w.db");
        WatchStore.open(file).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            assertEquals("wal", single(s, "PRAGMA journal_mode"));
            assertEquals(Integer.toString(0x4C4B4844), single(s, "PRAGMA application_id"));
            assertEquals("1", single(s, "PRAGMA user_version"));
        }
    }

    private static String single(Statement s, String sql) throws Exception {
        try (java.sql.ResultSet r = s.executeQuery(sql)) {
            assertTrue(r.next(), sql);
            return r.getString(1);
        }
    }
}

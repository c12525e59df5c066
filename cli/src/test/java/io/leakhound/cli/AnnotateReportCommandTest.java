package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakhound.series.Collector;
import io.leakhound.series.GcEvent;
import io.leakhound.series.GcKind;
import io.leakhound.series.MemoryChange;
import io.leakhound.series.Unit;
import io.leakhound.series.history.Annotation;
import io.leakhound.store.Sample;
import io.leakhound.series.history.Target;
import io.leakhound.store.WatchStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code annotate} and {@code report --db} on real store files. The leaking target: a 256 MB G1 heap collected
 * every 500 ms for 150 s whose live set is 40 MB until 72 s, then grows 2.5 MB/s; a marker at 30 s.
 */
class AnnotateReportCommandTest {

    static final long MB = 1 << 20;
    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path tmp;

    static List<GcEvent> leakingHeap() {
        List<GcEvent> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            long t = 500L + i * 500L;
            long live = 40 * MB + Math.max(0, t - 72_000) * 5 * MB / 2000;
            boolean mixed = i % 20 == 19;
            long after = live + (mixed ? 0 : 8 * MB);
            events.add(new GcEvent(Duration.ofMillis(t), START.plusMillis(t), i, Collector.G1,
                    mixed ? GcKind.MIXED : GcKind.YOUNG, "Pause Young", "G1 Evacuation Pause",
                    MemoryChange.of(after + 60 * MB, after, 256 * MB), MemoryChange.UNKNOWN,
                    MemoryChange.of(21 * MB, 21 * MB, 22 * MB), Duration.ofMillis(4), Duration.ofMillis(4)));
        }
        return events;
    }

    /** A store with the leaking target (pid 4242) and, watched earlier, a flat one (pid 777). */
    Path filledStore() throws Exception {
        Path db = tmp.resolve("watch.db");
        try (WatchStore store = WatchStore.open(db)) {
            long flat = store.target(Target.PROCESS, 777, START.minusSeconds(3600), "node server.js", -1).id();
            List<Sample> rss = new ArrayList<>();
            for (int s = 0; s < 120; s++) {
                rss.add(new Sample("rss", Unit.BYTES, START.minusSeconds(3000 - s), 100 * MB + (s % 5) * MB, -1));
            }
            store.append(flat, List.of(), rss);
            Thread.sleep(2); // the leaking one is the most recently active
            long leaking = store.target(Target.JVM, 4242, START, "java -jar shop.jar", 256 * MB).id();
            store.append(leaking, leakingHeap(), List.of());
        }
        Run run = Run.of("annotate", "--db", db.toString(), "--at", "2026-11-24T10:00:30Z", "deploy v1.4.2");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("annotated 2026-11-24T10:00:30Z: 'deploy v1.4.2' in " + db + "\n");
        return db;
    }

    @Test
    void annotate_newFile_createsStoreWithMarkerAtNow() throws Exception {
        Path db = tmp.resolve("sub/watch.db");
        Instant before = Instant.now().minusMillis(1);
        Run run = Run.of("annotate", "--db", db.toString(), "deploy v1.4.2");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("annotated 20").endsWith(": 'deploy v1.4.2' in " + db + "\n");
        try (WatchStore store = WatchStore.open(db)) {
            List<Annotation> annotations = store.annotations();
            assertThat(annotations).hasSize(1);
            assertThat(annotations.get(0).text()).isEqualTo("deploy v1.4.2");
            assertThat(annotations.get(0).at()).isBetween(before, Instant.now());
            assertThat(run.out()).contains(annotations.get(0).at().toString());
        }
    }

    @Test
    void annotate_emptyText_refusedExit2() {
        Run run = Run.of("annotate", "--db", tmp.resolve("w.db").toString(), "  ");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("leakhound: the marker's TEXT is empty\n");
        assertThat(tmp.resolve("w.db")).doesNotExist();
    }

    @Test
    void annotate_notAStore_oneLineExit2FileUntouched() throws Exception {
        Path notes = tmp.resolve("notes.txt");
        Files.writeString(notes, "my notes\n");
        Run run = Run.of("annotate", "--db", notes.toString(), "deploy");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("leakhound: " + notes + ": not an SQLite file").endsWith("'SQLite format 3'\n")
                .hasLineCount(1);
        assertThat(Files.readString(notes)).isEqualTo("my notes\n");
    }

    @Test
    void report_text_bothTargetsLeakFirstGrowthAfterMarkerExit1() throws Exception {
        Path db = filledStore();
        Run run = Run.of("report", "--db", db.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEmpty();
        String out = run.out();
        assertThat(out).startsWith("== jvm pid 4242 (java -jar shop.jar), started 2026-11-24T10:00:00Z, max heap 256 MB\n");
        assertThat(out.indexOf("== process pid 777 (node server.js)")).isGreaterThan(out.indexOf("=> leak found in heap"));
        // the onset is near 72 s, the marker at 30 s
        assertThat(out).containsPattern("LEAK +heap .*; growth began \\d+ s after 'deploy v1.4.2'")
                .contains("STABLE")
                .endsWith("markers:\n  2026-11-24T10:00:30Z  deploy v1.4.2\n");
    }

    @Test
    void report_jsonOnePid_oneObjectWithTarget() throws Exception {
        Path db = filledStore();
        Run run = Run.of("report", "--db", db.toString(), "--pid", "777", "--json");
        assertThat(run.exitCode()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("target").get("pid").asLong()).isEqualTo(777);
        assertThat(root.get("target").get("kind").asText()).isEqualTo("process");
        assertThat(root.get("leak").asBoolean()).isFalse();
        assertThat(root.get("findings").get(0).get("resource").asText()).isEqualTo("rss");
        assertThat(root.get("annotations").get(0).get("text").asText()).isEqualTo("deploy v1.4.2");
    }

    @Test
    void report_jsonAll_targetsArrayMostRecentFirst() throws Exception {
        Path db = filledStore();
        Run run = Run.of("report", "--db", db.toString(), "--json");
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("targets").size()).isEqualTo(2);
        assertThat(root.get("targets").get(0).get("target").get("pid").asLong()).isEqualTo(4242);
        assertThat(root.get("targets").get(0).get("findings").get(0).get("verdict").asText()).isEqualTo("LEAK");
    }

    @Test
    void report_html_chartWithMarkerPathOnStdout() throws Exception {
        Path db = filledStore();
        Path html = tmp.resolve("history.html");
        Run run = Run.of("report", "--db", db.toString(), "--html", html.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).endsWith("HTML report: " + html + "\n");
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(page).contains("<svg class=\"chart\"")
                .contains("<g class=\"marker annotation\"><title>deploy v1.4.2</title>")
                .contains("growth began");
    }

    @Test
    void report_unknownPid_exit2NamesStoredPids() throws Exception {
        Path db = filledStore();
        Run run = Run.of("report", "--db", db.toString(), "--pid", "5");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("leakhound: " + db + ": no watched process with pid 5 (stored: pid 4242, 777)\n");
    }

    @Test
    void report_corruptStore_oneLineExit2() throws Exception {
        Path db = tmp.resolve("w.db");
        Files.write(db, new byte[] {'S', 'Q', 'L', 0, 1, 2});
        Run run = Run.of("report", "--db", db.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("leakhound: " + db + ": not an SQLite file").hasLineCount(1);
    }

    @Test
    void report_missingOrEmptyStore_exit2NothingCreated() throws Exception {
        Path missing = tmp.resolve("nope.db");
        Run run = Run.of("report", "--db", missing.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("leakhound: no such file: " + missing + "\n");
        assertThat(missing).doesNotExist();

        Path empty = tmp.resolve("empty.db");
        WatchStore.open(empty).close();
        run = Run.of("report", "--db", empty.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("leakhound: " + empty + ": no watched process stored yet");
    }
}

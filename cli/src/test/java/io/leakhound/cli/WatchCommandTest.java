package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.leakhound.demo.DemoLauncher;
import io.leakhound.demo.DemoMode;
import io.leakhound.demo.RunningDemo;
import io.leakhound.store.Sample;
import io.leakhound.series.history.Target;
import io.leakhound.store.WatchStore;
import io.leakhound.testing.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leakhound watch} on real child JVMs: the demo service leaking, watched with --json and a webhook into a
 * real SQLite file; and a watcher killed with SIGKILL, then restarted on the same process. Both watch the one
 * demo JVM the class starts (a JVM start and its warm-up cost the slow tier seconds per test): the leaking
 * one, which also serves the restart, since resuming a series does not depend on what it holds.
 */
@Tag("slow") // watches the demo service and other child processes
class WatchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Long enough for both tests in either order: a 65 s watch, then a kill and a restart of about 25 s. */
    private static final Duration DEMO_RUNS = Duration.ofSeconds(150);

    private static RunningDemo demo;

    @TempDir
    Path dir;

    @BeforeAll
    static void startTheDemo(@TempDir Path demoDir) throws Exception {
        demo = DemoLauncher.start(DemoMode.LISTENER_LEAK, DEMO_RUNS, List.of(), List.of("--leak-rate", "1m"),
                demoDir.resolve("gc.log"));
        ChildJvm.awaitAttachable(demo.pid(), Duration.ofSeconds(20));
    }

    @AfterAll
    static void stopTheDemo() throws Exception {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void leakingJvm_jsonLinesAndWebhookCarryTheLeakAndTheStoreKeepsTheSeries() throws Exception {
        List<String> posted = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        Path db = dir.resolve("watch.db");
        try {
            RunningDemo child = demo;
            Run run = Run.of("watch", Long.toString(child.pid()), "--interval", "2s", "--duration", "65s", "--db",
                    db.toString(), "--json", "--no-capture", "--webhook",
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.LEAK);
            List<JsonNode> lines = new ArrayList<>();
            for (String line : run.out().split("\n")) {
                lines.add(JSON.readTree(line));
            }
            assertThat(lines).extracting(l -> l.get("type").asText()).contains("message", "sample", "finding", "alert");
            JsonNode summary = lines.get(lines.size() - 1);
            assertThat(summary.get("type").asText()).isEqualTo("summary");
            JsonNode heap = summary.get("findings").get(0);
            assertThat(heap.get("resource").asText()).isEqualTo("heap");
            assertThat(heap.get("verdict").asText()).isEqualTo("LEAK");
            assertThat(lines).filteredOn(l -> l.get("type").asText().equals("sample")
                    && l.get("resource").asText().equals("heap")).hasSizeGreaterThan(5);
            assertThat(lines).filteredOn(l -> l.get("type").asText().equals("alert")
                    && l.get("kind").asText().equals("verdict")).extracting(l -> l.get("level").asText())
                    .containsExactly("LEAK");
        } finally {
            receiver.stop(0);
        }
        assertThat(posted).anySatisfy(body -> assertThat(JSON.readTree(body).get("type").asText()).isEqualTo("alert"));
        assertThat(posted).anySatisfy(body -> assertThat(JSON.readTree(body).get("type").asText()).isEqualTo("summary"));
        try (WatchStore store = WatchStore.open(db)) {
            Target target = store.targets().get(0);
            assertThat(target.kind()).isEqualTo(Target.JVM);
            assertThat(store.gcEvents(target.id())).hasSizeGreaterThan(5);
            assertThat(store.samples(target.id())).extracting(Sample::resource).contains("threads", "classes");
            assertThat(store.alerts(target.id())).isNotEmpty();
        }
    }

    @Test
    void watcherKilledWithSigkill_keepsItsSamplesAndARestartResumesTheSameSeries() throws Exception {
        Path db = dir.resolve("watch.db");
        RunningDemo child = demo;
        ChildJvm watcher = ChildJvm.of(startWatcher(child.pid(), db, "--json"));
        watcher.awaitLine("\"type\":\"sample\"", Duration.ofSeconds(30));
        Thread.sleep(6_000);
        Instant killedAt = Instant.now();
        watcher.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        Instant lastPrinted = lastSampleTime(watcher.lines());
        long targetId;
        int gcsBefore;
        try (WatchStore store = WatchStore.open(db)) {
            Target target = store.targets().get(0);
            targetId = target.id();
            List<Sample> samples = store.samples(targetId);
            gcsBefore = store.gcEvents(targetId).size();
            // every sample the watcher had printed is stored: it is stored before it is printed
            assertThat(samples).isNotEmpty();
            assertThat(samples.get(samples.size() - 1).at()).isAfterOrEqualTo(lastPrinted.minusMillis(1));
            assertThat(Duration.between(samples.get(samples.size() - 1).at(), killedAt))
                    .isLessThan(Duration.ofSeconds(4));
        }

        Run resumed = Run.of("watch", Long.toString(child.pid()), "--interval", "1s", "--duration", "6s", "--db",
                db.toString(), "--no-capture");
        // the verdict of a dozen seconds is not what this test is about
        assertThat(resumed.exitCode()).as(resumed.err()).isIn(ExitCodes.NO_LEAK, ExitCodes.LEAK,
                ExitCodes.NOT_ENOUGH_DATA);
        assertThat(resumed.out()).contains("resumed the stored series");
        try (WatchStore store = WatchStore.open(db)) {
            assertThat(store.targets()).hasSize(1);
            assertThat(store.gcEvents(targetId).size()).isGreaterThan(gcsBefore);
        }
    }

    @Test
    void anyProcess_rssAndThreadsFromProcUntilItExits_tooShortToJudgeExits3() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "4").start();
        Path db = dir.resolve("watch.db");

        Run run = Run.of("watch", Long.toString(sleeper.pid()), "--interval", "1s", "--duration", "30s", "--db",
                db.toString(), "--json");

        // four seconds judge nothing: that is "not enough data", never a green "no leak"
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.NOT_ENOUGH_DATA);
        assertThat(run.out()).contains("has exited");
        List<String> lines = run.out().lines().toList();
        JsonNode summary = JSON.readTree(lines.get(lines.size() - 1));
        assertThat(summary.get("target").get("kind").asText()).isEqualTo("process");
        assertThat(summary.get("findings")).extracting(f -> f.get("resource").asText())
                .containsExactly("rss", "threads");
        try (WatchStore store = WatchStore.open(db)) {
            Target target = store.targets().get(0);
            assertThat(target.pid()).isEqualTo(sleeper.pid());
            assertThat(store.samples(target.id())).filteredOn(sample -> sample.resource().equals("rss"))
                    .hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(sample -> assertThat(sample.value()).isPositive());
        }
    }

    @Test
    void notAProcess_exitCode2WithOneLine() {
        Run run = Run.of("watch", "999999999", "--db", dir.resolve("w.db").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("999999999");
    }

    @Test
    void webhookNotHttp_exitCode2BeforeAnythingIsStored() {
        Path db = dir.resolve("w.db");

        Run run = Run.of("watch", Long.toString(ProcessHandle.current().pid()), "--process", "--db", db.toString(),
                "--webhook", "ftp://example.com/hook");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--webhook").contains("ftp://example.com/…").doesNotContain("internal error");
        assertThat(db).doesNotExist();
    }

    @Test
    void webhookPagerdutyWithoutRoutingKey_exitCode2NamingWhereToGiveIt() {
        Path db = dir.resolve("w.db");

        Run run = Run.of("watch", Long.toString(ProcessHandle.current().pid()), "--process", "--db", db.toString(),
                "--webhook", "https://events.pagerduty.com/v2/enqueue", "--webhook-format", "pagerduty");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--webhook-routing-key").doesNotContain("internal error");
        assertThat(db).doesNotExist();
    }

    @Test
    void webhookHeaderWithoutColon_exitCode2WithoutPrintingTheToken() {
        Path db = dir.resolve("w.db");

        Run run = Run.of("watch", Long.toString(ProcessHandle.current().pid()), "--process", "--db", db.toString(),
                "--webhook", "http://127.0.0.1:9/hook", "--webhook-header", "Bearer-s3cret-t0ken");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--webhook-header").contains("'Name: value'").doesNotContain("s3cret");
        assertThat(db).doesNotExist();
    }

    @Test
    void corruptStore_exitCode2NamingTheFileAndLeavingItAlone() throws IOException {
        Path db = dir.resolve("notes.db");
        Files.writeString(db, "my notes, not a database\n");

        Run run = Run.of("watch", Long.toString(ProcessHandle.current().pid()), "--process", "--db", db.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains(db.toString());
        assertThat(Files.readString(db)).isEqualTo("my notes, not a database\n");
    }

    private static Process startWatcher(long pid, Path db, String... more) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path") + File.pathSeparator, Leakhound.class.getName(),
                "watch", Long.toString(pid), "--interval", "1s", "--db", db.toString(), "--no-capture"));
        command.addAll(List.of(more));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static Instant lastSampleTime(List<String> lines) throws IOException {
        Instant last = Instant.EPOCH;
        for (String line : lines) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            if (node.get("type").asText().equals("sample") && node.get("gc") == null) {
                Instant at = Instant.parse(node.get("time").asText());
                last = at.isAfter(last) ? at : last;
            }
        }
        return last;
    }
}

package io.leakhound.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.demo.DemoLauncher;
import io.leakhound.demo.DemoMode;
import io.leakhound.demo.RunningDemo;
import io.leakhound.live.JvmConnection;
import io.leakhound.series.GcSeries;
import io.leakhound.series.gclog.GcLog;
import io.leakhound.series.gclog.GcLogReader;
import io.leakhound.series.verdict.AlertLevel;
import io.leakhound.series.verdict.LeakAnalyzer;
import io.leakhound.series.history.Capture;
import io.leakhound.series.history.Target;
import io.leakhound.store.WatchStore;
import io.leakhound.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capture loop on a real child JVM: the demo service leaking listeners at 2 MB/s, attached over JMX, a real
 * store file. Evaluations come from the verdict engine run on the child's own GC log, so the growth the capture
 * waits for is the child's real growth; only the alert level is set to ESCALATE to trigger at once (the LEAK verdict
 * itself needs more than 45 s of collections). One child serves every test; each test watches it as a target of
 * its own, so the rate limit of one test does not hold back the next.
 */
@Tag("slow") // watches the demo service and dumps its heap
class HeapCaptureIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(50);

    @TempDir
    static Path shared;

    private static RunningDemo demo;
    private static JvmConnection jvm;

    @TempDir
    Path tmp;

    private WatchStore store;
    private final List<WatchEvent> events = new CopyOnWriteArrayList<>();
    private static long nextTargetStart = 1;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoLauncher.start(DemoMode.LISTENER_LEAK, Duration.ofSeconds(150), List.of(),
                List.of("--leak-rate", "2m"), shared.resolve("gc.log"));
        waitForFirstCollection(demo.gcLog());
        jvm = JvmConnection.attach(demo.pid());
    }

    @AfterAll
    static void stopDemo() throws Exception {
        if (jvm != null) {
            jvm.close();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @BeforeEach
    void openStore() throws IOException {
        store = WatchStore.open(tmp.resolve("watch.db"));
    }

    @AfterEach
    void closeStore() throws IOException {
        store.close();
    }

    @Test
    void capture_leakingDemo_baselineThenDoneWithHolderNamed_dumpsDeleted() throws Exception {
        Path dir = tmp.resolve("captures");
        CaptureSettings settings = CaptureSettings.defaults(dir);
        long target = newTarget();
        HeapCapture capture = new HeapCapture(jvm, settings, store, target, events::add);

        Capture done = driveUntilFinished(capture, target);
        capture.close(Duration.ofSeconds(30));

        assertThat(states()).containsSubsequence(Capture.BASELINE, Capture.DONE);
        assertThat(done.state()).as(done.message()).isEqualTo(Capture.DONE);
        assertThat(done.trigger()).isEqualTo("heap ESCALATE");
        // the listeners' list, reached from the static field the demo keeps its behaviour in, one hop per line
        assertThat(done.holder()).isEqualTo("io.leakhound.demo.ModeBehaviour$ListenerLeak.listeners");
        assertThat(done.path()).isEqualTo("static io.leakhound.demo.DemoService.active\n→ " + done.holder());
        assertThat(done.message()).contains("live heap").contains("grew from");
        // the watch renders nothing: the DONE event hands the diff to a listener, which writes the report there
        assertThat(done.report()).doesNotExist();
        WatchEvent.CaptureChanged doneEvent = events.stream().filter(e -> e instanceof WatchEvent.CaptureChanged c
                && c.capture().state() == Capture.DONE).map(e -> (WatchEvent.CaptureChanged) e).findFirst().orElseThrow();
        assertThat(doneEvent.diff().suspects().get(0).holderReference()).isEqualTo(done.holder());
        assertThat(done.baselineDump().getFileName().toString())
                .matches("leakhound-" + demo.pid() + "-\\d{8}-\\d{6}-1\\.hprof");
        assertThat(done.baselineDump()).doesNotExist();
        assertThat(done.secondDump()).doesNotExist();
        assertThat(hprofFiles(dir)).isEmpty();
        assertThat(store.captures(target)).containsExactly(done);
    }

    @Test
    void capture_keepDumps_bothDumpsStayAndTheSecondIsBigger() throws Exception {
        Path dir = tmp.resolve("kept");
        CaptureSettings settings = new CaptureSettings(dir, CaptureSettings.DEFAULT_EVERY, true, 0.10, 1.2);
        long target = newTarget();
        HeapCapture capture = new HeapCapture(jvm, settings, store, target, events::add);

        Capture done = driveUntilFinished(capture, target);
        capture.close(Duration.ofSeconds(30));

        assertThat(done.state()).as(done.message()).isEqualTo(Capture.DONE);
        assertThat(done.baselineDump()).exists();
        assertThat(done.secondDump()).exists();
        // the live heap grew by 10 % between the dumps; the files, with their headers and class data, by less
        assertThat(Files.size(done.secondDump())).isGreaterThan(Files.size(done.baselineDump()));
        // a dump holds every secret of the process: readable by its owner only
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(done.baselineDump())))
                .isEqualTo("rw-------");
        assertThat(hprofFiles(dir)).hasSize(2);
    }

    @Test
    void capture_impossibleDiskFactor_refusedNamingBothFigures_andNotRetriedWithinThePeriod() throws Exception {
        Path dir = tmp.resolve("refused");
        CaptureSettings settings = new CaptureSettings(dir, Duration.ofMinutes(30), false, 0.10, 1e9);
        long target = newTarget();
        HeapCapture capture = new HeapCapture(jvm, settings, store, target, events::add);

        Capture refused = driveUntilFinished(capture, target);

        assertThat(refused.state()).isEqualTo(Capture.REFUSED);
        assertThat(refused.message()).contains("free in " + dir.toAbsolutePath()).contains("needed");
        assertThat(refused.baselineDump()).isNull();
        assertThat(hprofFiles(dir)).isEmpty();

        // more triggers, and a restarted watch of the same target: the stored capture holds them back
        for (int i = 0; i < 3; i++) {
            capture.onEvaluation(evaluation());
        }
        capture.close(Duration.ofSeconds(10));
        HeapCapture restarted = new HeapCapture(jvm, settings, store, target, events::add);
        restarted.onEvaluation(evaluation());
        restarted.close(Duration.ofSeconds(10));
        assertThat(store.captures(target)).hasSize(1);
        assertThat(events.stream().filter(e -> e instanceof WatchEvent.CaptureChanged)).hasSize(1);
    }

    @Test
    void close_whileWaitingForGrowth_abandonedAndBaselineDumpDeleted() throws Exception {
        Path dir = tmp.resolve("abandoned");
        // ten times the live heap: the demo cannot grow that much within the test
        CaptureSettings settings = new CaptureSettings(dir, CaptureSettings.DEFAULT_EVERY, false, 10.0, 1.2);
        long target = newTarget();
        HeapCapture capture = new HeapCapture(jvm, settings, store, target, events::add);

        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!states().contains(Capture.BASELINE)) {
            assertThat(System.nanoTime()).as("the baseline dump").isLessThan(deadline);
            capture.onEvaluation(evaluation());
            Thread.sleep(500);
        }
        capture.onEvaluation(evaluation());
        long start = System.nanoTime();
        capture.close(Duration.ofSeconds(30));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        Capture abandoned = store.captures(target).get(0);
        assertThat(abandoned.state()).isEqualTo(Capture.ABANDONED);
        assertThat(abandoned.message()).contains("before the live heap grew");
        assertThat(abandoned.finished()).isNotNull();
        assertThat(abandoned.baselineDump()).doesNotExist();
        assertThat(hprofFiles(dir)).isEmpty();
    }

    @Test
    void capture_targetExitsWhileWaitingForGrowth_failedSayingSo() throws Exception {
        Path dir = tmp.resolve("exited");
        CaptureSettings settings = new CaptureSettings(dir, CaptureSettings.DEFAULT_EVERY, false, 10.0, 1.2);
        try (RunningDemo other = DemoLauncher.start(DemoMode.LISTENER_LEAK, Duration.ofSeconds(60), List.of(),
                List.of("--leak-rate", "1m"), tmp.resolve("other-gc.log"))) {
            waitForFirstCollection(other.gcLog());
            JvmConnection otherJvm = JvmConnection.attach(other.pid());
            try {
                long target = store.target(Target.JVM, other.pid(), Instant.EPOCH, "other", 256L << 20).id();
                HeapCapture capture = new HeapCapture(otherJvm, settings, store, target, events::add);
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (!states().contains(Capture.BASELINE)) {
                    assertThat(System.nanoTime()).as("the baseline dump").isLessThan(deadline);
                    capture.onEvaluation(evaluation(other.gcLog()));
                    Thread.sleep(500);
                }
                other.close();
                while (store.captures(target).get(0).finished() == null) {
                    assertThat(System.nanoTime()).as("the capture's end").isLessThan(deadline);
                    Thread.sleep(200);
                }
                capture.close(Duration.ofSeconds(10));

                Capture failed = store.captures(target).get(0);
                assertThat(failed.state()).isEqualTo(Capture.FAILED);
                assertThat(failed.message()).contains("the target exited");
                assertThat(hprofFiles(dir)).isEmpty();
            } finally {
                try {
                    otherJvm.close();
                } catch (IOException e) {
                    // closing a JMX connection to a JVM that has exited fails (connection refused): nothing to close
                }
            }
        }
    }

    // ---- helpers ----

    /** A target of its own for each test, as a new process of the same pid would be. */
    private long newTarget() throws IOException {
        Instant start = Instant.ofEpochSecond(nextTargetStart++);
        return store.target(Target.JVM, demo.pid(), start, "demo", 256L << 20).id();
    }

    /** Feeds evaluations once a second until the target's first capture ends; returns it. */
    private Capture driveUntilFinished(HeapCapture capture, long target) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            capture.onEvaluation(evaluation());
            List<Capture> captures = store.captures(target);
            if (!captures.isEmpty() && captures.get(0).finished() != null) {
                return captures.get(0);
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("no capture finished within " + TIMEOUT + "; events: " + events);
    }

    /** The verdict engine on the child's GC log so far, with the heap alert at ESCALATE. */
    private static Evaluation evaluation() throws IOException {
        return evaluation(demo.gcLog());
    }

    private static Evaluation evaluation(Path gcLog) throws IOException {
        GcLog log = GcLogReader.read(List.of(gcLog));
        GcSeries series = log.events();
        long heapAfterGc = series.isEmpty() ? -1 : series.heapAfter(series.size() - 1);
        return new Evaluation(Instant.now(), LeakAnalyzer.analyze(log), Map.of("heap", AlertLevel.ESCALATE),
                heapAfterGc, -1);
    }

    /** Attaching before the JVM has set up its signal handlers would end it: its first collection comes after. */
    private static void waitForFirstCollection(Path gcLog) throws InterruptedException {
        // an IOException is "not yet": the log is not there yet, or holds the JVM's start-up lines only
        ChildJvm.await("the demo's first collection", Duration.ofSeconds(20),
                () -> !GcLogReader.read(List.of(gcLog)).events().isEmpty());
    }

    private List<Capture.State> states() {
        return events.stream().filter(e -> e instanceof WatchEvent.CaptureChanged)
                .map(e -> ((WatchEvent.CaptureChanged) e).capture().state()).toList();
    }

    private static List<Path> hprofFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".hprof")).toList();
        }
    }
}

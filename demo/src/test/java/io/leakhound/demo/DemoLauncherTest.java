package io.leakhound.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakhound.hprof.HprofFile;
import io.leakhound.hprof.HprofHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow") // runs the demo service as child JVMs
class DemoLauncherTest {
    private static final Pattern G1_PAUSE = Pattern.compile(
            "^\\[\\d+\\.\\d+s]\\[info]\\[gc\\s*] GC\\(\\d+\\) Pause Young .* \\d+M->\\d+M\\(\\d+M\\) \\d+\\.\\d+ms$");

    @TempDir
    Path dir;

    @Test
    void recordGcLog_steadyChurnFor8s_writesG1PauseLinesAndProgress() throws Exception {
        List<String> progress = new ArrayList<>();
        Path log = DemoLauncher.recordGcLog(DemoMode.STEADY_CHURN, Duration.ofSeconds(8), List.of(),
                dir.resolve("logs/gc.log"), progress::add);

        List<String> lines = Files.readAllLines(log);
        // about 55 MB/s of churn in a 256 MB heap: a young collection every few seconds at most
        assertThat(lines.stream().filter(line -> G1_PAUSE.matcher(line).matches())).isNotEmpty();
        assertThat(lines).anyMatch(line -> line.contains("Using G1"));
        assertThat(lines).anyMatch(line -> line.contains("[gc,metaspace"));
        assertThat(progress.get(0)).startsWith("demo service started: mode STEADY_CHURN");
        assertThat(progress.get(progress.size() - 1)).startsWith("demo service stopped after 8 s");
    }

    @Test
    void recordGcLog_badJvmOption_failsWithTheChildsErrorOutput() {
        assertThatThrownBy(() -> DemoLauncher.recordGcLog(DemoMode.WARMUP, Duration.ofSeconds(20),
                List.of("-XX:+NoSuchLeakhoundOption"), dir.resolve("gc.log"), line -> { }))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("exited with status 1")
                .hasMessageContaining("NoSuchLeakhoundOption");
    }

    @Test
    void command_collectorGiven_doesNotAddG1() {
        List<String> withParallel = DemoLauncher.command("java", DemoMode.WARMUP, Duration.ofSeconds(60),
                List.of("-XX:+UseParallelGC"), List.of("--leak-start", "30s"), Path.of("/tmp/a b/gc.log"));
        List<String> plain = DemoLauncher.command("java", DemoMode.WARMUP, Duration.ofSeconds(60),
                List.of(), List.of(), Path.of("/tmp/gc.log"));

        assertThat(withParallel).doesNotContain("-XX:+UseG1GC").contains("-XX:+UseParallelGC", "-Xmx256m",
                "-Xlog:gc*:file=\"/tmp/a b/gc.log\":uptime,level,tags:filecount=0");
        assertThat(withParallel.subList(withParallel.size() - 6, withParallel.size()))
                .containsExactly("--mode", "WARMUP", "--duration", "60000ms", "--leak-start", "30s");
        assertThat(plain).contains("-XX:+UseG1GC", "-Xlog:gc*:file=/tmp/gc.log:uptime,level,tags:filecount=0");
    }

    @Test
    void record_64MbHeapDumpsAt2sAnd5s_yieldsTwoCompleteReadableDumpsInOrder() throws Exception {
        List<String> progress = new ArrayList<>();
        Instant before = Instant.now();
        DemoRecording recording = DemoLauncher.record(DemoMode.LISTENER_LEAK, Duration.ofSeconds(6), List.of("-Xmx64m"),
                List.of("--leak-rate", "1m"), List.of(Duration.ofSeconds(2), Duration.ofSeconds(5)), dir.resolve("run"),
                progress::add);

        assertThat(recording.heapDumps()).containsExactly(dir.resolve("run/heap-1.hprof").toAbsolutePath(),
                dir.resolve("run/heap-2.hprof").toAbsolutePath());
        HprofHeader first;
        HprofHeader second;
        try (HprofFile early = HprofFile.open(recording.heapDumps().get(0));
                HprofFile late = HprofFile.open(recording.heapDumps().get(1))) {
            first = early.header();
            second = late.header();
            // the leak retains 1 MB/s for the 3 s between the dumps; live dumps hold only what is reachable
            assertThat(late.length() - early.length()).isBetween(2L << 20, 5L << 20);
        }
        assertThat(first.format()).isEqualTo("JAVA PROFILE 1.0.2");
        assertThat(first.timestamp()).isAfter(before);
        assertThat(Duration.between(first.timestamp(), second.timestamp()))
                .isBetween(Duration.ofMillis(2500), Duration.ofMillis(4500));
        // the later -Xmx64m wins over the launcher's -Xmx256m
        assertThat(Files.readAllLines(recording.gcLog())).anyMatch(line -> line.endsWith("Heap Max Capacity: 64M"));
        assertThat(progress).anyMatch(line -> line.contains("heap dump 2 written: " + recording.heapDumps().get(1)));
    }

    @Test
    void record_dumpFileExists_reportsTheFailureAndTakesTheNextDump() throws Exception {
        Path out = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(out.resolve("heap-1.hprof"), "an earlier dump");
        List<String> progress = new ArrayList<>();

        DemoRecording recording = DemoLauncher.record(DemoMode.STEADY_CHURN, Duration.ofSeconds(3), List.of("-Xmx64m"),
                List.of(), List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), out, progress::add);

        assertThat(recording.heapDumps()).containsExactly(out.resolve("heap-2.hprof").toAbsolutePath());
        assertThat(Files.readString(out.resolve("heap-1.hprof"))).isEqualTo("an earlier dump");
        assertThat(progress).anyMatch(line -> line.startsWith("HEAP_DUMP_FAILED file=" + out.resolve("heap-1.hprof"))
                && line.contains("File exists"));
    }

    @Test
    void record_dumpAfterTheRun_isRejectedBeforeStarting() {
        assertThatThrownBy(() -> DemoLauncher.record(DemoMode.WARMUP, Duration.ofSeconds(10), List.of(), List.of(),
                List.of(Duration.ofSeconds(5), Duration.ofSeconds(11)), dir, line -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most the duration 10000ms");
    }

    @Test
    void announcedDump_pathWithSpaces_isReadWhole() {
        assertThat(DemoLauncher.announcedDump("HEAP_DUMP file=/tmp/my dumps/heap-1.hprof elapsedMillis=2001"))
                .isEqualTo(Path.of("/tmp/my dumps/heap-1.hprof"));
    }

    @Test
    void command_extraMaxHeap_comesAfterTheDefaultSoItWins() {
        List<String> command = DemoLauncher.command("java", DemoMode.WARMUP, Duration.ofSeconds(60),
                List.of("-Xmx64m"), List.of(), Path.of("/tmp/gc.log"));

        assertThat(command.indexOf("-Xmx64m")).isGreaterThan(command.indexOf("-Xmx256m"));
    }
}

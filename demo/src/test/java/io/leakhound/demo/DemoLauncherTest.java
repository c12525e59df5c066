package io.leakhound.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}

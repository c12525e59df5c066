package io.leakhound.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo end to end, short: the service runs, records, dumps twice; the recording is judged and profiled and
 * the diff names the listener list with the allocation sites of its elements.
 */
class DemoCommandTest {
    @TempDir
    Path out;

    @Test
    void listenerLeakDemo_printsTheVerdictsTheAllocationSitesThenTheHolderThatGrew() {
        Run run = Run.of("demo", "--duration", "12s", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.NO_LEAK);
        assertThat(run.out()).contains("GC log: ", "Heap diff: leakhound diff ", "Growth suspects",
                "io.leakhound.demo.ModeBehaviour$ListenerLeak.listeners (java.util.ArrayList) grew from",
                "Flight recording: leakhound analyze ", "Allocation: leakhound alloc ", "allocated at (demo.jfr: ")
                .doesNotContain("Flight recording: skipped");
        assertThat(out.resolve("heap-1.hprof")).isRegularFile();
        assertThat(out.resolve("heap-2.hprof")).isRegularFile();
        assertThat(out.resolve("demo-report.html")).isRegularFile();
        assertThat(out.resolve("demo-diff.html")).isRegularFile();
        assertThat(out.resolve("demo.jfr")).isRegularFile();
        assertThat(out.resolve("demo-alloc.html")).isRegularFile();
    }

    @Test
    void heapDumpTimes_aQuarterAndNineTenthsOfTheRun() {
        assertThat(DemoCommand.heapDumpTimes(Duration.ofSeconds(80)))
                .containsExactly(Duration.ofSeconds(20), Duration.ofSeconds(72));
    }
}

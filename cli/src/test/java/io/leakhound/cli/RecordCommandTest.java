package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.testing.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leakhound record}: one short recording of a child JVM, and the usage and target errors. */
@Tag("slow") // records a child JVM with JFR
class RecordCommandTest {

    private static final String NL = System.lineSeparator();

    @TempDir
    Path tmp;

    private static long deadPid() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        return gone.pid();
    }

    @Test
    void record_runningJvm_exitZero_fileReadableAndNextCommandsNamed() throws Exception {
        try (ChildJvm child = ChildJvm.start(IdleJvm.class, List.of("-Xmx32m", "-XX:+UseSerialGC"))) {
            child.awaitLine("ready", Duration.ofSeconds(30));
            Path file = tmp.resolve("rec.jfr");
            Run run = Run.of("record", Long.toString(child.pid()), "--duration", "2s", "--out", file.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("Recorded 2 s of process " + child.pid() + " into " + file + " (")
                    .contains("  leakhound analyze " + file + " ", "  leakhound alloc " + file + " ");
            assertThat(run.err()).contains("leakhound: recording process " + child.pid() + " (")
                    .contains("leakhound: warning: only 2 s recorded; the verdict needs at least 45 s");
            Set<String> events = new HashSet<>();
            try (RecordingFile recording = new RecordingFile(file)) {
                while (recording.hasMoreEvents()) {
                    events.add(recording.readEvent().getEventType().getName());
                }
            }
            // what survives and the paths to the roots are checked on a busier JVM in live's LeakRecorderTest
            assertThat(events).contains("jdk.JavaThreadStatistics", "jdk.ClassLoadingStatistics",
                    "jdk.DirectBufferStatistics", "jdk.ActiveSetting");
            assertThat(child.process().isAlive()).as("the target keeps running").isTrue();
        }
    }

    @Test
    void record_noSuchProcess_exitTwo_oneLine() throws Exception {
        long pid = deadPid();
        Path file = tmp.resolve("rec.jfr");
        Run run = Run.of("record", Long.toString(pid), "--out", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("leakhound: process " + pid + ": no such process (see jps for the running JVMs)" + NL);
        assertThat(file).doesNotExist();
    }

    @Test
    void record_outFolderMissing_exitTwo_beforeAttaching() throws Exception {
        Path file = tmp.resolve("missing").resolve("rec.jfr");
        // the pid of a process that does not exist: the --out check comes first, so it is not what is reported
        Run run = Run.of("record", Long.toString(deadPid()), "--out", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("leakhound: --out " + file + ": the folder " + file.getParent()
                + " does not exist" + NL);
    }

    @Test
    void record_outIsFolder_exitTwo_saysGiveAFileName() throws Exception {
        Run run = Run.of("record", Long.toString(deadPid()), "--out", tmp.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("leakhound: --out " + tmp + " is a folder; give a file name");
    }

    @Test
    void record_durationZero_exitTwo_usageError() {
        Run run = Run.of("record", "1234", "--duration", "0s");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'0s' is not a positive duration").contains("record --help")
                .doesNotContain("\tat ");
    }

    @Test
    void record_pidNotANumber_exitTwo_usageError() {
        Run run = Run.of("record", "myservice");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("myservice").contains("PID").doesNotContain("\tat ");
    }

    @Test
    void record_help_namesDefaultsAndTheVerdictsMinimum() {
        Run help = Run.of("record", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("leakhound-PID-yyyyMMdd-HHmmss.jfr", "default: 2m", "at least 45 s");
    }
}

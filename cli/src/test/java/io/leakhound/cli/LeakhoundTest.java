package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage, help and exit codes: what does not depend on reading a real log. */
class LeakhoundTest {

    @TempDir
    Path tmp;

    @Test
    void help_exitZero_listsCommandsAndExitCodes() {
        Run run = Run.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("analyze", "heap", "diff", "demo", "Exit codes:", "at least one LEAK finding");
    }

    @Test
    void analyzeHelp_exitZero_documentsOptions() {
        Run run = Run.of("analyze", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--json", "--html=OUT.html", "FILE...", "Exit codes:");
    }

    @Test
    void version_exitZero_namesVersion() {
        Run run = Run.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("leakhound ");
    }

    @Test
    void noCommand_exitTwo_usageOnStderr() {
        Run run = Run.of();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Usage: leakhound");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownOption_exitTwo_saysWhichAndHowToGetHelp() {
        Run run = Run.of("analyze", "--frobnicate", "gc.log");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--frobnicate'", "leakhound analyze --help");
    }

    @Test
    void analyzeWithoutFile_exitTwo() {
        Run run = Run.of("analyze");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter: 'FILE'");
    }

    @Test
    void misspelledCommand_exitTwo_suggestsTheRightOne() {
        Run run = Run.of("analyse-this", "gc.log");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("leakhound: Unmatched argument", "analyse-this");
    }

    @Test
    void missingFile_exitTwo_namesFile_noStackTrace() {
        Path missing = tmp.resolve("no-such-gc.log");
        Run run = Run.of("analyze", missing.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("leakhound: no such file: " + missing + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void directory_exitTwo_namesIt_stackTraceOnlyWhenVerbose() {
        Run quiet = Run.of("analyze", tmp.toString());
        assertThat(quiet.exitCode()).isEqualTo(2);
        assertThat(quiet.err()).contains(tmp.toString(), "is a directory").doesNotContain("\tat ");
        Run verbose = Run.of("analyze", "--verbose", tmp.toString());
        assertThat(verbose.exitCode()).isEqualTo(2);
        assertThat(verbose.err()).contains("is a directory", "\tat io.leakhound.cli.");
    }

    @Test
    void secondFileMissing_exitTwo_namesThatFile() throws Exception {
        Path present = Files.writeString(tmp.resolve("gc.log.0"), "[0.010s][info][gc] Using G1\n");
        Path missing = tmp.resolve("gc.log.1");
        Run run = Run.of("analyze", present.toString(), missing.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no such file: " + missing);
    }

    @Test
    void demoBadDuration_exitTwo_saysWhatIsExpected() {
        Run run = Run.of("demo", "--duration", "soon");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'soon' is not a duration", "60s");
    }

    @Test
    void demoUnknownCollector_exitTwo() {
        Run run = Run.of("demo", "--collector", "epsilon");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--collector", "epsilon");
    }

    @Test
    void demoUnknownMode_exitTwo_listsModes() {
        Run run = Run.of("demo", "--mode", "no-such-mode");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown demo mode 'no-such-mode'", "listener-leak");
    }
}

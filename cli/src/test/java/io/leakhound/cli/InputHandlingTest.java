package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the commands say about their input before and beside the analysis: not enough data to judge (exit
 * 3), a file of the wrong kind (exit 2, naming the command that reads it), an {@code --html} that cannot be
 * written (exit 2, before any work) and a bug of leakhound's (exit 70). All inputs are real: a JFR recording
 * made by the JDK, an HPROF dump, the GC log fixtures.
 */
class InputHandlingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path recording;
    static Path dump;
    static Path log;
    static Path shortCsv;

    @BeforeAll
    static void inputs() throws Exception {
        recording = dir.resolve("app.jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.GCHeapSummary");
            r.start();
            System.gc();
            r.stop();
            r.dump(recording);
        }
        dump = LeakyDump.write(dir.resolve("app.hprof"));
        log = dir.resolve("gc.log");
        try (InputStream in = InputHandlingTest.class.getResourceAsStream("/gclogs/g1-leak.log")) {
            Files.copy(in, log);
        }
        shortCsv = Files.writeString(dir.resolve("short.csv"),
                "timestamp_ms,rss_bytes\n0,100000000\n1000,100001000\n2000,100002000\n");
    }

    // ---- not enough data to judge -------------------------------------------------------------

    @Test
    void allInconclusive_exitThree_notEnoughDataToJudge() {
        Run run = Run.of("analyze", shortCsv.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.NOT_ENOUGH_DATA);
        assertThat(run.out()).contains("INCONCLUSIVE").contains("=> not enough data to judge")
                .doesNotContain("no leak found");
    }

    @Test
    void allInconclusive_json_growthAndExhaustionNull_exitThree() throws Exception {
        Run run = Run.of("analyze", "--json", shortCsv.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        JsonNode f = JSON.readTree(run.out()).at("/findings/0");
        assertThat(f.get("verdict").asText()).isEqualTo("INCONCLUSIVE");
        assertThat(f.get("growthBytesPerHour").isNull()).as(f.toString()).isTrue();
        assertThat(f.get("timeToExhaustionSeconds").isNull()).isTrue();
        assertThat(JSON.readTree(run.out()).get("conclusion").asText()).isEqualTo("NOT_ENOUGH_DATA");
    }

    @Test
    void allInconclusive_html_greyNotGreen() throws Exception {
        Path page = dir.resolve("short.html");
        Run run = Run.of("analyze", shortCsv.toString(), "--html", page.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(Files.readString(page)).contains("class=\"overall inconclusive\"").doesNotContain("overall no-leak");
    }

    // ---- a file of the wrong kind ---------------------------------------------------------------

    @Test
    void jfrRecordingToHeap_saysUseAnalyzeOrAlloc() {
        assertRefused(Run.of("heap", recording.toString()), recording, "this is a JFR recording: use leakhound analyze");
    }

    @Test
    void jfrRecordingToDiff_saysUseAnalyzeOrAlloc() {
        assertRefused(Run.of("diff", recording.toString(), recording.toString()), recording,
                "this is a JFR recording: use leakhound analyze");
    }

    @Test
    void heapDumpToAnalyze_saysUseHeapOrDiff() {
        assertRefused(Run.of("analyze", dump.toString()), dump, "this is a heap dump: use leakhound heap");
    }

    @Test
    void heapDumpToAlloc_saysUseHeapOrDiff() {
        assertRefused(Run.of("alloc", dump.toString()), dump, "this is a heap dump: use leakhound heap");
    }

    @Test
    void heapDumpToDiffJfr_saysUseHeapOrDiff() {
        assertRefused(Run.of("diff", dump.toString(), dump.toString(), "--jfr", dump.toString()), dump,
                "this is a heap dump: use leakhound heap");
    }

    @Test
    void gcLogToHeap_saysUseAnalyze() {
        assertRefused(Run.of("heap", log.toString()), log, "this is a GC log: use leakhound analyze");
    }

    @Test
    void gcLogToAlloc_saysUseAnalyze() {
        assertRefused(Run.of("alloc", log.toString()), log, "this is a GC log: use leakhound analyze");
    }

    @Test
    void csvSeriesToDiff_saysUseAnalyze() {
        assertRefused(Run.of("diff", shortCsv.toString(), shortCsv.toString()), shortCsv,
                "this is a CSV series: use leakhound analyze");
    }

    private static void assertRefused(Run run, Path file, String words) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString().contains(file.toString()).contains(words);
    }

    // ---- an --html that cannot be written --------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"analyze", "heap", "diff", "alloc", "report"})
    void htmlInMissingDirectory_refusedBeforeTheWork(String command) {
        Path page = dir.resolve("no-such-dir").resolve("out.html");
        Run run = Run.of(withHtml(command, page));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).as("no report printed: the work did not start").isEmpty();
        assertThat(run.err().lines()).singleElement().asString().contains(page.toString()).contains("no directory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"analyze", "heap", "diff", "alloc", "report"})
    void htmlIsADirectory_refusedBeforeTheWork(String command) {
        Run run = Run.of(withHtml(command, dir));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("is a directory");
    }

    @Test
    void htmlInReadOnlyDirectory_refusedBeforeTheWork() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes into read-only directories");
        Path readOnly = Files.createDirectories(dir.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Run run = Run.of("analyze", log.toString(), "--html", readOnly.resolve("out.html").toString());
            assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).contains("cannot create a file in");
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static String[] withHtml(String command, Path page) {
        List<String> args = switch (command) {
            case "analyze" -> List.of("analyze", log.toString());
            case "heap" -> List.of("heap", dump.toString());
            case "diff" -> List.of("diff", dump.toString(), dump.toString());
            case "alloc" -> List.of("alloc", recording.toString());
            default -> List.of("report", "--db", dir.resolve("watch.db").toString());
        };
        List<String> all = new java.util.ArrayList<>(args);
        all.addAll(List.of("--html", page.toString()));
        return all.toArray(String[]::new);
    }

    // ---- internal errors ------------------------------------------------------------------------

    /**
     * Standard input that fails with an unchecked exception, as a stream broken under the reader would: a
     * bug's path (not the input's fault), so exit 70 with one line asking for a report, never 2.
     */
    @Test
    void uncheckedFailureReadingInput_exitSeventy_oneLineAskingForAReport() {
        InputStream stdin = System.in;
        Run run;
        try {
            System.setIn(new InputStream() {
                @Override
                public int read() {
                    throw new IllegalStateException("stream state corrupted");
                }
            });
            run = Run.of("analyze", "-");
        } finally {
            System.setIn(stdin);
        }
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INTERNAL_ERROR);
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("internal error in leakhound: java.lang.IllegalStateException: stream state corrupted")
                .contains("please report").contains("--verbose");
    }

    @Test
    void badInput_staysExitTwo_notInternal() {
        Run run = Run.of("analyze", dir.resolve("missing.log").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).doesNotContain("internal error");
    }
}

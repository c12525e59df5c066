package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakhound.testing.jfr.KeptArraysRecording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leakhound alloc} on a recording of the test JVM that keeps arrays in a static list
 * ({@link KeptArraysRecording}, made once), on a corpus recording without old-object samples, and on bad input.
 */
@Tag("slow") // records JFR in this JVM
class AllocCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEEPER = KeptArraysRecording.class.getName();

    @TempDir
    static Path shared;
    private static Path recording;

    @TempDir
    Path tmp;

    @BeforeAll
    static void record() throws Exception {
        recording = KeptArraysRecording.write(shared.resolve("kept.jfr"));
    }

    @Test
    void keptArrays_json_exitOneGrowingByteArraysWithTheirLineAndPath() throws Exception {
        Run run = Run.of("alloc", "--json", recording.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("allocationEvents").asText()).isEqualTo("jdk.ObjectAllocationSample");
        assertThat(root.get("referenceChains").asBoolean()).isTrue();
        assertThat(root.get("growing").get(0).asText()).isEqualTo("byte[]");
        JsonNode bytes = root.get("classes").get(0);
        assertThat(bytes.get("class").asText()).isEqualTo("byte[]");
        assertThat(bytes.get("growing").asBoolean()).isTrue();
        JsonNode site = bytes.get("sites").get(0);
        assertThat(site.get("allocatingLine").asText()).isEqualTo(KEEPER + ".write:" + KeptArraysRecording.keepLine());
        assertThat(site.get("applicationFrame").get("method").asText()).isEqualTo("write");
        assertThat(site.get("applicationFrame").get("line").asInt()).isEqualTo(KeptArraysRecording.keepLine());
        assertThat(site.get("settledSurvivors").asInt()).isPositive();
        JsonNode path = bytes.get("survivors").get("paths").get(0);
        assertThat(path.get("chain").get(0).asText()).isEqualTo("static " + KEEPER + ".HELD");
        assertThat(path.get("chain").get(path.get("chain").size() - 1).asText()).isEqualTo("byte[]");
    }

    @Test
    void keptArrays_textAndHtml_growingFirstWithLineAndPath() throws Exception {
        Path html = tmp.resolve("alloc.html");
        Run run = Run.of("alloc", recording.toString(), "--html", html.toString(), "--top", "3");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("Growing classes")
                .contains("  1. byte[]: ")
                .contains("allocated at " + KEEPER + ".write:" + KeptArraysRecording.keepLine())
                .contains("static " + KEEPER + ".HELD")
                .contains("Classes by allocated bytes (top 3 of ")
                .contains("HTML report: ");
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("GROWING 1").contains("<svg")
                .contains(KEEPER + ".write:" + KeptArraysRecording.keepLine()).doesNotContain("<script");
    }

    @Test
    void corpusRecordingWithoutOldObjects_exitZero_topClassAndWarning() throws Exception {
        Path file = corpus("jmc/rules/dominating_thread_allocation_sample.jfr");
        Run run = Run.of("alloc", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Growth unknown").contains("  1. ").contains("byte[]")
                .contains("mostly at Main$AllocatingThread.run:");
        assertThat(run.err()).contains("leakhound: warning: the recording has no old-object samples");
    }

    @Test
    void notJfr_exitTwo_oneLineNamingTheFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("gc.log"), "[0.010s][info][gc] Using G1\n");
        Run run = Run.of("alloc", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("leakhound: " + file + ": this is a GC log: use leakhound analyze")
                .doesNotContain("\tat ");
        assertThat(run.err().lines().count()).isEqualTo(1);
    }

    @Test
    void truncatedRecording_warningOnStderr_completeChunksProfiled() throws Exception {
        byte[] whole = Files.readAllBytes(recording);
        Path cut = tmp.resolve("cut.jfr");
        // the whole first chunk and a few bytes of a second one: a JVM that died writing its next chunk
        Files.write(cut, concat(whole, Arrays.copyOf(whole, 100)));
        Run run = Run.of("alloc", "--json", cut.toString());

        assertThat(run.exitCode()).isIn(0, 1);
        assertThat(run.err()).contains("leakhound: warning: the recording is cut short");
        assertThat(JSON.readTree(run.out()).get("allocatedBytes").asLong()).isPositive();
    }

    @Test
    void missingFile_exitTwo_namesIt() {
        Run run = Run.of("alloc", tmp.resolve("none.jfr").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no such file: ").contains("none.jfr");
    }

    @Test
    void topZero_exitTwo() {
        Run run = Run.of("alloc", "--top", "0", recording.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--top must be at least 1");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static Path corpus(String relative) throws IOException {
        String root = System.getProperty("leakhound.corpus");
        Assumptions.assumeTrue(root != null && Files.isDirectory(Path.of(root, "jfr")), "corpus not present");
        return Path.of(root, "jfr", relative);
    }
}

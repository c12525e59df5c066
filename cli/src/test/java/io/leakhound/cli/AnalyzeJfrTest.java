package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leakhound analyze rec.jfr} on real recordings of the corpus (skipped without it): a whole one, one cut
 * short as a crashed JVM leaves it, and inputs that cannot be judged.
 */
class AnalyzeJfrTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void serialRecording_json_oneFindingPerResourceWithUnits() throws Exception {
        // jafar's TCK recording: JDK 21.0.3, Serial, 120 s, 946 collections, thread, RSS and container samples
        Run run = Run.of("analyze", "--json", corpus("jafar/tck-test.jfr").toString());

        assertThat(run.exitCode()).as(run.err()).isIn(0, 1);
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("gc").get("collector").asText()).isEqualTo("SERIAL");
        assertThat(root.get("gc").get("events").asLong()).isEqualTo(946);
        List<String> resources = new ArrayList<>();
        for (JsonNode f : root.get("findings")) {
            resources.add(f.get("resource").asText() + ":" + f.get("unit").asText());
            assertThat(f.has("growthBytesPerHour")).isTrue();
        }
        assertThat(resources).containsExactly("heap:BYTES", "metaspace:BYTES", "threads:COUNT", "rss:BYTES",
                "container:BYTES");
    }

    @Test
    void serialRecording_text_threadsInThreadsNotBytes() throws Exception {
        Run run = Run.of("analyze", corpus("jafar/tck-test.jfr").toString());

        String threads = run.out().lines().filter(l -> l.contains(" threads ")).findFirst().orElseThrow();
        assertThat(threads).contains("live threads").doesNotContain(" B", "KB", "MB");
    }

    @Test
    void recordingCutShort_analysesTheCompleteChunksWithAWarning() throws Exception {
        byte[] whole = Files.readAllBytes(corpus("jafar/tck-test.jfr"));
        Path cut = Files.write(tmp.resolve("crashed.jfr"), Arrays.copyOf(whole, whole.length * 3 / 4));

        Run run = Run.of("analyze", "--json", cut.toString());

        assertThat(run.exitCode()).as(run.err()).isIn(0, 1);
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("warnings").toString()).contains("cut short", "read the 1 complete chunk");
        assertThat(root.get("gc").get("events").asLong()).isPositive();
    }

    @Test
    void format09Recording_exitTwo_pointsToMissionControl() throws Exception {
        Path old = corpus("jmc/recordings/7u40.jfr");

        Run run = Run.of("analyze", old.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(old.toString(), "format 0.9", "JDK Mission Control").doesNotContain("\tat ");
    }

    @Test
    void emergencyDumpWithoutMemoryEvents_exitTwo_saysHowToRecord() throws Exception {
        Path dump = corpus("jmc/recordings/hs_err_jdk-16.jfr");

        Run run = Run.of("analyze", dump.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(dump.toString(), "none about memory", "leakhound record PID",
                "-XX:StartFlightRecording").doesNotContain("\tat ");
    }

    @Test
    void magicThenGarbage_exitTwo_namesTheFileAndOffset() throws Exception {
        byte[] noise = new byte[4096];
        new Random(5).nextBytes(noise);
        noise[0] = 'F';
        noise[1] = 'L';
        noise[2] = 'R';
        noise[3] = 0;
        Path fake = Files.write(tmp.resolve("fake.jfr"), noise);

        Run run = Run.of("analyze", fake.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(fake + " at byte 0").doesNotContain("\tat ", "Exception");
    }

    @Test
    void textNamedJfr_exitTwo_saysItIsNotARecording() throws Exception {
        Path text = Files.writeString(tmp.resolve("rec.jfr"), "[0.010s][info][gc] Using G1\n");

        Run run = Run.of("analyze", text.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(text + " at byte 0", "not a JFR recording", "5b302e30");
    }

    @Test
    void emptyFileNamedJfr_exitTwo_saysItIsEmpty() throws Exception {
        Path empty = Files.createFile(tmp.resolve("crashed.jfr"));

        Run run = Run.of("analyze", empty.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(empty.toString(), "empty").doesNotContain("GC log");
    }

    @Test
    void recordingAndGcLogTogether_exitTwo_analyseSeparately() throws Exception {
        Path log = tmp.resolve("gc.log");
        try (InputStream in = getClass().getResourceAsStream("/gclogs/g1-leak.log")) {
            Files.copy(in, log);
        }

        Run run = Run.of("analyze", corpus("jafar/tck-test.jfr").toString(), log.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("gc.log", "is a JFR recording", "analyse them separately");
    }

    @Test
    void recordingsOfTwoJvms_exitTwo_analyseSeparately() throws Exception {
        Run run = Run.of("analyze", corpus("jafar/tck-test.jfr").toString(),
                corpus("jmc/recordings/hotmethods.jfr").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("hotmethods.jfr: was recorded by a JVM started at", "different JVMs",
                "analyse them separately");
    }

    @Test
    void recordingWithoutJvmStartAmongSeveral_exitTwo_cannotBeJoined() throws Exception {
        // JMC's jdk21.jfr has no jdk.JVMInformation: nothing tells whether it comes from the same JVM
        Run run = Run.of("analyze", corpus("jafar/tck-test.jfr").toString(),
                corpus("jmc/rules/jdk21.jfr").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("jdk21.jfr: does not say when its JVM started", "analyse it separately");
    }

    private static Path corpus(String relative) {
        String root = System.getProperty("leakhound.corpus");
        assumeTrue(root != null && Files.isDirectory(Path.of(root, "jfr")), "corpus not present");
        return Path.of(root, "jfr", relative);
    }
}

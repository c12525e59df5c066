package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakhound.demo.DemoLauncher;
import io.leakhound.demo.DemoMode;
import io.leakhound.demo.DemoRecording;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leakhound diff a.hprof b.hprof --jfr rec.jfr} on one run of the demo's unbounded cache (7.2 s,
 * {@code -Xmx64m}, 2 MB/s leaked, dumps at 3.5 s and 7 s, recorded with {@code settings=profile}): the
 * suspect, the memo map of {@code byte[]}, gains the line that allocates those arrays.
 */
@Tag("slow") // records the demo service with JFR and heap dumps
class DiffJfrCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SOURCE = Path.of("..", "demo", "src", "main", "java", "io", "leakhound", "demo",
            "ModeBehaviour.java");

    @TempDir
    static Path run;
    private static DemoRecording recording;
    private static Path jfr;

    @BeforeAll
    static void record() throws Exception {
        jfr = run.resolve("rec.jfr");
        recording = DemoLauncher.record(DemoMode.UNBOUNDED_CACHE, Duration.ofMillis(7200),
                List.of("-Xmx64m", "-XX:StartFlightRecording=filename=" + jfr
                        + ",settings=profile,path-to-gc-roots=true,dumponexit=true"),
                List.of("--leak-rate", "2m"), List.of(Duration.ofMillis(3500), Duration.ofSeconds(7)),
                run.resolve("demo"), line -> { });
    }

    @Test
    void unboundedCache_json_suspectGainsTheLineThatAllocatesItsArrays() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(SOURCE), "the demo's source");
        int newLine = lineOf("byte[] copy = new byte[");
        Run run = Run.of("diff", "--json", dump(0), dump(1), "--jfr", jfr.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("allocationProfile").get("source").asText()).isEqualTo(jfr.toString());
        JsonNode suspect = root.get("suspects").get(0);
        assertThat(suspect.get("elementClass").asText()).isEqualTo("byte[]");
        assertThat(suspect.get("allocationSitesClass").asText()).isEqualTo("byte[]");
        assertThat(suspect.get("allocationSitesGrowing").asBoolean()).isTrue();
        JsonNode site = suspect.get("allocationSites").get(0);
        assertThat(site.get("allocatingLine").asText()).isEqualTo("io.leakhound.demo.ModeBehaviour.capture:" + newLine);
        assertThat(site.get("stack").toString()).contains("io.leakhound.demo.ModeBehaviour$UnboundedCache.onRequest:");
    }

    @Test
    void unboundedCache_textAndHtml_sitesUnderTheSuspect() throws Exception {
        Path html = run.resolve("diff.html");
        Run run = Run.of("diff", dump(0), dump(1), "--jfr", jfr.toString(), "--html", html.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("allocated at (rec.jfr: byte[], growing in the recording)")
                .contains("allocated at io.leakhound.demo.ModeBehaviour.capture:");
        assertThat(Files.readString(html)).contains("allocation sites in rec.jfr: byte[]")
                .contains("io.leakhound.demo.ModeBehaviour.capture:");
    }

    @Test
    void notJfr_exitTwo_beforeTheDumpsAreRead() throws Exception {
        Run run = Run.of("diff", dump(0), dump(1), "--jfr", dump(0));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("leakhound: " + dump(0) + ": this is a heap dump: use leakhound heap");
    }

    private static String dump(int i) {
        assertThat(recording.heapDumps()).hasSize(2);
        return recording.heapDumps().get(i).toString();
    }

    private static int lineOf(String text) throws Exception {
        List<String> lines = Files.readAllLines(SOURCE);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line containing '" + text + "' in " + SOURCE);
    }
}

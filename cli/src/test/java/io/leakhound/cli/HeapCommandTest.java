package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leakhound heap} on a tiny dump with an exactly known leak ({@link LeakyDump}), on broken copies of
 * it, and on a real dump of the corpus (skipped when the corpus is absent).
 */
class HeapCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the ArrayList under EventBus.LISTENERS retains; the arithmetic is in {@link LeakyDump}. */
    private static final long LEAK_BYTES = 24 + 216 + LeakyDump.LISTENERS * (16 + 1016);

    @TempDir
    Path tmp;

    private Path leakyDump() throws IOException {
        return LeakyDump.write(tmp.resolve("leaky.hprof"));
    }

    @Test
    void leakyDump_json_contractFieldsAndExactLeak() throws Exception {
        Run run = Run.of("heap", "--json", leakyDump().toString(), "--temp-dir", tmp.resolve("work").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.fieldNames()).toIterable().contains("objects", "classes", "gcRoots", "shallowBytes",
                "histogram", "dominators", "suspects");
        assertThat(root.get("gcRoots").asInt()).isEqualTo(5);
        // 5 class objects, the list, its array, 50 listeners, 50 payloads and the garbage array
        assertThat(root.get("objects").asLong()).isEqualTo(5 + 2 + 2L * LeakyDump.LISTENERS + 1);
        assertThat(root.get("unreachableBytes").asLong()).isEqualTo(1016);
        JsonNode suspect = root.get("suspects").get(0);
        assertThat(suspect.get("summary").asText()).isEqualTo("static com.acme.EventBus.LISTENERS (java.util.ArrayList)"
                + " holds 50 com.acme.Listener retaining 50.6 KB (" + percentOfHeap(root, 51_840) + " of the heap)");
        assertThat(suspect.get("holder").get("class").asText()).isEqualTo("java.util.ArrayList");
        assertThat(suspect.get("holderReference").asText()).isEqualTo("static com.acme.EventBus.LISTENERS");
        assertThat(suspect.get("accumulationPoint").get("class").asText()).isEqualTo("java.lang.Object[]");
        assertThat(suspect.get("elementClass").asText()).isEqualTo("com.acme.Listener");
        assertThat(suspect.get("elementCount").asLong()).isEqualTo(LeakyDump.LISTENERS);
        assertThat(suspect.get("path").get(0).asText()).isEqualTo("static com.acme.EventBus.LISTENERS");
        assertThat(suspect.get("retainedFraction").asDouble()).isBetween(0.0, 1.0);
        assertThat(suspect.get("pattern").asText()).isEqualTo("listener");
        assertThat(suspect.get("advice").asText()).startsWith("static com.acme.EventBus.LISTENERS only grows")
                .contains("Listener objects");
        JsonNode listRow = null;
        for (JsonNode row : root.get("histogram")) {
            if (row.get("class").asText().equals("java.util.ArrayList")) {
                listRow = row;
            }
        }
        assertThat(listRow).as("java.util.ArrayList in the histogram").isNotNull();
        assertThat(listRow.get("retainedBytes").asLong()).isEqualTo(LEAK_BYTES);
        assertThat(listRow.get("count").asLong()).isEqualTo(1);
        assertThat(root.get("dominators").get(0).get("retainedBytes").asLong()).isGreaterThanOrEqualTo(LEAK_BYTES);
        assertThat(root.get("dominators").get(0).get("objectId").isNumber()).isTrue();
    }

    private static String percentOfHeap(JsonNode root, long bytes) {
        return io.leakhound.series.Human.percent((double) bytes / root.get("reachableBytes").asLong());
    }

    @Test
    void leakyDump_text_suspectSentenceAndPathChain() throws Exception {
        Run run = Run.of("heap", leakyDump().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("1. static com.acme.EventBus.LISTENERS (java.util.ArrayList) holds 50 com.acme.Listener")
                .contains("→ java.util.ArrayList.elementData")
                .contains("Classes by retained size")
                .contains("Biggest objects");
    }

    /** Before, {@code heap -} said "no such file: -". */
    @Test
    void dumpOnStandardInput_gzippedOrNot_isAnalysedUnderTheNameDash() throws Exception {
        byte[] dump = Files.readAllBytes(leakyDump());
        java.io.ByteArrayOutputStream gzipped = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(gzipped)) {
            gzip.write(dump);
        }
        for (byte[] input : java.util.List.of(dump, gzipped.toByteArray())) {
            java.io.InputStream stdin = System.in;
            Run run;
            try {
                System.setIn(new java.io.ByteArrayInputStream(input));
                run = Run.of("heap", "-", "--temp-dir", tmp.resolve("work").toString());
            } finally {
                System.setIn(stdin);
            }
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("-: ")
                    .contains("1. static com.acme.EventBus.LISTENERS (java.util.ArrayList) holds 50 com.acme.Listener");
            try (Stream<Path> left = Files.list(tmp.resolve("work"))) {
                assertThat(left).as("the copy of standard input is deleted").isEmpty();
            }
        }
    }

    /** Before, an empty pipe was named by the temporary copy of it that nobody asked for. */
    @Test
    void emptyStandardInput_exit2NamingDashNotTheTemporaryCopy() throws Exception {
        java.io.InputStream stdin = System.in;
        Run run;
        try {
            System.setIn(new java.io.ByteArrayInputStream(new byte[0]));
            run = Run.of("heap", "-", "--temp-dir", tmp.resolve("work").toString());
        } finally {
            System.setIn(stdin);
        }
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("-: at byte 0").contains("is empty").doesNotContain("stream-");
    }

    @Test
    void top_limitsHistogramAndDominators() throws Exception {
        Run run = Run.of("heap", "--json", "--top", "2", leakyDump().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("histogram").size()).isEqualTo(2);
        assertThat(root.get("dominators").size()).isLessThanOrEqualTo(2);
        assertThat(root.get("histogramClasses").asInt()).isGreaterThan(2);
    }

    @Test
    void topZero_exitTwo() throws Exception {
        Run run = Run.of("heap", "--top", "0", leakyDump().toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--top");
    }

    @Test
    void html_writtenSelfContained_pathAndSentence() throws Exception {
        Path html = tmp.resolve("heap.html");
        Run run = Run.of("heap", "--json", "--html", html.toString(), leakyDump().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.out()).get("suspects").size()).isEqualTo(1);
        assertThat(run.err()).contains("HTML report: ");
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg", "static com.acme.EventBus.LISTENERS",
                "java.util.ArrayList.elementData", "com.acme.Listener").doesNotContain("<script", "http://", "https://");
    }

    @Test
    void tempDir_emptiedAfterTheRun() throws Exception {
        Path work = Files.createDirectory(tmp.resolve("work"));
        Run run = Run.of("heap", "--temp-dir", work.toString(), leakyDump().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void garbage_exitTwo_namesFile_noStackTrace() throws Exception {
        byte[] noise = new byte[64 * 1024];
        new Random(42).nextBytes(noise);
        Path garbage = Files.write(tmp.resolve("garbage.hprof"), noise);
        Path work = Files.createDirectory(tmp.resolve("work"));
        Run run = Run.of("heap", "--temp-dir", work.toString(), garbage.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(garbage.toString()).doesNotContain("\tat ");
        assertThat(run.err().lines().count()).isEqualTo(1);
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).as("temporary files after a failure").isEmpty();
        }
    }

    @Test
    void missingFile_exitTwo_namesFile() {
        Run run = Run.of("heap", tmp.resolve("nope.hprof").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no such file: " + tmp.resolve("nope.hprof"));
    }

    @Test
    void directory_exitTwo_namesIt() {
        Run run = Run.of("heap", tmp.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(tmp.toString()).contains("directory").doesNotContain("\tat ");
    }

    @Test
    void truncatedDump_analysedWithWarningOnStderr_exitZero() throws Exception {
        byte[] whole = Files.readAllBytes(leakyDump());
        Path cut = Files.write(tmp.resolve("cut.hprof"), Arrays.copyOf(whole, whole.length * 2 / 3));
        Run run = Run.of("heap", "--json", cut.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("warning").contains("truncated");
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("objects").asLong()).isPositive().isLessThan(5 + 2 + 2L * LeakyDump.LISTENERS + 1);
        assertThat(root.get("warnings").size()).isPositive();
    }

    @Test
    void corpusDump_jsonParseable_histogramMatchesJmapClasses() throws Exception {
        Path dump = Paths.get(System.getProperty("leakhound.corpus", "../shared/corpus"), "hprof", "mat",
                "openjdk_jdk11_04_x64.hprof.gz");
        Assumptions.assumeTrue(Files.exists(dump), "corpus file " + dump + " is absent");
        Run run = Run.of("heap", "--json", "--top", "5", dump.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = JSON.readTree(run.out());
        // _observed/hprof_records.tsv: 1,912 class dumps + 129,433 instances + 8,566 object arrays + 48,038
        // primitive arrays; 111 JAVA_FRAME roots
        assertThat(root.get("objects").asLong()).isEqualTo(187_949);
        assertThat(root.get("gcRootsByKind").get("JAVA_FRAME").asInt()).isEqualTo(111);
        assertThat(root.get("histogram").size()).isEqualTo(5);
        assertThat(root.get("suspects").get(0).get("summary").asText()).contains("org.eclipse.mat.tests.CreateCollectionDump");
    }
}

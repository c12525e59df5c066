package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leakhound analyze} on real GC logs recorded from a JVM (see {@code gclogs/README.md}): a 64 MB G1
 * heap retaining 500 KB/s for 60 s (a leak), the same heap with a constant live set (stable), and the
 * leak again under Parallel GC with {@code -Xlog:gc*}. These need the real reader and engine.
 */
class AnalyzeEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path fixture(String name) throws IOException {
        Path file = tmp.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/gclogs/" + name)) {
            assertThat(in).as("test resource gclogs/%s", name).isNotNull();
            Files.copy(in, file);
        }
        return file;
    }

    /** A log over 64 KiB through a FIFO: the same verdict and event count as the file (the head was lost). */
    @Test
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void logThroughFifo_sameVerdictAndEventCountAsTheFile() throws Exception {
        Path file = fixture("parallel-leak-details.log");
        assertThat(Files.size(file)).isGreaterThan(64 * 1024);
        Path fifo = tmp.resolve("gc.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
        Thread writer = new Thread(() -> {
            try (java.io.OutputStream out = Files.newOutputStream(fifo)) {
                Files.copy(file, out);
            } catch (IOException e) {
                // the reader gave up: its assertion says why
            }
        });
        writer.setDaemon(true);
        writer.start();
        assertSameJudgement(Run.of("analyze", "--json", fifo.toString()), Run.of("analyze", "--json", file.toString()));
    }

    /** {@code cat gc.log | leakhound analyze -}: standard input, read once. */
    @Test
    void logOnStandardInput_sameVerdictAndEventCountAsTheFile() throws Exception {
        Path file = fixture("parallel-leak-details.log");
        java.io.InputStream stdin = System.in;
        Run piped;
        try {
            // gzip-compressed too: told by its magic bytes, as `cat gc.log.gz | leakhound analyze -`
            System.setIn(new java.io.ByteArrayInputStream(gzip(file)));
            piped = Run.of("analyze", "--json", "-");
        } finally {
            System.setIn(stdin);
        }
        assertThat(JSON.readTree(piped.out()).get("source").asText()).isEqualTo("-");
        assertSameJudgement(piped, Run.of("analyze", "--json", file.toString()));
    }

    private static byte[] gzip(Path file) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            Files.copy(file, z);
        }
        return out.toByteArray();
    }

    private static void assertSameJudgement(Run piped, Run plain) throws IOException {
        assertThat(piped.exitCode()).as(piped.err()).isEqualTo(plain.exitCode()).isEqualTo(1);
        JsonNode p = JSON.readTree(piped.out());
        JsonNode f = JSON.readTree(plain.out());
        assertThat(p.at("/gc/events").asInt()).isEqualTo(f.at("/gc/events").asInt()).isPositive();
        assertThat(p.at("/findings/0/verdict").asText()).isEqualTo(f.at("/findings/0/verdict").asText());
        assertThat(p.at("/findings/0/growthBytesPerHour").asLong())
                .isEqualTo(f.at("/findings/0/growthBytesPerHour").asLong());
        assertThat(p.get("spanSeconds").asDouble()).isEqualTo(f.get("spanSeconds").asDouble());
    }

    @Test
    void g1Leak_text_leakLineAndExitOne() throws Exception {
        Run run = Run.of("analyze", fixture("g1-leak.log").toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().lines().filter(l -> l.startsWith("LEAK")).findFirst()).hasValueSatisfying(
                line -> assertThat(line).contains("heap"));
        assertThat(run.out()).contains("=> leak found in heap");
    }

    @Test
    void parallelLeakDetails_exitOne() throws Exception {
        Run run = Run.of("analyze", fixture("parallel-leak-details.log").toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    }

    @Test
    void g1Stable_exitZero_noLeakLine() throws Exception {
        Run run = Run.of("analyze", fixture("g1-stable.log").toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).doesNotContain("LEAK").contains("=> no leak found");
    }

    @Test
    void json_onlyOneObjectOnStdout_everyContractField() throws Exception {
        Run run = Run.of("analyze", "--json", fixture("g1-leak.log").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.fieldNames()).toIterable().contains("source", "span", "findings", "gc");
        assertThat(root.get("span").asText()).matches("PT[0-9.HMS]+");
        JsonNode heap = root.get("findings").get(0);
        assertThat(heap.fieldNames()).toIterable().contains("resource", "verdict", "confidence",
                "growthBytesPerHour", "onsetSeconds", "timeToExhaustion", "limitBytes", "alert", "summary");
        assertThat(heap.get("resource").asText()).isEqualTo("heap");
        assertThat(heap.get("verdict").asText()).isEqualTo("LEAK");
        assertThat(heap.get("growthBytesPerHour").asLong()).isPositive();
        assertThat(heap.get("limitBytes").asLong()).isEqualTo(64L << 20);
        JsonNode gc = root.get("gc");
        assertThat(gc.fieldNames()).toIterable().contains("events", "pauseTotalMillis", "pauseFraction",
                "fullCollections");
        // every young pause is an event; -Xlog:gc writes at most one line per event
        assertThat(gc.get("events").asLong()).isBetween(countLines("g1-leak.log", "Pause Young"),
                countLines("g1-leak.log", "[gc"));
    }

    @Test
    void html_writesSelfContainedReport_saysWhere() throws Exception {
        Path html = tmp.resolve("out.html");
        Run run = Run.of("analyze", "--html", html.toString(), fixture("g1-leak.log").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("HTML report: " + html.toAbsolutePath());
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg", "70 % warning").doesNotContain("<script");
    }

    @Test
    void jsonWithHtml_stdoutStaysPureJson_whereOnStderr() throws Exception {
        Path html = tmp.resolve("out.html");
        Run run = Run.of("analyze", "--json", "--html", html.toString(), fixture("g1-stable.log").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(JSON.readTree(run.out()).get("findings").isArray()).isTrue();
        assertThat(run.err()).contains("HTML report: ");
        assertThat(html).exists();
    }

    @Test
    void rotatedParts_readAsOneSeries() throws Exception {
        List<String> lines = Files.readAllLines(fixture("g1-leak.log"));
        int half = lines.size() / 2;
        Path part0 = Files.write(tmp.resolve("gc.log.0"), lines.subList(0, half));
        Path part1 = Files.write(tmp.resolve("gc.log.1"), lines.subList(half, lines.size()));
        Run whole = Run.of("analyze", "--json", tmp.resolve("g1-leak.log").toString());
        Run parts = Run.of("analyze", "--json", part1.toString(), part0.toString());
        assertThat(parts.exitCode()).isEqualTo(1);
        assertThat(JSON.readTree(parts.out()).get("gc").get("events").asLong())
                .isEqualTo(JSON.readTree(whole.out()).get("gc").get("events").asLong());
    }

    @Test
    void binaryGarbage_exitTwo_namesFile_noStackTrace() throws Exception {
        byte[] noise = new byte[64 * 1024];
        new Random(42).nextBytes(noise);
        Path garbage = Files.write(tmp.resolve("garbage.bin"), noise);
        Run run = Run.of("analyze", garbage.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(garbage.toString()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void emptyFile_exitTwo_namesFile() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.log"));
        Run run = Run.of("analyze", empty.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(empty.toString()).doesNotContain("\tat ");
    }

    @Test
    void csvLeak_exitOne_noGcSection() throws Exception {
        // RSS of a process sampled once a second for 10 min: 100 MB growing 200 KB/s, under 1 MB of jitter
        StringBuilder csv = new StringBuilder();
        Random random = new Random(7);
        for (int s = 0; s <= 600; s++) {
            long used = (100L << 20) + s * 200L * 1024 + random.nextInt(1 << 20);
            csv.append(s * 1000L).append(',').append(used).append(',').append(1L << 30).append('\n');
        }
        Path file = Files.writeString(tmp.resolve("rss.csv"), csv, StandardCharsets.UTF_8);
        Run run = Run.of("analyze", "--json", file.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("gc").isNull()).isTrue();
        assertThat(root.get("findings").get(0).get("verdict").asText()).isEqualTo("LEAK");
    }

    @Test
    void csvAndGcLogTogether_exitTwo() throws Exception {
        Path file = Files.writeString(tmp.resolve("rss.csv"), "0,100\n1000,200\n2000,300\n");
        Run run = Run.of("analyze", file.toString(), fixture("g1-leak.log").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("rss.csv", "analyse them separately");
    }

    private static long countLines(String fixture, String needle) throws IOException {
        try (InputStream in = AnalyzeEndToEndTest.class.getResourceAsStream("/gclogs/" + fixture)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> l.contains(needle))
                    .count();
        }
    }
}

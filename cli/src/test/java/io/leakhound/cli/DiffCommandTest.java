package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leakhound diff} on dumps of a tiny process whose listener list grows and whose cache does not
 * ({@link GrowingDumps}), on a real dump of the corpus compared with itself (skipped when the corpus is
 * absent), and on bad input.
 */
class DiffCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String HOLDER = "static com.acme.EventBus.LISTENERS";

    @TempDir
    Path tmp;

    private Path dump(String name, int listeners, Instant when) throws IOException {
        return GrowingDumps.write(tmp.resolve(name), listeners, when);
    }

    private static JsonNode classRow(JsonNode root, String className) {
        for (JsonNode row : root.get("classes")) {
            if (row.get("class").asText().equals(className)) {
                return row;
            }
        }
        throw new AssertionError(className + " is not among the classes that changed: " + root.get("classes"));
    }

    @Test
    void junitTest_printsARegressionTestForTheFirstHolderInsteadOfTheReport() throws Exception {
        Path before = dump("before.hprof", 10, T0);
        Path after = dump("after.hprof", 300, T0.plusSeconds(3600));

        Run run = Run.of("diff", "--junit-test", before.toString(), after.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).startsWith("// Written by leakhound")
                .contains("package com.acme;")
                .contains("class EventBusListenersLeakTest")
                .contains("assertNoLeak(EventBusListenersLeakTest::operation)")
                .contains("Class.forName(\"com.acme.EventBus\").getDeclaredField(\"LISTENERS\")")
                .doesNotContain("Growth suspects");
    }

    @Test
    void growingListeners_json_exitOneNamesHolderAndElements() throws Exception {
        Path before = dump("before.hprof", 10, T0);
        Path after = dump("after.hprof", 300, T0.plusSeconds(3600));
        Run run = Run.of("diff", "--json", before.toString(), after.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("elapsedSeconds").asDouble()).isEqualTo(3600.0);
        assertThat(root.get("dumps").get(0).get("source").asText()).isEqualTo(before.toString());
        JsonNode suspect = root.get("suspects").get(0);
        assertThat(suspect.get("holderReference").asText()).isEqualTo(HOLDER);
        assertThat(suspect.get("holderClass").asText()).isEqualTo("java.util.ArrayList");
        assertThat(suspect.get("elementClass").asText()).isEqualTo("com.acme.Listener");
        assertThat(suspect.get("countBefore").asLong()).isEqualTo(10);
        assertThat(suspect.get("countAfter").asLong()).isEqualTo(300);
        assertThat(suspect.get("pattern").asText()).isEqualTo("listener");
        assertThat(suspect.get("advice").asText()).startsWith(HOLDER);
        assertThat(suspect.get("path").get(0).asText()).isEqualTo(HOLDER);
        long growth = suspect.get("retainedBytesAfter").asLong() - suspect.get("retainedBytesBefore").asLong();
        // 290 more listeners, each keeping at least its 4 KB payload
        assertThat(growth).isGreaterThanOrEqualTo(290L * GrowingDumps.PAYLOAD);
        // one hour apart: the growth per hour is the growth
        assertThat(suspect.get("growthBytesPerHour").asLong()).isEqualTo(growth);
        assertThat(suspect.get("summary").asText()).startsWith(HOLDER + " (java.util.ArrayList) grew from 10 to 300"
                + " com.acme.Listener: retained ");
        JsonNode listeners = classRow(root, "com.acme.Listener");
        assertThat(listeners.get("countBefore").asLong()).isEqualTo(10);
        assertThat(listeners.get("countAfter").asLong()).isEqualTo(300);
        assertThat(listeners.get("shallowBytesAfter").asLong()).isEqualTo(30 * listeners.get("shallowBytesBefore").asLong());
        // the cache held a fresh set of 20 entries in each dump: no suspect of its own
        for (JsonNode s : root.get("suspects")) {
            assertThat(s.get("holderReference").asText()).doesNotContain("Cache");
        }
    }

    @Test
    void growingListeners_text_sentenceAndPath() throws Exception {
        Run run = Run.of("diff", dump("a.hprof", 10, T0).toString(), dump("b.hprof", 300, T0.plusSeconds(60)).toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).startsWith("2 dumps, 1 min 00 s apart; live heap ")
                .contains("Growth suspects\n  1. " + HOLDER + " (java.util.ArrayList) grew from 10 to 300 com.acme.Listener")
                .contains("\n       " + HOLDER + "\n")
                .contains("Classes by shallow growth");
    }

    @Test
    void threeDumps_json_perDumpCountsAndEveryInterval() throws Exception {
        Run run = Run.of("diff", "--json", dump("1.hprof", 10, T0).toString(),
                dump("2.hprof", 100, T0.plusSeconds(600)).toString(), dump("3.hprof", 300, T0.plusSeconds(1200)).toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode suspect = JSON.readTree(run.out()).get("suspects").get(0);
        assertThat(suspect.get("holderReference").asText()).isEqualTo(HOLDER);
        assertThat(suspect.get("counts").toString()).isEqualTo("[10,100,300]");
        assertThat(suspect.get("grewInEveryInterval").asBoolean()).isTrue();
        assertThat(suspect.get("summary").asText()).endsWith("; grew in every interval of 3 dumps");
    }

    @Test
    void nothingGrew_exitZero_saysSo() throws Exception {
        Path before = dump("before.hprof", 10, T0);
        Path after = dump("after.hprof", 10, T0.plusSeconds(3600));
        Run text = Run.of("diff", before.toString(), after.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("Nothing grew materially");
        Run json = Run.of("diff", "--json", before.toString(), after.toString());
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(JSON.readTree(json.out()).get("suspects")).isEmpty();
    }

    @Test
    void html_writtenSelfContained_holderAndBarPair() throws Exception {
        Path html = tmp.resolve("diff.html");
        Run run = Run.of("diff", "--json", "--html", html.toString(), dump("a.hprof", 10, T0).toString(),
                dump("b.hprof", 300, T0.plusSeconds(60)).toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("HTML report: ");
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("<svg class=\"bars\"", HOLDER,
                "com.acme.Listener", "GROWTH 1").doesNotContain("<script", "http://", "https://");
    }

    @Test
    void tempDir_emptiedAfterTheRun() throws Exception {
        Path work = Files.createDirectory(tmp.resolve("work"));
        Run run = Run.of("diff", "--temp-dir", work.toString(), dump("a.hprof", 10, T0).toString(),
                dump("b.hprof", 10, T0).toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void truncatedAfterDump_warningOnStderrNamesIt_stillCompared() throws Exception {
        byte[] whole = Files.readAllBytes(dump("whole.hprof", 300, T0.plusSeconds(60)));
        Path cut = Files.write(tmp.resolve("cut.hprof"), Arrays.copyOf(whole, whole.length * 2 / 3));
        Run run = Run.of("diff", "--json", dump("a.hprof", 10, T0).toString(), cut.toString());
        assertThat(run.exitCode()).as(run.err()).isIn(0, 1);
        assertThat(run.err()).contains("leakhound: warning: " + cut + ": ").contains("truncated");
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("dumps").get(1).get("warnings").size()).isPositive();
    }

    @Test
    void oneDump_exitTwo_saysTwoAreNeeded() throws Exception {
        Run run = Run.of("diff", dump("a.hprof", 10, T0).toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("DUMP").contains("diff --help").doesNotContain("\tat ");
    }

    @Test
    void missingFile_exitTwo_namesIt() throws Exception {
        Path missing = tmp.resolve("nope.hprof");
        Run run = Run.of("diff", dump("a.hprof", 10, T0).toString(), missing.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("leakhound: no such file: " + missing + System.lineSeparator());
    }

    @Test
    void directory_exitTwo_namesIt() throws Exception {
        Run run = Run.of("diff", tmp.toString(), dump("a.hprof", 10, T0).toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(tmp.toString()).contains("directory").doesNotContain("\tat ");
    }

    @Test
    void topZero_exitTwo() throws Exception {
        Run run = Run.of("diff", "--top", "0", dump("a.hprof", 10, T0).toString(), dump("b.hprof", 10, T0).toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--top");
    }

    @Test
    void notHprof_exitTwo_oneLineNamingFileAndOffset_tempDirEmptied() throws Exception {
        byte[] noise = new byte[64 * 1024];
        new Random(42).nextBytes(noise);
        Path garbage = Files.write(tmp.resolve("garbage.hprof"), noise);
        Path work = Files.createDirectory(tmp.resolve("work"));
        Run run = Run.of("diff", "--temp-dir", work.toString(), dump("a.hprof", 10, T0).toString(), garbage.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(garbage.toString() + ": at byte ").doesNotContain("\tat ");
        assertThat(run.err().lines().count()).isEqualTo(1);
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).as("temporary files after a failure").isEmpty();
        }
    }

    @Test
    void notHprofVerbose_exitTwo_withStackTrace() throws Exception {
        Path garbage = Files.write(tmp.resolve("garbage.hprof"), new byte[] {1, 2, 3, 4});
        Run run = Run.of("diff", "--verbose", dump("a.hprof", 10, T0).toString(), garbage.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(garbage.toString()).contains("\tat ");
    }

    @Test
    void corpusDump_diffedWithItself_nothingChanged_exitZero() throws Exception {
        Path dump = Paths.get(System.getProperty("leakhound.corpus", "../shared/corpus"), "hprof", "mat",
                "openjdk_jdk11_04_x64.hprof.gz");
        Assumptions.assumeTrue(Files.exists(dump), "corpus file " + dump + " is absent");
        Run run = Run.of("diff", "--json", dump.toString(), dump.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("suspects")).isEmpty();
        assertThat(root.get("classes")).isEmpty();
        assertThat(root.get("elapsedSeconds").asDouble()).isZero();
        // _observed/hprof_records.tsv: 187,949 objects in this dump
        assertThat(root.get("dumps").get(1).get("objects").asLong()).isEqualTo(187_949);
    }

    @Test
    void help_listsExitCodes() {
        Run run = Run.of("diff", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("BEFORE.hprof AFTER.hprof", "Exit codes:", "nothing grew materially",
                "at least one growth suspect", "--temp-dir");
    }
}

package io.leakhound.series.gclog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakhound.series.Collector;
import io.leakhound.series.GcEvent;
import io.leakhound.series.GcKind;
import io.leakhound.series.GcLogFormatException;
import io.leakhound.series.GcSeries;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reader on logs recorded from real JVMs (see {@code gclogs/unified/README.md}); expected counts come
 * from an independent oracle, a regular expression over the summary lines.
 */
class GcLogReaderTest {

    // a stop-the-world summary line: "GC(n) Pause ... 14M->12M(128M) 7.033ms"
    private static final Pattern PAUSE_SUMMARY = Pattern.compile("GC\\(\\d+\\) Pause .*->.* [\\d.,]+ms$");
    private static final Pattern FULL_SUMMARY = Pattern.compile("GC\\(\\d+\\) Pause (Full|Degenerated).*->.*ms$");
    private static final Pattern ZGC_SUMMARY =
            Pattern.compile("GC\\(\\d+\\) (Garbage|Major|Minor) Collection \\(.*\\) \\d+M\\(\\d+%\\)->.*");

    @TempDir
    Path tmp;

    static Path fixture(String name) {
        try {
            return Path.of(GcLogReaderTest.class.getResource("/gclogs/unified/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Path file, Pattern p) throws IOException {
        return Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream().filter(l -> p.matcher(l).find()).count();
    }

    private static long countKind(GcSeries s, GcKind kind) {
        long n = 0;
        for (int i = 0; i < s.size(); i++) {
            n += s.kind(i) == kind ? 1 : 0;
        }
        return n;
    }

    private static void assertTimeOrdered(GcSeries s) {
        for (int i = 1; i < s.size(); i++) {
            assertThat(s.uptimeMillis(i)).isGreaterThanOrEqualTo(s.uptimeMillis(i - 1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"g1-jdk17-gc.log", "g1-jdk17-gcstar-alldecorations.log", "g1-jdk25-gcstar.log",
        "parallel-jdk17-gc.log", "parallel-jdk25-gcstar-uptimemillis.log", "serial-jdk17-gcstar-nodecorations.log",
        "serial-jdk25-gc-utctime.log"})
    void stopTheWorldCollectors_everyPauseSummaryIsOneEvent(String name) throws IOException {
        Path file = fixture(name);
        GcLog log = GcLogReader.read(List.of(file));
        GcSeries s = log.events();
        long pauses = 0;
        for (int i = 0; i < s.size(); i++) {
            pauses += s.get(i).isPause() ? 1 : 0;
        }
        assertThat(pauses).isEqualTo(count(file, PAUSE_SUMMARY));
        assertThat(s.statistics().fullCollections()).isEqualTo(count(file, FULL_SUMMARY)).isPositive();
        assertThat(log.format()).isEqualTo(GcLogFormat.UNIFIED);
        assertThat(log.linesRead()).isEqualTo(Files.readAllLines(file).size());
        assertTimeOrdered(s);
        for (int i = 0; i < s.size(); i++) {
            GcEvent e = s.get(i);
            if (e.isPause()) {
                assertThat(e.heap().hasAfter()).isTrue();
                assertThat(e.heap().afterBytes()).isLessThanOrEqualTo(e.heap().capacityBytes());
            }
        }
    }

    @Test
    void bareCarriageReturnLineEnds_readLikeNewlines() throws IOException {
        // JDK 8 Parallel log with classic Mac OS line ends, as gctoolkit's premature2.log has them
        String log = "2.192: [GC [PSYoungGen: 4194176K->64K(4194240K)] 4194176K->18931K(4213632K), 0.0068330 secs]\r"
                + "2.199: [Full GC [PSYoungGen: 64K->0K(4194240K)] [PSOldGen: 18867K->18915K(43200K)] "
                + "18931K->18915K(4237440K) [PSPermGen: 2623K->2623K(21248K)], 0.0309500 secs]\r";
        Path file = tmp.resolve("cr.log");
        Files.writeString(file, log);
        GcSeries s = GcLogReader.read(List.of(file)).events();
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.kind(1)).isEqualTo(GcKind.FULL);
        assertThat(s.heapAfter(1)).isEqualTo(18915L * 1024);
    }

    /** Before, a JDK 7 log's permanent generation was judged and named as "metaspace". */
    @Test
    void jdk7LogWithThePermanentGeneration_isJudgedAsPermGenNotMetaspace() throws IOException {
        Path permGen = tmp.resolve("jdk7.log");
        Files.writeString(permGen, "2.199: [Full GC [PSYoungGen: 64K->0K(4194240K)] [PSOldGen: 18867K->18915K(43200K)] "
                + "18931K->18915K(4237440K) [PSPermGen: 2623K->2623K(21248K)], 0.0309500 secs]\n");
        Path metaspace = tmp.resolve("jdk8.log");
        Files.writeString(metaspace, "2.199: [Full GC (Ergonomics) [PSYoungGen: 64K->0K(4194240K)] [ParOldGen: "
                + "18867K->18915K(43200K)] 18931K->18915K(4237440K), [Metaspace: 2623K->2623K(1056768K)], 0.0309500 secs]\n");

        GcLog jdk7 = GcLogReader.read(List.of(permGen));
        GcLog jdk8 = GcLogReader.read(List.of(metaspace));

        assertThat(jdk7.permanentGeneration()).isTrue();
        assertThat(jdk8.permanentGeneration()).isFalse();
        assertThat(io.leakhound.series.verdict.LeakAnalyzer.analyze(jdk7).findings())
                .extracting(io.leakhound.series.verdict.Finding::resource).containsExactly("heap", "permgen");
        assertThat(io.leakhound.series.verdict.LeakAnalyzer.analyze(jdk8).findings())
                .extracting(io.leakhound.series.verdict.Finding::resource).containsExactly("heap", "metaspace");
    }

    @Test
    void g1Jdk17Gc_kindsMatchTheEventNames() throws IOException {
        Path file = fixture("g1-jdk17-gc.log");
        GcSeries s = GcLogReader.read(List.of(file)).events();
        assertThat(countKind(s, GcKind.MIXED)).isEqualTo(count(file, Pattern.compile("Pause Young \\(Mixed\\).*ms$")))
                .isPositive();
        assertThat(countKind(s, GcKind.CONCURRENT_CYCLE)).isEqualTo(
                count(file, Pattern.compile("(Pause Remark|Pause Cleanup|Concurrent (Mark|Undo) Cycle) .*ms$")));
    }

    @Test
    void g1GcStar_richLines_giveMetaspaceOldGenAndMaxHeap() throws IOException {
        GcLog log = GcLogReader.read(List.of(fixture("g1-jdk25-gcstar.log")));
        assertThat(log.collector()).isEqualTo(Collector.G1);
        assertThat(log.maxHeapBytes()).isEqualTo(32L << 20); // -Xmx32m
        GcSeries s = log.events();
        int young = 0;
        for (int i = 0; i < s.size(); i++) {
            GcEvent e = s.get(i);
            if (e.kind() == GcKind.YOUNG) {
                young++;
                assertThat(e.metaspace().hasAfter()).isTrue();
                assertThat(e.oldGen().hasAfter()).isTrue();
                // whole regions: the old generation's regions may hold more than the heap's used bytes
                assertThat(e.oldGen().afterBytes()).isLessThanOrEqualTo(e.heap().capacityBytes());
            }
        }
        assertThat(young).isPositive();
    }

    @Test
    void allDecorations_wallClockAndUptimeAgree() throws IOException {
        GcSeries s = GcLogReader.read(List.of(fixture("g1-jdk17-gcstar-alldecorations.log"))).events();
        GcEvent first = s.get(0);
        GcEvent last = s.get(s.size() - 1);
        long wallSpan = last.wallClock().toEpochMilli() - first.wallClock().toEpochMilli();
        long uptimeSpan = last.uptime().toMillis() - first.uptime().toMillis();
        assertThat(wallSpan).isCloseTo(uptimeSpan, org.assertj.core.data.Offset.offset(3L));
    }

    @Test
    void noDecorations_parsesWithAWarning() throws IOException {
        GcLog log = GcLogReader.read(List.of(fixture("serial-jdk17-gcstar-nodecorations.log")));
        assertThat(log.collector()).isEqualTo(Collector.SERIAL);
        assertThat(log.warnings()).anyMatch(w -> w.contains("no time decorations"));
    }

    @Test
    void zgcJdk17_everyCycleIsOneConcurrentEvent() throws IOException {
        for (String name : List.of("zgc-jdk17-gc.log", "zgc-jdk17-gcstar.log")) {
            Path file = fixture(name);
            GcLog log = GcLogReader.read(List.of(file));
            assertThat(log.collector()).isEqualTo(Collector.ZGC);
            assertThat(countKind(log.events(), GcKind.CONCURRENT_CYCLE)).isEqualTo(count(file, ZGC_SUMMARY))
                    .isEqualTo(log.events().size());
        }
    }

    @Test
    void generationalZgc_minorIsYoungMajorIsConcurrentCycle() throws IOException {
        Path file = fixture("zgc-jdk25-gc.log");
        GcLog log = GcLogReader.read(List.of(file));
        assertThat(log.collector()).isEqualTo(Collector.GENERATIONAL_ZGC);
        GcSeries s = log.events();
        assertThat(countKind(s, GcKind.YOUNG)).isEqualTo(count(file, Pattern.compile("Minor Collection .*->.*s$")));
        assertThat(countKind(s, GcKind.CONCURRENT_CYCLE))
                .isEqualTo(count(file, Pattern.compile("Major Collection .*->.*s$"))).isPositive();
        assertThat(s.get(0).wallClock()).isNotNull(); // timemillis
        assertTimeOrdered(s);
    }

    @Test
    void shenandoah_cyclesAndDegeneratedCollections() throws IOException {
        for (String name : List.of("shenandoah-jdk17-gc.log", "shenandoah-jdk25-gc.log")) {
            Path file = fixture(name);
            GcLog log = GcLogReader.read(List.of(file));
            assertThat(log.collector()).isEqualTo(Collector.SHENANDOAH);
            GcSeries s = log.events();
            long degenerated = count(file, Pattern.compile("Pause Degenerated GC .*ms$"));
            // every GC id that has a "Concurrent reset" is a cycle, unless it was cancelled and degenerated
            long cycles = Files.readAllLines(file).stream().filter(l -> l.contains("Concurrent reset"))
                    .map(l -> l.replaceAll(".*GC\\((\\d+)\\).*", "$1")).distinct().count();
            assertThat(countKind(s, GcKind.FULL)).isEqualTo(degenerated);
            assertThat(countKind(s, GcKind.CONCURRENT_CYCLE) + countKind(s, GcKind.FULL))
                    .isBetween(cycles, cycles + degenerated);
            assertTimeOrdered(s);
        }
    }

    // ---- archives, directories and rotation ------------------------------------------------------

    @Test
    void gzipAndZip_readLikeThePlainFile() throws IOException {
        Path plain = fixture("parallel-jdk17-gc.log");
        byte[] bytes = Files.readAllBytes(plain);
        Path gz = tmp.resolve("gc.log.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(bytes);
        }
        Path zip = tmp.resolve("gc.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("logs/gc.log"));
            out.write(bytes);
            out.putNextEntry(new ZipEntry("__MACOSX/logs/._gc.log"));
            out.write(new byte[] {0, 5, 22, 7, 0, 0});
        }
        long expected = GcLogReader.read(List.of(plain)).events().size();
        assertThat(GcLogReader.read(List.of(gz)).events().size()).isEqualTo(expected);
        GcLog fromZip = GcLogReader.read(List.of(zip));
        assertThat(fromZip.events().size()).isEqualTo(expected);
        assertThat(fromZip.files()).hasSize(1);
    }

    /** Splits a log into rotated parts the way the JVM does: lines stay whole, each part holds the next lines. */
    private List<Path> rotate(Path log, int parts, String... names) throws IOException {
        List<String> lines = Files.readAllLines(log);
        List<Path> files = new ArrayList<>();
        int per = (lines.size() + parts - 1) / parts;
        for (int i = 0; i < parts; i++) {
            Path f = tmp.resolve(names[i]);
            Files.write(f, lines.subList(i * per, Math.min(lines.size(), (i + 1) * per)));
            files.add(f);
        }
        return files;
    }

    @Test
    void rotatedFiles_givenInAnyOrder_readAsOneSeriesInTimeOrder() throws IOException {
        Path log = fixture("g1-jdk17-gc.log");
        List<Path> parts = rotate(log, 3, "gc.log.0", "gc.log.1", "gc.log");
        GcLog whole = GcLogReader.read(List.of(log));
        GcLog rotated = GcLogReader.read(List.of(parts.get(2), parts.get(0), parts.get(1)));
        assertThat(rotated.files()).containsExactly(parts.get(0), parts.get(1), parts.get(2));
        assertThat(rotated.events().size()).isEqualTo(whole.events().size());
        assertTimeOrdered(rotated.events());
        assertThat(rotated.warnings()).isEmpty();
    }

    @Test
    void directory_readsItsFilesAsOneSeries() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("logs"));
        Path log = fixture("serial-jdk25-gc-utctime.log");
        List<String> lines = Files.readAllLines(log);
        Files.write(dir.resolve("b.log"), lines.subList(0, 40));
        Files.write(dir.resolve("a.log"), lines.subList(40, lines.size()));
        GcLog read = GcLogReader.read(List.of(dir));
        assertThat(read.files()).containsExactly(dir.resolve("b.log"), dir.resolve("a.log")); // by wall clock
        assertThat(read.events().size()).isEqualTo(GcLogReader.read(List.of(log)).events().size());
    }

    @Test
    void jvmRestart_betweenFiles_timeKeepsIncreasingWithAWarning() throws IOException {
        String run = "[0.500s][info][gc] Using Parallel\n"
                + "[10.000s][info][gc] GC(0) Pause Young (Allocation Failure) 8M->1M(30M) 1.000ms\n"
                + "[20.000s][info][gc] GC(1) Pause Full (Ergonomics) 8M->1M(30M) 1.000ms\n";
        Path first = Files.writeString(tmp.resolve("gc.log.0"), run);
        Path second = Files.writeString(tmp.resolve("gc.log.1"), run.replace("[10.000s]", "[10.001s]"));
        GcLog log = GcLogReader.read(List.of(first, second));
        GcSeries s = log.events();
        assertThat(s.size()).isEqualTo(4);
        assertTimeOrdered(s);
        assertThat(s.uptimeMillis(2)).isGreaterThan(s.uptimeMillis(1));
        assertThat(log.warnings()).anyMatch(w -> w.contains("JVM restart"));
    }

    // ---- bad input ---------------------------------------------------------------------------

    @Test
    void emptyFile_isAFormatErrorNamingTheFile() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.log"));
        assertThatThrownBy(() -> GcLogReader.read(List.of(empty))).isInstanceOf(GcLogFormatException.class)
                .hasMessageContaining("empty.log").hasMessageContaining("empty file");
    }

    @Test
    void emptyPartOfARotatedSet_isSkippedWithAWarning() throws IOException {
        Path empty = Files.createFile(tmp.resolve("gc.log.1"));
        GcLog log = GcLogReader.read(List.of(fixture("parallel-jdk17-gc.log"), empty));
        assertThat(log.warnings()).anyMatch(w -> w.contains("gc.log.1") && w.contains("empty"));
    }

    @Test
    void binaryGarbage_isAFormatError() throws IOException {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        Path f = Files.write(tmp.resolve("core.bin"), garbage);
        assertThatThrownBy(() -> GcLogReader.read(List.of(f))).isInstanceOf(GcLogFormatException.class)
                .hasMessageContaining("core.bin").hasMessageContaining("binary");
    }

    @Test
    void textWithoutGcEvents_namesTheFileAndTheLinesRead() throws IOException {
        Path f = Files.writeString(tmp.resolve("app.log"),
                "[0.1s][info][gc] Using G1\n[0.2s][info][safepoint] Application time: 0.1 seconds\n");
        assertThatThrownBy(() -> GcLogReader.read(List.of(f))).isInstanceOf(GcLogFormatException.class)
                .hasMessageContaining("app.log").hasMessageContaining("no GC event in 2 lines")
                .hasMessageContaining("expected");
    }

    @Test
    void unrelatedText_isAFormatErrorSayingWhatWasExpected() throws IOException {
        Path f = Files.writeString(tmp.resolve("notes.txt"), "hello\nworld\n");
        assertThatThrownBy(() -> GcLogReader.read(List.of(f))).isInstanceOf(GcLogFormatException.class)
                .hasMessageContaining("notes.txt").hasMessageContaining("-Xlog:gc");
    }

    @Test
    void ibmJ9Xml_isRecognisedAndRefused() throws IOException {
        Path f = Files.writeString(tmp.resolve("j9.xml"),
                "<?xml version=\"1.0\" ?>\n<verbosegc xmlns=\"http://www.ibm.com/j9/verbosegc\">\n");
        assertThatThrownBy(() -> GcLogReader.read(List.of(f))).isInstanceOf(GcLogFormatException.class)
                .hasMessageContaining("IBM J9");
    }

    @Test
    void missingFile_isAnIOExceptionNamingIt() {
        Path missing = tmp.resolve("nope.log");
        assertThatThrownBy(() -> GcLogReader.read(List.of(missing))).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("nope.log");
    }

    @Test
    void truncatedLastLine_isSkippedCountedAndWarned() throws IOException {
        String text = Files.readString(fixture("parallel-jdk17-gc.log"));
        int cut = text.lastIndexOf("ms\n", text.length() - 2);
        Path f = Files.writeString(tmp.resolve("cut.log"), text.substring(0, cut - 3));
        GcLog whole = GcLogReader.read(List.of(fixture("parallel-jdk17-gc.log")));
        GcLog cutLog = GcLogReader.read(List.of(f));
        // the last line "... 28M->19M(31M) 0.693ms" lost its last characters: "... 28M->19M(31M) 0."
        assertThat(cutLog.events().size()).isEqualTo(whole.events().size() - 1);
        assertThat(cutLog.linesSkipped()).isEqualTo(whole.linesSkipped() + 1);
        assertThat(cutLog.warnings()).anyMatch(w -> w.contains("truncated"));
    }

    @Test
    void lastLineWithoutNewline_butComplete_isKept() throws IOException {
        String text = Files.readString(fixture("parallel-jdk17-gc.log"));
        Path f = Files.writeString(tmp.resolve("nonl.log"), text.strip());
        GcLog log = GcLogReader.read(List.of(f));
        assertThat(log.events().size())
                .isEqualTo(GcLogReader.read(List.of(fixture("parallel-jdk17-gc.log"))).events().size());
        assertThat(log.warnings()).anyMatch(w -> w.contains("last line has no line end"));
    }

    @Test
    void lastLineCutInsideAPauseStart_isWarnedAbout() throws IOException {
        // "GC(12) Pause Young (Allocation Fail" reads like the start line of a pause, yet the log was cut
        String text = Files.readString(fixture("parallel-jdk17-gc.log"));
        int cut = text.lastIndexOf("Failure)");
        Path f = Files.writeString(tmp.resolve("cut.log"), text.substring(0, cut + 4));
        assertThat(GcLogReader.read(List.of(f)).warnings()).anyMatch(w -> w.contains("last line"));
    }

    @Test
    void unknownLines_areCountedInAWarning() throws IOException {
        String text = Files.readString(fixture("parallel-jdk17-gc.log"));
        Path f = Files.writeString(tmp.resolve("noise.log"), "hello from the application\n" + text);
        GcLog log = GcLogReader.read(List.of(f));
        assertThat(log.linesSkipped()).isPositive();
        assertThat(log.warnings()).anyMatch(w -> w.startsWith(log.linesSkipped() + " of "));
    }

    @Test
    void startUpAndExitReports_areNotCountedAsUnknownLines() throws IOException {
        String log = String.join("\n",
                "[0.008s][info][gc] Using G1",
                "[0.020s][info][gc,init] Version: 17.0.15+6-Debian-1deb12u1 (release)",
                "[0.020s][info][gc,init] CPUs: 2 total, 2 available",
                "[0.020s][info][gc,init] Heap Max Capacity: 256M",
                "[0.030s][info][gc,metaspace] Compressed class space mapped at: 0x00007f46c0000000-0x00007f4700000000,"
                        + " reserved size: 1073741824",
                "[0.030s][info][gc,metaspace] Narrow klass base: 0x00007f46bf000000, Narrow klass shift: 0",
                "[1.000s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(256M) 3.123ms",
                "[60.015s][info][gc,heap,exit] Heap",
                "[60.015s][info][gc,heap,exit]  garbage-first heap   total 262144K, used 202043K",
                "[60.100s][info][gc] a line no parser knows", "");
        GcLog read = GcLogReader.read(List.of(Files.writeString(tmp.resolve("init.log"), log)));
        assertThat(read.linesSkipped()).isEqualTo(1);
        assertThat(read.maxHeapBytes()).isEqualTo(256L << 20);
    }

    @Test
    void crlfLineEnds_readLikeLf() throws IOException {
        String text = Files.readString(fixture("g1-jdk17-gc.log"));
        Path f = Files.writeString(tmp.resolve("crlf.log"), text.replace("\n", "\r\n"));
        assertThat(GcLogReader.read(List.of(f)).events().size())
                .isEqualTo(GcLogReader.read(List.of(fixture("g1-jdk17-gc.log"))).events().size());
    }

    @Test
    void seriesCapacity_boundsTheEventsHeldButNotTheStatistics() throws IOException {
        Path file = fixture("g1-jdk17-gc.log");
        GcLog log = GcLogReader.read(List.of(file), 16);
        assertThat(log.events().size()).isLessThanOrEqualTo(16);
        assertThat(log.events().statistics().events()).isEqualTo(GcLogReader.read(List.of(file)).events().size());
    }

    @Test
    void epsilonLog_hasNoCollectionsAndSaysWhy() throws IOException {
        Path f = Files.writeString(tmp.resolve("epsilon.log"), "[0.005s][info][gc] Using Epsilon\n"
                + "[0.005s][warning][gc,init] Consider enabling -XX:+AlwaysPreTouch to avoid memory commit hiccups\n");
        assertThatThrownBy(() -> GcLogReader.read(List.of(f))).isInstanceOf(GcLogFormatException.class)
                .hasMessageContaining("Epsilon never collects");
    }

    @Test
    void zipOfRotatedFiles_entriesReadInTimeOrderAsOneSeries() throws IOException {
        Path log = fixture("zgc-jdk17-gc.log");
        List<Path> parts = rotate(log, 2, "part-a", "part-b");
        Path zip = tmp.resolve("rotating.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            // the later part first, under the name that sorts first
            out.putNextEntry(new ZipEntry("gc.log.0"));
            out.write(Files.readAllBytes(parts.get(1)));
            out.putNextEntry(new ZipEntry("gc.log.1"));
            out.write(Files.readAllBytes(parts.get(0)));
        }
        GcLog read = GcLogReader.read(List.of(zip));
        assertThat(read.files()).extracting(p -> p.getFileName().toString())
                .containsExactly("rotating.zip!gc.log.1", "rotating.zip!gc.log.0");
        assertThat(read.events().size()).isEqualTo(GcLogReader.read(List.of(log)).events().size());
        assertThat(read.warnings()).isEmpty();
    }
}

package io.leakhound.series.gclog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leakhound.series.Collector;
import io.leakhound.series.GcEvent;
import io.leakhound.series.GcKind;
import io.leakhound.series.GcLogFormatException;
import io.leakhound.series.GcSeries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every unified-logging log of the shared corpus ({@code ../shared/corpus/gclogs}), read in place (the
 * GCViewer files are LGPL and stay out of this repository), checked against the event counts that the
 * source projects' own tests state ({@code _groundtruth/*.tsv}). Skips when the corpus is absent.
 *
 * <p>The three tools count differently from us and from each other; each mapping below says how:
 * <ul>
 *   <li>GCToolKit counts per event type; a G1 "initial mark" young pause is its own type, and it counts
 *       concurrent mark phases rather than cycles (a restarted mark counts twice).</li>
 *   <li>GCViewer's {@code size()} also holds concurrent phases and safepoint ("VM operation") lines, so we
 *       compare its pause counts: {@code getGCPause().getN()} (stop-the-world, not full) and
 *       {@code getFullGCPause().getN()}.</li>
 *   <li>Jifa folds G1's and CMS's remark and cleanup pauses into its one concurrent-cycle event.</li>
 * </ul>
 */
class UnifiedCorpusTest {

    private static final Path CORPUS = Path.of(System.getProperty("leakhound.corpus", "../shared/corpus"));
    private static final Path GCLOGS = CORPUS.resolve("gclogs");

    /** Unified-logging logs of the corpus, relative to {@code gclogs/}. */
    private static List<String> unifiedFiles() throws IOException {
        List<String> files = new ArrayList<>();
        for (String dir : List.of("gcviewer/openjdk/unified-jvm-logging", "gctoolkit/unified", "gctoolkit/shenandoah",
                "gctoolkit/rolling")) {
            try (Stream<Path> s = Files.walk(GCLOGS.resolve(dir))) {
                s.filter(Files::isRegularFile).map(p -> GCLOGS.relativize(p).toString()).sorted().forEach(files::add);
            }
        }
        try (Stream<Path> s = Files.list(GCLOGS.resolve("jifa"))) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("11") || n.startsWith("17")).sorted()
                    .forEach(n -> files.add("jifa/" + n));
        }
        return files;
    }

    /** Logs whose source says they hold no GC event at all (GCViewer finds only safepoint lines in it). */
    private static final List<String> NO_EVENTS =
            List.of("gcviewer/openjdk/unified-jvm-logging/SampleShenandoahPassiveHeuristics.txt");

    private static void assumeCorpus() {
        assumeTrue(Files.isDirectory(GCLOGS), "corpus not found at " + GCLOGS.toAbsolutePath());
    }

    private static GcLog read(String relative) throws IOException {
        return GcLogReader.read(List.of(GCLOGS.resolve(relative)));
    }

    @TestFactory
    Stream<DynamicTest> everyUnifiedLog_parsesAsUnifiedInTimeOrder() throws IOException {
        assumeCorpus();
        return unifiedFiles().stream().map(f -> DynamicTest.dynamicTest(f, () -> {
            if (NO_EVENTS.contains(f)) {
                assertThatThrownBy(() -> read(f)).isInstanceOf(GcLogFormatException.class)
                        .hasMessageContaining("no GC event");
                return;
            }
            GcLog log = read(f);
            assertThat(log.format()).isEqualTo(GcLogFormat.UNIFIED);
            GcSeries s = log.events();
            assertThat(s.size()).isPositive();
            for (int i = 1; i < s.size(); i++) {
                assertThat(s.uptimeMillis(i)).isGreaterThanOrEqualTo(s.uptimeMillis(i - 1));
            }
            for (int i = 0; i < s.size(); i++) {
                GcEvent e = s.get(i);
                if (e.heap().hasAfter() && e.heap().hasCapacity() && e.kind() != GcKind.CONCURRENT_CYCLE) {
                    assertThat(e.heap().afterBytes()).as("%s event %d", f, i)
                            .isLessThanOrEqualTo(e.heap().capacityBytes());
                }
            }
        }));
    }

    // ---- ground truth ----------------------------------------------------------------------------

    private record Row(String file, String method, String expected) {
    }

    private static List<Row> groundTruth(String tsv) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(GCLOGS.resolve("_groundtruth").resolve(tsv), StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length >= 4 && f[0].startsWith("gclogs/")) {
                rows.add(new Row(f[0].substring("gclogs/".length()), f[2], f[3]));
            }
        }
        return rows;
    }

    private static long count(GcSeries s, Predicate<GcEvent> p) {
        long n = 0;
        for (int i = 0; i < s.size(); i++) {
            n += p.test(s.get(i)) ? 1 : 0;
        }
        return n;
    }

    private static long kind(GcSeries s, GcKind k) {
        return count(s, e -> e.kind() == k);
    }

    private static long lines(String relative, String text) throws IOException {
        return Files.readAllLines(GCLOGS.resolve(relative), StandardCharsets.ISO_8859_1).stream()
                .filter(l -> l.contains(text)).count();
    }

    private static final Pattern COUNT = Pattern.compile("([\\w/]+)=(\\d+)");

    @TestFactory
    Stream<DynamicTest> gctoolkitCounts_matchPerType() throws IOException {
        assumeCorpus();
        List<String> ours = unifiedFiles();
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : groundTruth("gctoolkit_expected.tsv")) {
            if (!ours.contains(row.file()) || !row.expected().contains("counts:")) {
                continue;
            }
            Map<String, Long> c = new HashMap<>();
            Matcher m = COUNT.matcher(row.expected().substring(row.expected().indexOf("counts:")));
            while (m.find()) {
                c.put(m.group(1), Long.parseLong(m.group(2)));
            }
            tests.add(DynamicTest.dynamicTest(row.file(), () -> {
                GcSeries s = read(row.file()).events();
                Map<GcKind, Long> expected = new LinkedHashMap<>();
                if (row.expected().startsWith("G1")) {
                    // GCToolKit's "initial mark" is a young pause of its own type; each starts one cycle,
                    // which we count once (its G1GCConcurrentMark counts mark phases, restarts included)
                    long initialMark = c.getOrDefault("G1GCYoungInitialMark", 0L);
                    expected.put(GcKind.YOUNG, c.getOrDefault("Young", 0L) + initialMark);
                    expected.put(GcKind.MIXED, c.getOrDefault("Mixed", 0L));
                    expected.put(GcKind.FULL, c.getOrDefault("Full", 0L));
                    expected.put(GcKind.CONCURRENT_CYCLE, c.getOrDefault("G1GCRemark", 0L)
                            + c.getOrDefault("G1GCCleanup", 0L) + initialMark);
                } else {
                    expected.put(GcKind.YOUNG, c.getOrDefault("PSYoungGen", 0L) + c.getOrDefault("DefNew", 0L)
                            + c.getOrDefault("ParNew", 0L) + c.getOrDefault("Young", 0L));
                    expected.put(GcKind.FULL, c.getOrDefault("FullGC/PSFull", 0L) + c.getOrDefault("SystemGC", 0L));
                }
                for (Map.Entry<GcKind, Long> e : expected.entrySet()) {
                    assertThat(kind(s, e.getKey())).as("%s %s", row.file(), e.getKey()).isEqualTo(e.getValue());
                }
            }));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(4);
        return tests.stream();
    }

    private static final Pattern SIZE = Pattern.compile("\\[[^]]*\\] size\\(\\) = \\d+");

    /** Statements the TSV gives with two different values for one file (the source test reads two logs). */
    private static boolean ambiguous(List<Row> rows, Row row) {
        String statement = row.expected().replaceAll("= .*", "");
        return rows.stream().filter(r -> r.file().equals(row.file()) && r.expected().startsWith(statement))
                .map(Row::expected).distinct().count() > 1;
    }

    private static final Pattern NUMBER_AT_END = Pattern.compile("= (\\d+)(?: \\[.*\\])?$");

    private static long expectedNumber(Row row) {
        Matcher m = NUMBER_AT_END.matcher(row.expected());
        assertThat(m.find()).as("a count in %s", row.expected()).isTrue();
        return Long.parseLong(m.group(1));
    }

    @TestFactory
    Stream<DynamicTest> gcviewerPauseCounts_match() throws IOException {
        assumeCorpus();
        List<String> ours = unifiedFiles();
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : groundTruth("gcviewer_expected.tsv")) {
            String x = row.expected();
            boolean stw = x.contains("getGCPause().getN()");
            boolean full = x.contains("getFullGCPause().getN()");
            // for ZGC's default log GCViewer's model holds exactly the collections: one per summary line
            boolean size = SIZE.matcher(x).matches();
            boolean zgcSize = row.file().endsWith("sample-ujl-zgc-gc-default.txt") && size;
            boolean shenandoahFull = row.file().endsWith("SampleShenandoahAllocationFailure.txt") && size;
            if (!ours.contains(row.file()) || !(stw || full || zgcSize || shenandoahFull)) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(row.file() + " " + x, () -> {
                GcSeries s = read(row.file()).events();
                long actual;
                if (stw) {
                    // GCViewer makes each "To-space exhausted" line a pause event of its own (for us it is a
                    // remark on the young pause that follows it), and so each ZGC "Allocation Stall" and
                    // "Relocation Stall" line (for us a stalled application thread, not a collection)
                    actual = count(s, e -> e.isPause() && e.kind() != GcKind.FULL)
                            + lines(row.file(), "To-space exhausted") + lines(row.file(), "Allocation Stall (")
                            + lines(row.file(), "Relocation Stall (");
                } else if (full) {
                    actual = kind(s, GcKind.FULL);
                } else {
                    actual = s.size();
                }
                assertThat(actual).as("%s: %s", row.file(), x).isEqualTo(expectedNumber(row));
            }));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(10);
        return tests.stream();
    }

    /**
     * Jifa's event list: like ours, but remark and cleanup pauses are phases of Jifa's concurrent-cycle
     * event. One known difference: in {@code 11GenerationalGCInterleave.log} a Serial young collection
     * (GC(3)) fails and becomes a full collection (GC(4)); the log reports two GC ids and so do we, Jifa
     * merges them into one event.
     */
    @TestFactory
    Stream<DynamicTest> jifaEventCounts_match() throws IOException {
        assumeCorpus();
        List<String> ours = unifiedFiles();
        List<DynamicTest> tests = new ArrayList<>();
        List<Row> rows = groundTruth("jifa_expected.tsv");
        for (Row row : rows) {
            String x = row.expected();
            if (!ours.contains(row.file()) || ambiguous(rows, row)) {
                continue;
            }
            Predicate<GcEvent> jifaEvent = e -> !e.name().equals("Pause Remark") && !e.name().equals("Pause Cleanup");
            Predicate<GcEvent> selected;
            if (x.startsWith("getGcEvents().size()")) {
                selected = jifaEvent;
            } else if (x.contains("filter(GCEvent::isFullGC)")) {
                selected = e -> e.kind() == GcKind.FULL;
            } else if (x.contains("filter(GCEvent::isYoungGC)")) {
                selected = e -> e.kind() == GcKind.YOUNG || e.kind() == GcKind.MIXED;
            } else if (x.contains("filter(GCEvent::isOldGC)")) {
                selected = e -> e.kind() == GcKind.CONCURRENT_CYCLE && jifaEvent.test(e);
            } else {
                continue;
            }
            long adjust = row.file().equals("jifa/11GenerationalGCInterleave.log") ? 1 : 0;
            tests.add(DynamicTest.dynamicTest(row.file() + " " + x, () -> {
                GcSeries s = read(row.file()).events();
                assertThat(count(s, selected)).as("%s: %s", row.file(), x).isEqualTo(expectedNumber(row) + adjust);
            }));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(10);
        return tests.stream().collect(Collectors.toMap(DynamicTest::getDisplayName, t -> t, (a, b) -> a,
                LinkedHashMap::new)).values().stream();
    }

    // ---- rotated sets and archives ---------------------------------------------------------------

    @Test
    void rotatedLongRestart_readsAsOneSeries() throws IOException {
        assumeCorpus();
        Path dir = GCLOGS.resolve("gctoolkit/rolling/jdk14/rollinglogs");
        GcLog whole = GcLogReader.read(List.of(dir.resolve("long_restart.log"), dir.resolve("long_restart.log.2")));
        GcLog first = GcLogReader.read(List.of(dir.resolve("long_restart.log.2")));
        GcLog second = GcLogReader.read(List.of(dir.resolve("long_restart.log")));
        assertThat(whole.files()).hasSize(2);
        assertThat(whole.collector()).isEqualTo(Collector.G1);
        assertThat(whole.events().size()).isEqualTo(first.events().size() + second.events().size());
        // .2 ends at 118 s of uptime, the other file starts at 259 s: read in that order, no restart
        assertThat(whole.files().get(0).getFileName().toString()).isEqualTo("long_restart.log.2");
        assertThat(GcLogReader.read(List.of(dir)).events().size()).isEqualTo(whole.events().size());
    }

    @Test
    void rotatedShenandoah_restartedJvm_keepsTimeIncreasing() throws IOException {
        assumeCorpus();
        Path dir = GCLOGS.resolve("gctoolkit/shenandoah");
        GcLog log = GcLogReader.read(List.of(dir.resolve("shenandoah.log.2"), dir.resolve("shenandoah.log.0")));
        assertThat(log.files()).hasSize(2);
        assertThat(log.collector()).isEqualTo(Collector.SHENANDOAH);
        GcSeries s = log.events();
        for (int i = 1; i < s.size(); i++) {
            assertThat(s.uptimeMillis(i)).isGreaterThanOrEqualTo(s.uptimeMillis(i - 1));
        }
        // both files begin at JVM start: the second was written by a restarted JVM
        assertThat(log.warnings()).anyMatch(w -> w.contains("JVM restart"));
        assertThat(s.size()).isEqualTo(GcLogReader.read(List.of(dir.resolve("shenandoah.log.0"))).events().size()
                + GcLogReader.read(List.of(dir.resolve("shenandoah.log.2"))).events().size());
    }

    /** Whether the JDK 8 parser is in this build (it is written in parallel with this one). */
    private static boolean legacyParserAvailable() {
        try {
            LegacyLogParser.recognizes("2.345: [GC (Allocation Failure) 33280K->5112K(125952K), 0.0054 secs]");
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    @Test
    void streamingArchives_gzipAndZippedRotatedFiles_readAsOneSeriesEach() throws IOException {
        assumeCorpus();
        assumeTrue(legacyParserAvailable(), "these are JDK 8 logs: needs the legacy parser");
        Path dir = GCLOGS.resolve("gctoolkit/streaming");
        // GCToolKit: metaData.getNumberOfFiles() = 1, 2, 2
        assertThat(GcLogReader.read(List.of(dir.resolve("gc.log.gz"))).files()).hasSize(1);
        GcLog rotating = GcLogReader.read(List.of(dir.resolve("rotating.zip")));
        assertThat(rotating.files()).hasSize(2);
        assertThat(rotating.events().size()).isPositive();
        assertThat(GcLogReader.read(List.of(dir.resolve("rotating_directory.zip"))).files()).hasSize(2);
    }

    @Test
    void nonHotSpotLogs_areRefusedSayingWhatTheyAre() {
        assumeCorpus();
        Path dir = GCLOGS.resolve("gcviewer/non-hotspot");
        assertThatThrownBy(() -> GcLogReader.read(List.of(dir.resolve("SampleIBMJ9_R28_af_global.txt"))))
                .isInstanceOf(GcLogFormatException.class).hasMessageContaining("SampleIBMJ9_R28_af_global.txt")
                .hasMessageContaining("IBM J9").hasMessageContaining("expected a HotSpot GC log");
        assertThatThrownBy(() -> GcLogReader.read(List.of(dir.resolve("SampleJRockit1_6_verbose_gc_mode_gencon.txt"))))
                .isInstanceOf(GcLogFormatException.class).hasMessageContaining("JRockit");
    }
}

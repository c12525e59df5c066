package io.leakhound.hprof;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Reads all 17 dumps of the corpus and checks what the reader delivers against what others counted.
 *
 * <p>{@code _observed/hprof_records.tsv} was written by the corpus's own record scanner, whose counts
 * match hprof-slurp's golden reports on the two files both cover: it is an observation, not ground
 * truth, so for hprof-32.bin and hprof-64.bin the test also checks hprof-slurp's golden report itself.
 */
class HprofCorpusTest {

    private static final Path CORPUS = Path.of(System.getProperty("leakhound.corpus", "../shared/corpus"));
    private static final Path OBSERVED = CORPUS.resolve("_observed/hprof_records.tsv");

    static List<String[]> observedRows() throws IOException {
        List<String[]> rows = new ArrayList<>();
        if (!Files.exists(OBSERVED)) {
            return rows;
        }
        for (String line : Files.readAllLines(OBSERVED)) {
            if (!line.startsWith("#") && !line.isBlank()) {
                rows.add(line.split("\t"));
            }
        }
        return rows;
    }

    @Test
    void corpus_everyHprofFile_hasAnObservationRow() throws IOException {
        assumeTrue(Files.isDirectory(CORPUS.resolve("hprof")), "corpus absent");
        List<String> observed = observedRows().stream().map(row -> row[0]).toList();
        try (var files = Files.walk(CORPUS.resolve("hprof"))) {
            List<String> dumps = files.filter(Files::isRegularFile)
                    .map(path -> CORPUS.relativize(path).toString())
                    .filter(name -> !name.contains("_groundtruth"))
                    .sorted().toList();
            assertThat(dumps).hasSize(17);
            assertThat(observed).containsExactlyInAnyOrderElementsOf(dumps);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("observedRows")
    void read_corpusDump_countsMatchObservation(String name, String format, String idSize, String dumpTime,
                                                String topLevel, String classes, String instances,
                                                String objectArrays, String primitiveArrays, String roots,
                                                String fieldBytes, String primitiveBytes) throws IOException {
        Path file = CORPUS.resolve(name);
        assumeTrue(Files.exists(file), "corpus absent");

        CorpusCounts counts = CorpusCounts.of(file);

        assertThat(counts.result.truncated()).as("truncated: %s", counts.result.truncation()).isFalse();
        assertThat(counts.header.format()).isEqualTo(format);
        assertThat(counts.header.identifierSize()).isEqualTo(Integer.parseInt(idSize));
        assertThat(counts.header.timestamp().truncatedTo(ChronoUnit.SECONDS))
                .isEqualTo(LocalDateTime.parse(dumpTime).toInstant(ZoneOffset.UTC));
        assertThat(counts.topLevel).isEqualTo(jsonCounts(topLevel));
        assertThat(counts.classDumps).isEqualTo(Long.parseLong(classes));
        assertThat(counts.instanceDumps).isEqualTo(Long.parseLong(instances));
        assertThat(counts.objectArrays).isEqualTo(Long.parseLong(objectArrays));
        assertThat(counts.primitiveArrays).isEqualTo(Long.parseLong(primitiveArrays));
        assertThat(counts.roots).isEqualTo(jsonCounts(roots));
        assertThat(counts.instanceFieldBytes).isEqualTo(Long.parseLong(fieldBytes));
        assertThat(counts.primitiveArrayBytes).isEqualTo(Long.parseLong(primitiveBytes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("slurpReports")
    void read_hprofSlurpTestDump_countsMatchGoldenReport(String dump, String report) throws IOException {
        Path file = CORPUS.resolve("hprof/hprof-slurp").resolve(dump);
        Path golden = CORPUS.resolve("hprof/hprof-slurp/_groundtruth").resolve(report);
        assumeTrue(Files.exists(file) && Files.exists(golden), "corpus absent");
        Map<String, Long> expected = slurpCounts(Files.readString(golden));
        assertThat(expected).hasSizeGreaterThan(20);

        CorpusCounts counts = CorpusCounts.of(file);

        Map<String, Long> actual = new TreeMap<>();
        actual.put("UTF-8 Strings", counts.topLevel.getOrDefault("UTF8", 0L));
        // hprof-slurp's "Classes loaded" is the number of distinct classes, which is the class dumps' count
        // (hprof-64.bin repeats LOAD_CLASS records for some classes).
        actual.put("Classes loaded", counts.classDumps);
        actual.put("Classes unloaded", counts.topLevel.getOrDefault("UNLOAD_CLASS", 0L));
        actual.put("Stack traces", counts.topLevel.getOrDefault("STACK_TRACE", 0L));
        actual.put("Stack frames", counts.topLevel.getOrDefault("STACK_FRAME", 0L));
        actual.put("Start threads", counts.topLevel.getOrDefault("START_THREAD", 0L));
        actual.put("Allocation sites", counts.topLevel.getOrDefault("ALLOC_SITES", 0L));
        actual.put("End threads", counts.topLevel.getOrDefault("END_THREAD", 0L));
        actual.put("Control settings", counts.topLevel.getOrDefault("CONTROL_SETTINGS", 0L));
        actual.put("CPU samples", counts.topLevel.getOrDefault("CPU_SAMPLES", 0L));
        actual.put("Heap summaries", counts.topLevel.getOrDefault("HEAP_SUMMARY", 0L));
        actual.put("heap dumps", counts.topLevel.getOrDefault("HEAP_DUMP", 0L)
                + counts.topLevel.getOrDefault("HEAP_DUMP_SEGMENT", 0L));
        actual.put("GC root unknown", counts.roots.getOrDefault("UNKNOWN", 0L));
        actual.put("GC root thread objects", counts.roots.getOrDefault("THREAD_OBJECT", 0L));
        actual.put("GC root JNI global", counts.roots.getOrDefault("JNI_GLOBAL", 0L));
        actual.put("GC root JNI local", counts.roots.getOrDefault("JNI_LOCAL", 0L));
        actual.put("GC root Java frame", counts.roots.getOrDefault("JAVA_FRAME", 0L));
        actual.put("GC root native stack", counts.roots.getOrDefault("NATIVE_STACK", 0L));
        actual.put("GC root sticky class", counts.roots.getOrDefault("STICKY_CLASS", 0L));
        actual.put("GC root thread block", counts.roots.getOrDefault("THREAD_BLOCK", 0L));
        actual.put("GC root monitor used", counts.roots.getOrDefault("MONITOR_USED", 0L));
        actual.put("GC primitive array dump", counts.primitiveArrays);
        actual.put("GC object array dump", counts.objectArrays);
        actual.put("GC class dump", counts.classDumps);
        actual.put("GC instance dump", counts.instanceDumps);
        actual.put("threads with stacktraces", counts.stackTracesWithFrames);
        actual.put("sub-records", counts.classDumps + counts.instanceDumps + counts.objectArrays
                + counts.primitiveArrays + counts.roots.values().stream().mapToLong(Long::longValue).sum());
        assertThat(actual).isEqualTo(expected);
    }

    static List<String[]> slurpReports() {
        return List.of(new String[]{"hprof-32.bin", "hprof-32-result.txt"},
                new String[]{"hprof-64.bin", "hprof-64-result.txt"});
    }

    /** The counts of an hprof-slurp report: "Name: 123" lines, "..GC name: 123", "N heap dumps", "Found N threads". */
    static Map<String, Long> slurpCounts(String report) {
        Map<String, Long> counts = new TreeMap<>();
        Matcher line = Pattern.compile("(?m)^(?:\\.\\.)?([A-Za-z][A-Za-z0-9 -]*?): (\\d+)$").matcher(report);
        while (line.find()) {
            counts.put(line.group(1), Long.parseLong(line.group(2)));
        }
        // "1 heap dumps containing in total 3788 segments": hprof-slurp calls every sub-record a segment.
        Matcher dumps = Pattern.compile("(?m)^(\\d+) heap dumps containing in total (\\d+) segments").matcher(report);
        if (dumps.find()) {
            counts.put("heap dumps", Long.parseLong(dumps.group(1)));
            counts.put("sub-records", Long.parseLong(dumps.group(2)));
        }
        Matcher threads = Pattern.compile("(?m)^Found (\\d+) threads with stacktraces").matcher(report);
        if (threads.find()) {
            counts.put("threads with stacktraces", Long.parseLong(threads.group(1)));
        }
        return counts;
    }

    /** {"A": 1, "B": 2} as a map. */
    static Map<String, Long> jsonCounts(String json) {
        Map<String, Long> counts = new TreeMap<>();
        Matcher entry = Pattern.compile("\"(\\w+)\": (\\d+)").matcher(json);
        while (entry.find()) {
            counts.put(entry.group(1), Long.parseLong(entry.group(2)));
        }
        return counts;
    }
}

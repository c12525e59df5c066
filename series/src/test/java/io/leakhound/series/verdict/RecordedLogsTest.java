package io.leakhound.series.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.series.gclog.GcLog;
import io.leakhound.series.gclog.GcLogReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Verdicts on real GC logs of small JVMs recorded for calibration (see {@code gclogs/calibration/README.md})
 * and, where the demo's fixtures are on the class path, on the demo service's recorded logs. A leaking run
 * must give a LEAK finding, a healthy one none.
 */
class RecordedLogsTest {

    static Stream<Arguments> calibrationLogs() throws IOException {
        return table("/gclogs/calibration/calibration.tsv", 0, 1);
    }

    static Stream<Arguments> demoFixtures() throws IOException {
        return table("/fixtures/gclogs/fixtures.tsv", 0, 2);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("calibrationLogs")
    void calibrationLog_verdictMatchesHowItWasMade(Path file, String expected) throws IOException {
        assertVerdict(file, expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("demoFixtures")
    void demoFixture_verdictMatchesMode(Path file, String expected) throws IOException {
        assertVerdict(file, expected);
    }

    /**
     * ZGC's heap "after" a cycle keeps the garbage of the pages it did not relocate and scatters by tens of MB;
     * with {@code -Xlog:gc*} the verdict follows the live figure at mark end instead, and the rate it finds is the
     * rate the demo leaks: 300 KB/s of payload plus 5 to 10 % of bookkeeping, 1.03 to 1.14 GB/h (the heap "after"
     * read 1.38 GB/h on JDK 25 and 1.57 GB/h on JDK 17 for these very logs).
     */
    @ParameterizedTest
    @ValueSource(strings = {"listener-leak_zgc_jdk25_gcstar_300k.log.gz", "listener-leak_zgc_jdk17_gcstar_300k.log.gz"})
    void zgcLeakWithLiveRows_growthRate_isTheLeakRate(String name) throws IOException {
        Path file = Files.createTempFile("leakhound-zgc", ".log.gz");
        try (InputStream in = RecordedLogsTest.class.getResourceAsStream("/fixtures/gclogs/" + name)) {
            Assumptions.assumeTrue(in != null, name + " not on the class path");
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try {
            Finding heap = LeakAnalyzer.analyze(GcLogReader.read(List.of(file))).findings().get(0);
            assertThat(heap.verdict()).as(heap.summary()).isEqualTo(Verdict.LEAK);
            double bytesPerSecond = heap.growthBytesPerHour() / 3600;
            assertThat(bytesPerSecond).as(heap.summary()).isBetween(300 * 1024 * 0.95, 300 * 1024 * 1.25);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void assertVerdict(Path file, String expected) throws IOException {
        GcLog log = GcLogReader.read(List.of(file));
        MemoryAnalysis analysis = LeakAnalyzer.analyze(log);
        String what = analysis.findings().stream().map(f -> f.resource() + ": " + f.verdict() + " " + f.summary())
                .reduce((a, b) -> a + "; " + b).orElse("");
        assertThat(analysis.hasLeak()).as(what).isEqualTo(expected.equals("LEAK"));
    }

    /**
     * Rows of a tab-separated table with a header line: the file (a resource beside the table, copied out to a
     * temporary folder so that it reads the same from a directory or a jar) and the expected verdict.
     */
    private static Stream<Arguments> table(String resource, int fileColumn, int expectedColumn) throws IOException {
        URL url = RecordedLogsTest.class.getResource(resource);
        Assumptions.assumeTrue(url != null, resource + " not on the class path");
        String folder = resource.substring(0, resource.lastIndexOf('/') + 1);
        Path dir = Files.createTempDirectory("leakhound-recorded");
        List<Arguments> rows = new ArrayList<>();
        try (InputStream in = url.openStream();
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = reader.readLine(); // header
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t");
                Path copy = dir.resolve(cells[fileColumn]);
                try (InputStream log = RecordedLogsTest.class.getResourceAsStream(folder + cells[fileColumn])) {
                    Assumptions.assumeTrue(log != null, folder + cells[fileColumn] + " not on the class path");
                    Files.copy(log, copy);
                }
                copy.toFile().deleteOnExit();
                rows.add(Arguments.of(copy, cells[expectedColumn]));
            }
        }
        dir.toFile().deleteOnExit();
        return rows.stream();
    }
}

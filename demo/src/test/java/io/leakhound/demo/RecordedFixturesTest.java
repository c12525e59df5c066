package io.leakhound.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks that the tables of the recorded GC logs (module testing: {@code fixtures.tsv} and
 * {@code thrash/fixtures.tsv}) agree with the files and with the modes.
 */
class RecordedFixturesTest {
    private static final Path FIXTURES = Path.of("..", "testing", "src", "main", "resources", "fixtures", "gclogs");
    private static final String HEADER =
            "file\tmode\texpected\tresource\tcollector\tjdk\txlog\theap\tleakRate\tleakStart\tseconds\toutOfMemory";
    private static final Map<String, String> USING = Map.of("g1", "Using G1", "parallel", "Using Parallel",
            "serial", "Using Serial", "zgc", "Using The Z Garbage Collector", "shenandoah", "Using Shenandoah");

    @ParameterizedTest
    @ValueSource(strings = {".", "thrash"})
    void fixturesTable_everyRow_matchesItsModeAndItsLog(String folder) throws IOException {
        Path table = FIXTURES.resolve(folder).resolve("fixtures.tsv");
        Assumptions.assumeTrue(Files.isRegularFile(table), "fixtures not found at " + table.toAbsolutePath());
        List<String> lines = Files.readAllLines(table);
        assertThat(lines.get(0)).isEqualTo(HEADER);

        for (String line : lines.subList(1, lines.size())) {
            String[] column = line.split("\t", -1);
            assertThat(column).as(line).hasSize(12);
            DemoMode mode = DemoMode.valueOf(column[1]);
            assertThat(column[2]).as(line).isEqualTo(mode.leaks() ? "LEAK" : "NOT_LEAK");
            assertThat(column[3]).as(line).isEqualTo(mode.resource());
            assertThat(Long.parseLong(column[8]) > 0).as(line).isEqualTo(mode.leaks());
            boolean outOfMemory = column[11].equals("yes");
            assertThat(Integer.parseInt(column[10])).as(line).isBetween(outOfMemory ? 20 : 148, 152);

            List<String> log = readLog(table.resolveSibling(column[0]));
            // ZGC's -Xlog:gc* prints some twenty gc,init lines before its "Using" line
            assertThat(log.subList(0, Math.min(40, log.size()))).as(column[0])
                    .anyMatch(l -> l.endsWith(USING.get(column[4])));
            // a plain -Xlog:gc log has only [gc] lines; -Xlog:gc* adds other tags
            boolean richer = log.stream().anyMatch(l -> l.contains("[gc,"));
            assertThat(richer).as(column[0]).isEqualTo(column[6].equals("gc*"));
            assertThat(log.stream().filter(l -> l.contains(" GC(")).count()).as(column[0]).isGreaterThan(10);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "thrash"})
    void fixturesFolder_everyLog_isListed(String folder) throws IOException {
        Path table = FIXTURES.resolve(folder).resolve("fixtures.tsv");
        Assumptions.assumeTrue(Files.isRegularFile(table), "fixtures not found at " + table.toAbsolutePath());
        Set<String> listed = Files.readAllLines(table).stream().skip(1).map(l -> l.split("\t")[0])
                .collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(table.getParent())) {
            Set<String> logs = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".log") || n.endsWith(".log.gz")).collect(Collectors.toSet());
            assertThat(logs).isEqualTo(listed);
        }
    }

    private static List<String> readLog(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().collect(Collectors.toList());
        }
    }
}

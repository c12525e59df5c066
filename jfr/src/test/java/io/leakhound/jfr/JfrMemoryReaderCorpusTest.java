package io.leakhound.jfr;

import static io.leakhound.jfr.JfrFileTest.corpus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import io.leakhound.series.Collector;
import io.leakhound.series.GcKind;
import io.leakhound.series.GcSeries;
import io.leakhound.series.Unit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory reader on the real recordings of the corpus (JDK 8u backport to 21; Serial, Parallel, CMS, G1),
 * compared with what JDK Mission Control's own tests state about them.
 */
class JfrMemoryReaderCorpusTest {

    @Test
    void everyRecording_read_seriesOrAClearRefusal() throws IOException {
        Path root = corpus("");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".jfr")).sorted().toList();
        }
        List<String> refused = new ArrayList<>();
        for (Path f : files) {
            try {
                JfrMemory m = JfrMemoryReader.readFiles(List.of(f));
                assertThat(m.eventsRead()).as(f.toString()).isPositive();
                GcSeries events = m.events();
                for (int i = 1; i < events.size(); i++) {
                    assertThat(events.uptimeMillis(i)).as(f + " event " + i).isGreaterThanOrEqualTo(events.uptimeMillis(i - 1));
                }
            } catch (JfrFormatException e) {
                assertThat(e.getMessage()).as(f.toString()).startsWith(f.toString());
                refused.add(root.relativize(f) + ": " + e.getMessage());
            } catch (Exception e) {
                fail(f + " failed with " + e, e);
            }
        }
        // format 0.9 (7 files), emergency dumps and profiles without memory events; never anything else
        assertThat(refused).allSatisfy(r -> assertThat(r).containsAnyOf("format 0.9", "none about memory"));
        assertThat(refused).anySatisfy(r -> assertThat(r).startsWith("jmc/recordings/hs_err_jdk-16.jfr"));
        assertThat(refused).anySatisfy(r -> assertThat(r).startsWith("jmc/rules/dominating_thread_allocation.jfr"));
        assertThat(files.size() - refused.size()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void allocationProfile_read_saysWhatIsMissingAndHowToRecord() {
        Path file = corpus("jmc/rules/dominating_thread_allocation.jfr");

        assertThatThrownBy(() -> JfrMemoryReader.readFiles(List.of(file)))
                .isInstanceOf(JfrFormatException.class)
                .hasMessageContaining("none about memory", "jdk.GCHeapSummary", "leakhound record PID",
                        "-XX:StartFlightRecording");
    }

    @Test
    void jmcRuleRecordings_longestPause_asJmcStatesIt() throws IOException {
        // JMC's LongGcPause rule (JfrRuleBaseline.xml): "The longest GC pause was 11.003 ms." and so on; pauses
        // are kept in whole microseconds, JMC rounds the nanoseconds: a microsecond apart at most
        assertThat(longestPauseMillis("jmc/rules/allocation_10s_before.jfr")).isCloseTo(11.003, within(0.0011));
        // here the longest collection is a G1 concurrent cycle with two pauses: JMC names its longest pause
        // (longestPause 13.480 ms), leakhound counts a collection's pauses together (sumOfPauses 13.564 ms)
        assertThat(longestPauseMillis("jmc/rules/flight_recording_17eaMonitoredVM10440_3.jfr"))
                .isCloseTo(13.564, within(0.0011));
        assertThat(longestPauseMillis("jmc/rules/jdk21.jfr")).isCloseTo(103.247, within(0.0011));
    }

    @Test
    void jmcParserRecordings_collections_asJmcPrintsThem() throws IOException {
        // JMC's parser printouts: flush_metadata 6 jdk.GarbageCollection (Parallel: 4 young, 2 old),
        // flush_incremental_metadata 5 (3 young, 2 old)
        JfrMemory flush = JfrMemoryReader.readFiles(List.of(corpus("jmc/recordings/flush_metadata.jfr")));
        assertThat(flush.events().statistics().events()).isEqualTo(6);
        assertThat(flush.events().statistics().count(GcKind.YOUNG)).isEqualTo(4);
        assertThat(flush.events().statistics().fullCollections()).isEqualTo(2);
        assertThat(flush.collector()).isEqualTo(Collector.PARALLEL);

        JfrMemory incremental = JfrMemoryReader.readFiles(List.of(corpus("jmc/recordings/flush_incremental_metadata.jfr")));
        assertThat(incremental.events().statistics().events()).isEqualTo(5);
        assertThat(incremental.events().statistics().fullCollections()).isEqualTo(2);
    }

    @Test
    void fullGcRecordings_fullCollections_counted() throws IOException {
        // JMC's FullGc rule warns on both; `jfr print` shows 16 G1Full, 17 G1Old (concurrent cycles), 75 G1New
        JfrMemory g1 = JfrMemoryReader.readFiles(List.of(corpus("jmc/rules/full_gc_g1.jfr")));
        assertThat(g1.collector()).isEqualTo(Collector.G1);
        assertThat(g1.events().statistics().fullCollections()).isEqualTo(16);
        assertThat(g1.events().statistics().count(GcKind.CONCURRENT_CYCLE)).isEqualTo(17);
        assertThat(g1.events().statistics().events()).isEqualTo(16 + 17 + 75);

        JfrMemory cms = JfrMemoryReader.readFiles(List.of(corpus("jmc/rules/full_gc_cms.jfr")));
        assertThat(cms.collector()).isEqualTo(Collector.CMS);
        assertThat(cms.events().statistics().fullCollections()).isPositive();
    }

    @Test
    void serialTwoChunks_heapAndSamples_everyCollectionWithFigures() throws IOException {
        // jafar's TCK recording: JDK 21.0.3, Serial, 946 collections, each with a heap summary before and after
        JfrMemory m = JfrMemoryReader.readFiles(List.of(corpus("jafar/tck-test.jfr")));

        assertThat(m.collector()).isEqualTo(Collector.SERIAL);
        assertThat(m.events().size()).isEqualTo(946);
        assertThat(m.maxHeapBytes()).isPositive();
        int withHeap = 0;
        for (int i = 0; i < m.events().size(); i++) {
            if (m.events().heapAfter(i) >= 0) {
                withHeap++;
                assertThat(m.events().heapAfter(i)).isLessThanOrEqualTo(m.events().heapCapacity(i));
            }
        }
        assertThat(withHeap).isEqualTo(946);
        assertThat(m.jvmStart()).isNotNull();
        assertThat(m.events().uptimeMillis(0)).isPositive();
        assertThat(m.sample("threads").unit()).isEqualTo(Unit.COUNT);
        // the JDK's RecordingFile hands out 59 of each (`jfr summary` counts 60 thread statistics), and no
        // class loading statistics
        assertThat(m.sample("threads").size()).isEqualTo(59);
        assertThat(m.sample("rss").size()).isEqualTo(59);
        assertThat(m.sample("classes")).isNull();
    }

    @Test
    void recordingSplitAtItsChunk_readTogether_sameSeriesAsTheWhole(@TempDir Path dir) throws IOException {
        // the two chunks of jafar's recording as two files of one JVM, given in reverse order
        Path whole = corpus("jafar/tck-test.jfr");
        JfrFile.Chunk second = JfrFile.open(whole).chunks().get(1);
        byte[] bytes = Files.readAllBytes(whole);
        Path first = Files.write(dir.resolve("part1.jfr"), Arrays.copyOf(bytes, (int) second.offset()));
        Path last = Files.write(dir.resolve("part2.jfr"), Arrays.copyOfRange(bytes, (int) second.offset(), bytes.length));

        JfrMemory joined = JfrMemoryReader.readFiles(List.of(last, first));
        JfrMemory one = JfrMemoryReader.readFiles(List.of(whole));

        assertThat(joined.events().size()).isEqualTo(one.events().size()).isEqualTo(946);
        for (int i = 0; i < one.events().size(); i++) {
            assertThat(joined.events().get(i)).isEqualTo(one.events().get(i));
        }
        assertThat(joined.sample("threads").millisArray()).isEqualTo(one.sample("threads").millisArray());
        assertThat(joined.jvmStart()).isEqualTo(one.jvmStart());
    }

    @Test
    void jdk9Recording_oracleEventNames_readAlike() throws IOException {
        JfrMemory m = JfrMemoryReader.readFiles(List.of(corpus("jmc/recordings/9u0.jfr")));

        // JfrFileTest counts 6 of each statistics event in this file
        assertThat(m.sample("threads").size()).isEqualTo(6);
        assertThat(m.sample("classes").size()).isEqualTo(6);
    }

    private static double longestPauseMillis(String file) throws IOException {
        GcSeries events = JfrMemoryReader.readFiles(List.of(corpus(file))).events();
        return Math.round(events.statistics().pauseMax().toNanos() / 1000.0) / 1000.0;
    }
}

package io.leakhound.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.series.Collector;
import io.leakhound.series.GcKind;
import io.leakhound.series.GcSeries;
import io.leakhound.series.Unit;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recordings of JDK 25 (see {@code src/test/resources/recordings/README.md}): generational ZGC and Parallel. */
class Jdk25RecordingTest {

    @Test
    void generationalZgc_read_minorYoungMajorWholeHeapCycles() throws Exception {
        JfrMemory m = JfrMemoryReader.readFiles(List.of(resource("jdk25-zgc.jfr")));
        GcSeries events = m.events();

        assertThat(m.collector()).isEqualTo(Collector.GENERATIONAL_ZGC);
        // `jfr print`: 8 "ZGC Major", 7 "ZGC Minor", each with a heap and a metaspace summary after it
        assertThat(events.size()).isEqualTo(15);
        assertThat(events.statistics().count(GcKind.CONCURRENT_CYCLE)).isEqualTo(8);
        assertThat(events.statistics().count(GcKind.YOUNG)).isEqualTo(7);
        assertThat(m.maxHeapBytes()).isEqualTo(128L << 20);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.heapAfter(i)).isBetween(0L, 128L << 20);
            assertThat(events.metaspaceAfter(i)).isPositive();
        }
        assertThat(m.jvmStart()).isNotNull();
        assertThat(m.sample("classes").unit()).isEqualTo(Unit.COUNT);
        assertThat(m.sample("rss").size()).isEqualTo(12);
    }

    @Test
    void parallel_read_youngCollectionsWithOldGeneration() throws Exception {
        JfrMemory m = JfrMemoryReader.readFiles(List.of(resource("jdk25-parallel.jfr")));
        GcSeries events = m.events();

        assertThat(m.collector()).isEqualTo(Collector.PARALLEL);
        assertThat(events.size()).isEqualTo(8);
        assertThat(events.statistics().count(GcKind.YOUNG)).isEqualTo(8);
        for (int i = 0; i < events.size(); i++) {
            // jdk.PSHeapSummary states the old generation; it is part of the heap
            assertThat(events.oldAfter(i)).isBetween(0L, events.heapAfter(i));
        }
        // the thread-leak mode started threads during the 12 s
        var threads = m.sample("threads");
        assertThat(threads.usedBytes(threads.size() - 1)).isGreaterThan(threads.usedBytes(0));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(Jdk25RecordingTest.class.getResource("/recordings/" + name).toURI());
    }
}

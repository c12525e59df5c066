package io.leakhound.series.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.series.gclog.GcLogReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Leaks that ran the heap out (see {@code gclogs/oom/README.md}): the memory drops after the error. */
class OomEndingLeakTest {

    private static Finding heap(String name) throws IOException, URISyntaxException {
        Path file = Path.of(OomEndingLeakTest.class.getResource("/gclogs/oom/" + name).toURI());
        return LeakAnalyzer.analyze(GcLogReader.read(List.of(file))).findings().get(0);
    }

    @Test
    void oomEndingLeakIsLeakAtCriticalWithTimeOfExhaustion_whenTheAllocatingThreadDied() throws Exception {
        Finding heap = heap("g1-17-oom-thread-dies.gcstar.log");
        assertThat(heap.verdict()).as(heap.summary()).isEqualTo(Verdict.LEAK);
        assertThat(heap.alert()).isEqualTo(AlertLevel.CRITICAL);
        // the first full collection that freed nothing ran at 93.6 s
        assertThat(heap.exhaustedAt()).isBetween(Duration.ofSeconds(85), Duration.ofSeconds(95));
        assertThat(heap.timeToExhaustion()).isEqualTo(Duration.ZERO);
        assertThat(heap.summary()).contains("exhausted").contains("fell back");
        // the thread retained 300 KB/s (1.03 GB/h) plus its list's bookkeeping
        assertThat(heap.growthBytesPerHour() / 3600).isBetween(200_000.0, 450_000.0);
    }

    @Test
    void oomEndingLeakIsLeakAtCriticalWithTimeOfExhaustion_whenTheJvmRestartedIntoTheSameLog() throws Exception {
        Finding heap = heap("parallel-17-oom-restart.gc.log");
        assertThat(heap.verdict()).as(heap.summary()).isEqualTo(Verdict.LEAK);
        assertThat(heap.alert()).isEqualTo(AlertLevel.CRITICAL);
        assertThat(heap.exhaustedAt()).isBetween(Duration.ofSeconds(80), Duration.ofSeconds(92));
    }
}

package io.leakhound.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.series.Collector;
import io.leakhound.series.GcEvent;
import io.leakhound.series.GcKind;
import io.leakhound.series.GcSeries;
import io.leakhound.series.MemoryChange;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A slow leak under generational ZGC read STABLE from its recording (found from the same run's GC log, which
 * states what marking found live): the recording's heap after GC of each major cycle swung between 60 and
 * 170 MB of a 256 MB heap with the allocation made while the cycle ran. The figures themselves cannot show
 * the leak, so the reader says what it cannot see.
 */
class ConcurrentCycleSpreadTest {

    private static final long MB = 1 << 20;
    private static final long HEAP = 256 * MB;

    private static GcSeries cycles(Collector collector, long... afterMb) {
        GcSeries series = new GcSeries();
        for (int i = 0; i < afterMb.length; i++) {
            series.add(new GcEvent(Duration.ofSeconds(2L * i), null, i, collector, GcKind.CONCURRENT_CYCLE,
                    "ZGC Major", "Allocation Rate", MemoryChange.of(230 * MB, afterMb[i] * MB, HEAP),
                    MemoryChange.UNKNOWN, MemoryChange.UNKNOWN, Duration.ZERO, Duration.ofMillis(500)));
        }
        return series;
    }

    @Test
    void generationalZgcRecordingWhoseCyclesSwingByTensOfMegabytes_warnsAndNamesTheGcLog() {
        GcSeries swinging = cycles(Collector.GENERATIONAL_ZGC, 88, 128, 80, 164, 74, 82, 90, 144, 72, 130);

        String warning = JfrMemoryReader.concurrentCycleSpread(swinging, Collector.GENERATIONAL_ZGC, HEAP);

        assertThat(warning).contains("generational ZGC").contains("can read STABLE").contains("-Xlog:gc*");
    }

    @Test
    void steadyCyclesOrAnotherCollector_noWarning() {
        GcSeries steady = cycles(Collector.ZGC, 60, 61, 61, 62, 63, 63, 64, 65, 65, 66);
        GcSeries swingingG1 = cycles(Collector.G1, 88, 128, 80, 164, 74, 82, 90, 144, 72, 130);

        assertThat(JfrMemoryReader.concurrentCycleSpread(steady, Collector.ZGC, HEAP)).isNull();
        assertThat(JfrMemoryReader.concurrentCycleSpread(swingingG1, Collector.G1, HEAP)).isNull();
    }
}

package io.leakhound.series.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.series.Collector;
import io.leakhound.series.GcEvent;
import io.leakhound.series.GcKind;
import io.leakhound.series.GcSeries;
import io.leakhound.series.MemoryChange;
import java.time.Duration;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Metaspace of a framework that generates classes per request while its own runtime warms up: a warm-up that
 * decays on top of a steady leak. The late slope is the leak's and stays well above half the early slope.
 */
class MetaspaceLeakTest {

    private static final long KB = 1024;
    private static final long MB = 1024 * KB;

    static Finding metaspace(DoubleUnaryOperator bytesAtSecond) {
        GcSeries series = new GcSeries();
        for (int s = 1; s <= 150; s++) {
            long meta = (long) bytesAtSecond.applyAsDouble(s);
            // metaspace is reported in whole KB and does not fall between collections
            meta = meta / KB * KB;
            series.add(new GcEvent(Duration.ofSeconds(s), null, s, Collector.G1, GcKind.YOUNG, "Pause Young", null,
                    MemoryChange.of(60 * MB, 20 * MB, 256 * MB), MemoryChange.UNKNOWN,
                    MemoryChange.of(meta, meta, meta + 2 * MB), Duration.ofMillis(2), Duration.ofMillis(2)));
        }
        return LeakAnalyzer.analyze("synthetic", series, 256 * MB, List.of(), List.of()).findings().get(1);
    }

    @ParameterizedTest(name = "warm-up {0} KB over tau {1} s on a leak of {2} KB/s")
    @CsvSource({"4096, 20, 40", "3072, 30, 40", "2048, 40, 25"})
    void classGeneratingLeakWithWarmUpIsLeak_whenTheLateSlopeStaysAboveHalfTheEarlySlope(
            long warmKb, double tau, long leakKbPerSecond) {
        Finding f = metaspace(t -> 20 * MB + warmKb * KB * (1 - Math.exp(-t / tau)) + leakKbPerSecond * KB * t);
        assertThat(f.verdict()).as(f.summary()).isEqualTo(Verdict.LEAK);
    }

    @ParameterizedTest(name = "class-loading warm-up of {0} KB over tau {1} s")
    @CsvSource({"8192, 20", "16384, 30", "4096, 10"})
    void classLoadingWarmUpThatStops_isBounded(long warmKb, double tau) {
        Finding f = metaspace(t -> 20 * MB + warmKb * KB * (1 - Math.exp(-t / tau)));
        assertThat(f.verdict()).as(f.summary()).isIn(Verdict.BOUNDED_GROWTH, Verdict.STABLE);
    }
}

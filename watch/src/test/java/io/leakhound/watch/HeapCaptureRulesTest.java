package io.leakhound.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakhound.series.verdict.AlertLevel;
import io.leakhound.series.verdict.LeakAnalyzer;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.series.verdict.PointQuality;
import io.leakhound.series.verdict.UsageSeries;
import io.leakhound.series.verdict.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/** When a capture starts and what it measures, on analyses the verdict engine made of exactly-known series. */
class HeapCaptureRulesTest {

    private static final long MB = 1L << 20;

    @Test
    void trigger_growingHeap_leakVerdictNamed() {
        MemoryAnalysis growing = heap(minute -> 10 * MB + minute * MB);
        assertThat(growing.findings().get(0).verdict()).isEqualTo(Verdict.LEAK);

        assertThat(HeapCapture.trigger(evaluation(growing, AlertLevel.NONE, -1, -1))).isEqualTo("heap LEAK");
    }

    @Test
    void trigger_stableHeap_onlyFromEscalate() {
        MemoryAnalysis stable = heap(minute -> 50 * MB);
        assertThat(stable.findings().get(0).verdict()).isNotEqualTo(Verdict.LEAK);

        assertThat(HeapCapture.trigger(evaluation(stable, AlertLevel.NONE, -1, -1))).isNull();
        assertThat(HeapCapture.trigger(evaluation(stable, AlertLevel.WARNING, -1, -1))).isNull();
        assertThat(HeapCapture.trigger(evaluation(stable, AlertLevel.ESCALATE, -1, -1))).isEqualTo("heap ESCALATE");
        assertThat(HeapCapture.trigger(evaluation(stable, AlertLevel.CRITICAL, -1, -1))).isEqualTo("heap CRITICAL");
    }

    @Test
    void liveEstimate_baselineAndLastCollection_lowerOfTheTwo() {
        MemoryAnalysis stable = heap(minute -> 50 * MB);
        assertThat(stable.findings().get(0).lastBaselineBytes()).isEqualTo(50 * MB);

        assertThat(HeapCapture.liveEstimate(evaluation(stable, AlertLevel.NONE, 40 * MB, -1))).isEqualTo(40 * MB);
        assertThat(HeapCapture.liveEstimate(evaluation(stable, AlertLevel.NONE, 60 * MB, -1))).isEqualTo(50 * MB);
        assertThat(HeapCapture.liveEstimate(evaluation(stable, AlertLevel.NONE, -1, -1))).isEqualTo(50 * MB);
        MemoryAnalysis none = LeakAnalyzer.analyze("nothing", List.of());
        assertThat(HeapCapture.liveEstimate(evaluation(none, AlertLevel.NONE, -1, -1))).isEqualTo(-1);
        assertThat(HeapCapture.liveEstimate(evaluation(none, AlertLevel.NONE, 30 * MB, -1))).isEqualTo(30 * MB);
    }

    @Test
    void heapInUse_usedThenAfterGcThenLimit() {
        MemoryAnalysis stable = heap(minute -> 50 * MB);

        assertThat(HeapCapture.heapInUse(evaluation(stable, AlertLevel.NONE, 40 * MB, 70 * MB))).isEqualTo(70 * MB);
        assertThat(HeapCapture.heapInUse(evaluation(stable, AlertLevel.NONE, 40 * MB, -1))).isEqualTo(40 * MB);
        assertThat(HeapCapture.heapInUse(evaluation(stable, AlertLevel.NONE, -1, -1))).isEqualTo(256 * MB);
    }

    @Test
    void settings_defaults_thirtyMinutesTenPercentOnePointTwo() {
        CaptureSettings defaults = CaptureSettings.defaults(Path.of("captures"));

        assertThat(defaults.dir().isAbsolute()).isTrue();
        assertThat(defaults.dir().getFileName()).isEqualTo(Path.of("captures"));
        assertThat(defaults.every()).isEqualTo(Duration.ofMinutes(30));
        assertThat(defaults.growth()).isEqualTo(0.10);
        assertThat(defaults.diskFactor()).isEqualTo(1.2);
        assertThat(defaults.keepDumps()).isFalse();
    }

    @Test
    void settings_noGrowth_rejectedWithTheValue() {
        assertThatThrownBy(() -> new CaptureSettings(Path.of("x"), Duration.ofMinutes(1), false, 0, 1.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0.0");
        assertThatThrownBy(() -> new CaptureSettings(Path.of("x"), Duration.ofMinutes(-1), false, 0.1, 1.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1M");
    }

    /** A heap sampled once a minute for an hour, against a 256 MB maximum. */
    private static MemoryAnalysis heap(LongUnaryOperator bytesAtMinute) {
        UsageSeries.Builder b = UsageSeries.builder("heap").limitBytes(256 * MB);
        for (long minute = 0; minute <= 60; minute++) {
            b.add(minute * 60_000, bytesAtMinute.applyAsLong(minute), PointQuality.RAW);
        }
        return LeakAnalyzer.analyze("test", List.of(b.build()));
    }

    private static Evaluation evaluation(MemoryAnalysis analysis, AlertLevel heapLevel, long heapAfterGc,
            long heapUsed) {
        return new Evaluation(Instant.EPOCH, analysis, Map.of("heap", heapLevel), heapAfterGc, heapUsed);
    }
}

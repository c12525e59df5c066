package io.leakhound.series.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.series.GcSeries;
import io.leakhound.series.Unit;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Counts (live threads, loaded classes) judged by the same engine as bytes, with floors of their own: one
 * sample a second, as a JFR recording's jdk.JavaThreadStatistics and jdk.ClassLoadingStatistics come.
 */
class CountSeriesTest {

    private static UsageSeries series(String resource, int seconds, LongUnaryOperator countAtSecond) {
        UsageSeries.Builder b = UsageSeries.builder(resource).unit(Unit.COUNT);
        for (int s = 0; s <= seconds; s++) {
            b.add(s * 1000L, countAtSecond.applyAsLong(s), PointQuality.RAW);
        }
        return b.build();
    }

    private static Finding judge(UsageSeries s) {
        MemoryAnalysis a = LeakAnalyzer.analyze("test.jfr", new GcSeries(), -1, List.of(s), List.of());
        // the heap (no GC events: inconclusive) comes first, then the sample series
        assertThat(a.findings()).hasSize(2);
        return a.findings().get(1);
    }

    @Test
    void threads_threeAMinuteOverTwoMinutes_leakInThreadsPerHour() {
        // 40 threads, one more every 20 s: 6 more after two minutes, over the floor max(10 % of 40, 3) = 4
        Finding f = judge(series("threads", 120, s -> 40 + s / 20));

        assertThat(f.verdict()).isEqualTo(Verdict.LEAK);
        assertThat(f.unit()).isEqualTo(Unit.COUNT);
        assertThat(f.growthBytesPerHour()).isBetween(150.0, 210.0);
        assertThat(f.summary()).startsWith("live threads grow 1").contains("/h").doesNotContain("B/h");
        // the level now is the lower of the last two windows' minima: 45 until second 119
        assertThat(f.lastBaselineBytes()).isEqualTo(45);
    }

    @Test
    void threads_poolGrowingToItsBound_notALeak() {
        // a pool of 20 core threads grows by one a second to its bound of 64, then stays there
        Finding f = judge(series("threads", 180, s -> 20 + Math.min(s, 44)));

        assertThat(f.verdict()).isEqualTo(Verdict.BOUNDED_GROWTH);
        assertThat(f.summary()).contains("64").doesNotContain(" B");
    }

    @Test
    void threads_poolBusyInBursts_stable() {
        // 30 threads, 10 more for 5 s every 30 s: the rolling minima see the core pool only
        Finding f = judge(series("threads", 180, s -> s % 30 < 5 ? 40 : 30));

        assertThat(f.verdict()).isEqualTo(Verdict.STABLE);
        assertThat(f.summary()).isEqualTo("live threads are stable at 30");
    }

    @Test
    void classes_fewHundredLoadedLazilyOverTenMinutes_notALeak() {
        // 6,000 classes, 300 more loaded at a steady pace over ten minutes: 5 % of the level, under its floor
        Finding f = judge(series("classes", 600, s -> 6000 + s / 2));

        assertThat(f.verdict()).isNotEqualTo(Verdict.LEAK);
    }

    @Test
    void classes_classLoaderLeak_leak() {
        // a plugin of 20 classes reloaded every 10 s and never unloaded: 2,400 more over twenty minutes
        Finding f = judge(series("classes", 1200, s -> 6000 + 20 * (s / 10)));

        assertThat(f.verdict()).isEqualTo(Verdict.LEAK);
        assertThat(f.summary()).startsWith("loaded classes grow 7,");
    }

    @Test
    void threads_oneThreadOverTwoMinutes_notALeak() {
        // one thread more on 10 is a tenth of the level, but a single step of a count says nothing
        Finding f = judge(series("threads", 120, s -> s < 60 ? 10 : 11));

        assertThat(f.verdict()).isNotEqualTo(Verdict.LEAK);
    }

    @Test
    void directBuffers_nineSamplesFiveSecondsApart_coverFortyFiveSeconds() {
        // jdk.DirectBufferStatistics every 5 s: nine samples 40 s apart from first to last stand for 45 s
        UsageSeries.Builder b = UsageSeries.builder("direct").limitBytes(256L << 20);
        for (int k = 0; k < 9; k++) {
            b.add(5_000L * (k + 1), (1L << 20) + k * (2L << 20), PointQuality.RAW);
        }
        MemoryAnalysis a = LeakAnalyzer.analyze("test.jfr", new GcSeries(), -1, List.of(b.build()), List.of());

        assertThat(a.findings().get(1).verdict()).isEqualTo(Verdict.LEAK);
        // 2 MB every 5 s: 1,440 MB an hour
        assertThat(a.findings().get(1).summary()).startsWith("direct buffer memory grows 1.41 GB/h");
    }
}

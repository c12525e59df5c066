package io.leakhound.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.series.verdict.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifetimesTest {

    private static final double MB = 1 << 20;
    private static final long MINUTE = 60_000;

    @Test
    void aChangedStartTimeIsARestartAtTheNewStart() {
        long[] t = {0, 60_000, 120_000, 180_000};
        double[] start = {-500, -500, 100, 100};
        assertThat(Lifetimes.restarts(t, start)).containsExactly(100_000);
    }

    @Test
    void aStartTimeRoundedDifferentlyIsNoRestart() {
        long[] t = {0, 60_000, 120_000};
        double[] start = {1000.2, 1000.9, 1001.1};
        assertThat(Lifetimes.restarts(t, start)).isEmpty();
    }

    @Test
    void aCounterThatFallsToUnderHalfIsARestart_aSmallDipIsNot() {
        long[] t = {0, 60_000, 120_000, 180_000, 240_000};
        double[] count = {900, 1000, 950, 10, 40};
        assertThat(Lifetimes.counterResets(t, count)).containsExactly(150_000);
    }

    @Test
    void aLeakThatRunsOutEveryHour_isALeakJudgedPerLifetime_whileTheWholeSawToothIsNoTrend() {
        int n = 6 * 60;
        long[] t = new long[n];
        double[] heap = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * MINUTE;
            heap[i] = 100 * MB + 900 * MB * (i % 60) / 59.0;
        }
        long[] restarts = {60 * MINUTE, 120 * MINUTE, 180 * MINUTE, 240 * MINUTE, 300 * MINUTE};
        FleetFinding f = Lifetimes.judge("test", MetricConvention.RSS, "process_resident_memory_bytes", t, heap,
                (long) (1024 * MB), restarts, List.of());
        assertThat(f.finding().verdict()).isEqualTo(Verdict.LEAK);
        assertThat(f.lifetimes()).isEqualTo(6);
        assertThat(f.summary()).contains("restarted 5 times, each time at ~98 % of its rss");
    }

    @Test
    void aFlatServiceThatRestarts_isNoLeak() {
        int n = 4 * 60;
        long[] t = new long[n];
        double[] rss = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * MINUTE;
            rss[i] = 300 * MB + (i % 7) * MB;
        }
        FleetFinding f = Lifetimes.judge("test", MetricConvention.RSS, "process_resident_memory_bytes", t, rss, -1,
                new long[] {100 * MINUTE}, List.of());
        assertThat(f.finding().verdict()).isNotEqualTo(Verdict.LEAK);
        assertThat(f.summary()).endsWith("; restarted once");
    }
}

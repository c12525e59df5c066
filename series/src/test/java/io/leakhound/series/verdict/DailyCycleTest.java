package io.leakhound.series.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A day of samples of a service with a daily traffic cycle, as a fleet's metrics in Prometheus show it: over a
 * whole period the cycle is no growth, whatever its phase, though its last rising half looks like a late onset;
 * a leak on top of the same cycle still is one.
 */
class DailyCycleTest {

    private static final double MB = 1 << 20;
    private static final long LIMIT = 1L << 30;

    @Test
    void aDailyCycleOverADay_isNoLeakAtAnyPhase() {
        for (int phase = 0; phase < 24; phase++) {
            for (int noise = 0; noise < 4; noise++) {
                double shift = 2 * Math.PI * phase / 24;
                Finding f = judge(31 * phase + noise,
                        s -> 300 * MB * (1 + 0.15 * Math.sin(2 * Math.PI * s / 86_400 + shift)));
                assertThat(f.verdict()).as("phase %d h, noise %d: %s", phase, noise, f.summary())
                        .isNotEqualTo(Verdict.LEAK);
            }
        }
    }

    /*
     * A leak slower than the cycle's own steepest slope (2 pi x 45 MB / 24 h = 12 MB/h here) reads, over one day,
     * as growth that slows down at some phases: judged with the deceleration rule, it is not called a leak yet.
     */
    @Test
    void aLeakOnTopOfTheCycle_isALeak() {
        for (int phase = 0; phase < 24; phase += 3) {
            double shift = 2 * Math.PI * phase / 24;
            Finding f = judge(phase, s -> 300 * MB * (1 + 0.15 * Math.sin(2 * Math.PI * s / 86_400 + shift))
                    + 30 * MB * s / 3600);
            assertThat(f.verdict()).as("phase %d h: %s", phase, f.summary()).isEqualTo(Verdict.LEAK);
        }
    }

    @Test
    void aLeakThatStartsHalfwayThroughAFlatDay_isALeakWithItsOnset() {
        Finding f = judge(7, s -> 300 * MB + (s > 43_200 ? 8 * MB * (s - 43_200) / 3600 : 0));
        assertThat(f.verdict()).as(f.summary()).isEqualTo(Verdict.LEAK);
        assertThat(f.onset()).isNotNull();
        assertThat(f.onset().toHours()).isBetween(10L, 14L);
    }

    private static Finding judge(long seed, DoubleUnaryOperator level) {
        Random r = new Random(seed);
        UsageSeries.Builder b = UsageSeries.builder("heap").limitBytes(LIMIT);
        for (int s = 0; s <= 86_400; s += 60) {
            b.add(s * 1000L, Math.round(level.applyAsDouble(s) + 6 * MB * r.nextGaussian()), PointQuality.RAW);
        }
        return LeakAnalyzer.analyze("test", List.of(b.build())).findings().get(0);
    }
}

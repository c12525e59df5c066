package io.leakhound.series.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OnsetDetectorTest {

    @Test
    void onset_flatThenLinear_indexWhereGrowthBegins() {
        // 20 points 5 s apart: 50 MB (+-1) until index 11, then +2 MB per point
        double[] t = new double[20];
        double[] v = new double[20];
        for (int i = 0; i < 20; i++) {
            t[i] = i * 5000;
            v[i] = 50 + (i % 2 == 0 ? 1 : -1) + Math.max(0, i - 11) * 2;
        }
        assertThat(OnsetDetector.onset(t, v)).isBetween(11, 12);
    }

    @Test
    void onset_linearFromStart_zero() {
        double[] t = new double[20];
        double[] v = new double[20];
        for (int i = 0; i < 20; i++) {
            t[i] = i * 5000;
            v[i] = 10 + 2 * i + (i % 3 == 0 ? 1 : 0);
        }
        assertThat(OnsetDetector.onset(t, v)).isZero();
    }

    @Test
    void decelerates_fastFillThenSlowPileUp_knee() {
        // a cache: +6 per point for 6 points, then +1 per point for 24 points
        double[] t = new double[30];
        double[] v = new double[30];
        for (int i = 0; i < 30; i++) {
            t[i] = i * 5000;
            v[i] = i < 6 ? 6 * i : 30 + (i - 5);
        }
        assertThat(Deceleration.decelerates(t, v, 5)).isTrue();
        // the same shape with under twice minGrowth before the knee is a start-up, not a cache
        assertThat(Deceleration.decelerates(t, v, 20)).isFalse();
    }

    @Test
    void decelerates_straightLine_noKnee() {
        double[] t = new double[30];
        double[] v = new double[30];
        for (int i = 0; i < 30; i++) {
            t[i] = i * 5000;
            v[i] = 3 * i + (i % 2);
        }
        assertThat(Deceleration.decelerates(t, v, 5)).isFalse();
    }
}

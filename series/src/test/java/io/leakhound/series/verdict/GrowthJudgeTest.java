package io.leakhound.series.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GrowthJudgeTest {

    private static final long MB = 1 << 20;

    @Test
    void resolution_wholeMegabytes_oneMegabyte() {
        assertThat(GrowthJudge.resolution(new long[] {5 * MB, 4 * MB, 5 * MB, 7 * MB, 9 * MB})).isEqualTo(MB);
    }

    @Test
    void resolution_zgcPages_twoMegabytes() {
        assertThat(GrowthJudge.resolution(new long[] {6 * MB, 8 * MB, 6 * MB, 12 * MB, 10 * MB})).isEqualTo(2 * MB);
    }

    @Test
    void resolution_allEqual_zero() {
        assertThat(GrowthJudge.resolution(new long[] {3 * MB, 3 * MB})).isZero();
    }

    @Test
    void levelsOff_oneStepOfCoarseLog_notLevelled() {
        // a slow rise in a log of 2 MB pages: one step up, then flat until the next step is due. At 1 MB
        // precision the same points would be a plateau; at 2 MB they cannot tell one from a slow rise.
        double[] t = {0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000, 70_000};
        double[] v = {8 * MB, 8 * MB, 10 * MB, 10 * MB, 10 * MB, 10 * MB, 10 * MB, 10 * MB};
        assertThat(Deceleration.levelsOff(t, v, 0)).isTrue();
        assertThat(Deceleration.levelsOff(t, v, 2 * MB)).isFalse();
    }

    @Test
    void levelsOff_riseThenFlatFarAboveResolution_levelled() {
        double[] t = {0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000, 70_000};
        double[] v = {8 * MB, 20 * MB, 32 * MB, 40 * MB, 41 * MB, 40 * MB, 41 * MB, 41 * MB};
        assertThat(Deceleration.levelsOff(t, v, MB)).isTrue();
    }
}

package io.leakhound.series.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MannWhitneyTest {

    @Test
    void twoAboveFiveIsTheSmallestExactP_oneInTwentyOne() {
        assertThat(MannWhitney.pGreater(new double[] {10, 11}, new double[] {1, 2, 3, 4, 5}))
                .isCloseTo(1.0 / 21, within(1e-12));
    }

    @Test
    void oneWildBaselineValueMovesTheStatisticByOneRankOnly() {
        double[] canary = {50, 60, 70};
        double p = MannWhitney.pGreater(canary, new double[] {1, 2, 3, 4, 5, 6});
        double withWild = MannWhitney.pGreater(canary, new double[] {1, 2, 3, 4, 5, 1e12});
        assertThat(p).isCloseTo(1.0 / 84, within(1e-12));
        // U falls from 18 to 15 of 18 pairs: 7 of the 84 splits reach 15 (one each 18 and 17, two 16, three 15)
        assertThat(withWild).isCloseTo(7.0 / 84, within(1e-12));
    }

    @Test
    void identicalGroups_noEvidence() {
        assertThat(MannWhitney.pGreater(new double[] {1, 1}, new double[] {1, 1, 1})).isEqualTo(1.0);
    }

    @Test
    void largeGroups_normalApproximationAgreesWithTheExactTail() {
        double[] x = new double[30];
        double[] y = new double[30];
        for (int i = 0; i < 30; i++) {
            x[i] = i + 5;
            y[i] = i;
        }
        double p = MannWhitney.pGreater(x, y);
        assertThat(p).isBetween(0.01, 0.2);
    }
}

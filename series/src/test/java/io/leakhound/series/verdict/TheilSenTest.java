package io.leakhound.series.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TheilSenTest {

    @Test
    void fit_oneWildPoint_slopeIsMedianOfPairSlopes() {
        // pair slopes: 2, 0.5, 4/3, 24.75, -1, 1, 97/3, 3, 49, 95 -> sorted middle two are 2 and 3 -> 2.5
        // residuals y - 2.5x: 1, 0.5, -3, -2.5, 90 -> median 0.5
        TheilSen.Fit fit = TheilSen.fit(new double[] {0, 1, 2, 3, 4}, new double[] {1, 3, 2, 5, 100});
        assertThat(fit.slope()).isCloseTo(2.5, within(1e-12));
        assertThat(fit.intercept()).isCloseTo(0.5, within(1e-12));
        assertThat(fit.at(10)).isCloseTo(25.5, within(1e-12));
    }

    @Test
    void fit_exactLine_recoversIt() {
        double[] x = {10, 20, 30, 40};
        double[] y = {7, 12, 17, 22};
        TheilSen.Fit fit = TheilSen.fit(x, y);
        assertThat(fit.slope()).isCloseTo(0.5, within(1e-12));
        assertThat(fit.at(50)).isCloseTo(27, within(1e-12));
    }

    @Test
    void fit_equalX_pairsSkipped() {
        TheilSen.Fit fit = TheilSen.fit(new double[] {0, 0, 1}, new double[] {0, 5, 1});
        // pairs with distinct x: (0,0)-(1,1) slope 1, (0,5)-(1,1) slope -4 -> median -1.5
        assertThat(fit.slope()).isCloseTo(-1.5, within(1e-12));
    }

    @Test
    void fit_allXEqual_rejected() {
        assertThatThrownBy(() -> TheilSen.fit(new double[] {3, 3}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct x");
    }
}

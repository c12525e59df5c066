package io.leakhound.series.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MannKendallTest {

    @Test
    void test_strictlyRising_handComputed() {
        // S = 10 pairs all rising; Var(S) = 5*4*15/18 = 16.667; z = (10-1)/sqrt(16.667) = 2.2045; p = 0.02749
        MannKendall.Result r = MannKendall.test(new double[] {1, 2, 3, 4, 5});
        assertThat(r.s()).isEqualTo(10);
        assertThat(r.varS()).isCloseTo(16.6667, within(1e-3));
        assertThat(r.z()).isCloseTo(2.20454, within(1e-4));
        assertThat(r.pValue()).isCloseTo(0.027486, within(1e-5));
        assertThat(r.tau()).isEqualTo(1.0);
        assertThat(r.rises(0.05)).isTrue();
        assertThat(r.rises(0.01)).isFalse();
    }

    @Test
    void test_ties_varianceCorrected() {
        // 1,2,2,3: S = 5; one tie group of 2: Var(S) = (4*3*13 - 2*1*9)/18 = 7.6667; z = 4/sqrt(7.6667) = 1.4446
        MannKendall.Result r = MannKendall.test(new double[] {1, 2, 2, 3});
        assertThat(r.s()).isEqualTo(5);
        assertThat(r.varS()).isCloseTo(7.6667, within(1e-3));
        assertThat(r.z()).isCloseTo(1.44463, within(1e-4));
        assertThat(r.pValue()).isCloseTo(0.14856, within(1e-4));
    }

    @Test
    void test_falling_negativeScoreNotRising() {
        // 5,3,4,1,2,1: S = -10; ties {1,1}: Var = (6*5*17 - 18)/18 = 27.333; z = (-10+1)/sqrt(27.333) = -1.7215
        MannKendall.Result r = MannKendall.test(new double[] {5, 3, 4, 1, 2, 1});
        assertThat(r.s()).isEqualTo(-10);
        assertThat(r.z()).isCloseTo(-1.72146, within(1e-4));
        assertThat(r.pValue()).isCloseTo(0.085168, within(1e-4));
        assertThat(r.rises(0.5)).isFalse();
    }

    @Test
    void test_allEqual_noTrend() {
        MannKendall.Result r = MannKendall.test(new double[] {4, 4, 4, 4, 4, 4});
        assertThat(r.s()).isZero();
        assertThat(r.pValue()).isEqualTo(1.0);
    }

    @Test
    void normalCdf_knownQuantiles() {
        assertThat(MannKendall.normalCdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(MannKendall.normalCdf(1.959964)).isCloseTo(0.975, within(1e-6));
        assertThat(MannKendall.normalCdf(-2.575829)).isCloseTo(0.005, within(1e-6));
    }
}

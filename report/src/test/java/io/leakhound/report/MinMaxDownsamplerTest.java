package io.leakhound.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MinMaxDownsamplerTest {

    @Test
    void keep_fewerPointsThanBound_keepsAll() {
        long[] t = {0, 1, 2};
        long[] v = {5, 3, 4};
        assertThat(MinMaxDownsampler.keep(t, v, 3, 10)).containsExactly(0, 1, 2);
    }

    @Test
    void keep_longSawtooth_boundedAndKeepsEveryExtreme() {
        int n = 1_000_000;
        long[] t = new long[n];
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * 10L;
            v[i] = (i % 2 == 0 ? 100 : 10) + i / 1000;
        }
        v[123_457] = 1; // one deep trough
        v[777_776] = 10_000; // one tall peak
        int[] keep = MinMaxDownsampler.keep(t, v, n, 2000);
        assertThat(keep.length).isLessThanOrEqualTo(2000).isGreaterThan(1000);
        assertThat(keep).contains(123_457, 777_776);
        assertThat(keep).isSorted();
        assertThat(Arrays.stream(keep).distinct().count()).isEqualTo(keep.length);
    }
}

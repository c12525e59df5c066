package io.leakhound.series.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.testing.LiveSet;
import io.leakhound.testing.SyntheticGcLog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Prefixes of healthy curves that the engine used to call LEAK (issue 15): judged on the first 50 s, about the
 * shortest span it judges at all, where a leak of the same size is already called.
 */
class DeceleratingPrefixTest {

    private static final long MB = 1 << 20;

    private static Finding firstSeconds(SyntheticGcLog.Flavor flavor, LiveSet live, int seconds) {
        return SyntheticEvents.heap(SyntheticGcLog.builder(flavor, live).seconds(seconds).maxHeapBytes(512 * MB)
                .build());
    }

    @ParameterizedTest
    @EnumSource(SyntheticGcLog.Flavor.class)
    void cacheFillingTowardsItsBoundIsNotALeakBeforeItLevelsOff(SyntheticGcLog.Flavor flavor) {
        // each third of the first 50 s grows at about 60 % of the pace of the third before it
        Finding f = firstSeconds(flavor, LiveSet.saturating(60 * MB, 60 * MB, 30), 50);
        assertThat(f.verdict()).as(f.summary()).isEqualTo(Verdict.BOUNDED_GROWTH);
    }

    @ParameterizedTest
    @EnumSource(SyntheticGcLog.Flavor.class)
    void leakOfTheSameSizeIsStillALeakAtTheSamePrefix(SyntheticGcLog.Flavor flavor) {
        // 60 MB → 115 MB over 50 s, as the cache above, but at a steady pace
        Finding f = firstSeconds(flavor, LiveSet.linear(60 * MB, 1.1 * MB), 50);
        assertThat(f.verdict()).as(f.summary()).isEqualTo(Verdict.LEAK);
    }

    @ParameterizedTest
    @EnumSource(SyntheticGcLog.Flavor.class)
    void loadHeldInTwoStepsIsNotALeak(SyntheticGcLog.Flavor flavor) {
        // flat at 60 MB, then 50 MB more held from 20 s and 50 MB more from 40 s, flat in between: a batch or
        // a spike whose end the log has not reached looks like this, a leak adds a little every window
        LiveSet steps = t -> 60 * MB + (t >= 20 ? 50 * MB : 0) + (t >= 40 ? 50 * MB : 0);
        Finding f = firstSeconds(flavor, steps, 50);
        assertThat(f.verdict()).as(f.summary()).isNotEqualTo(Verdict.LEAK);
    }

    @ParameterizedTest
    @EnumSource(SyntheticGcLog.Flavor.class)
    void leakInManySmallStepsIsStillALeak(SyntheticGcLog.Flavor flavor) {
        // 4 MB more every 4 s: a leak that grows in batches, but in every window
        LiveSet batches = t -> 60 * MB + 4 * MB * Math.floor(t / 4);
        Finding f = firstSeconds(flavor, batches, 50);
        assertThat(f.verdict()).as(f.summary()).isEqualTo(Verdict.LEAK);
    }
}

package io.leakhound.series.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.testing.LiveSet;
import io.leakhound.testing.SyntheticGcLog;
import io.leakhound.testing.SyntheticGcLog.Flavor;
import io.leakhound.testing.SyntheticSeries;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Properties of the verdict on synthetic 150-second runs in a 256 MB heap, the shape of the runs the engine
 * is judged on: young collections every ~2 s that promote garbage, cleaning collections when the heap fills.
 */
class LeakAnalyzerPropertiesTest {

    private static final long MB = 1 << 20;

    /*
     * Promoted garbage is told from a leak only by the collections that clean it: a log with garbage piling up
     * and no cleaning collection within the run is the same log as a leak. So these runs clean at least every
     * 20 to 60 s, as G1 marking cycles and Parallel full GCs do in a busy 256 MB heap.
     */
    @Property(tries = 150)
    void gcLog_flatLiveSetWithPromotedGarbage_neverLeak(
            @ForAll Flavor flavor,
            @ForAll @LongRange(min = 5, max = 120) long baseMb,
            @ForAll @LongRange(min = 0, max = 8) long noiseMb,
            @ForAll @DoubleRange(min = 0, max = 1_500_000) double garbagePerSecond,
            @ForAll @DoubleRange(min = 20, max = 60) double cleanEverySeconds,
            @ForAll long seed) {
        SyntheticGcLog log = SyntheticGcLog.builder(flavor, LiveSet.constant(baseMb * MB))
                .noiseBytes(noiseMb * MB).promotedGarbagePerSecond(garbagePerSecond)
                .cleanEverySeconds(cleanEverySeconds).seed(seed).build();
        Finding f = SyntheticEvents.heap(log);
        assertThat(f.verdict()).as(f.summary()).isNotEqualTo(Verdict.LEAK);
    }

    /*
     * The other way round, a leak on top of promoted garbage with a single cleaning collection in the run is the
     * same log as an LRU cache that filled and now evicts (its promoted entries turn to garbage as fast as they
     * came in, so it too rises in one straight line and drops once): these runs also clean every 20 to 60 s.
     */
    @Property(tries = 150)
    void gcLog_linearGrowthAboveNoise_alwaysLeak(
            @ForAll Flavor flavor,
            @ForAll @LongRange(min = 5, max = 40) long baseMb,
            @ForAll @DoubleRange(min = 80_000, max = 1_000_000) double leakPerSecond,
            @ForAll @LongRange(min = 0, max = 3) long noiseMb,
            @ForAll @DoubleRange(min = 0, max = 300_000) double garbagePerSecond,
            @ForAll @DoubleRange(min = 20, max = 60) double cleanEverySeconds,
            @ForAll long seed) {
        SyntheticGcLog log = SyntheticGcLog.builder(flavor, LiveSet.linear(baseMb * MB, leakPerSecond))
                .noiseBytes(noiseMb * MB).promotedGarbagePerSecond(garbagePerSecond)
                .cleanEverySeconds(cleanEverySeconds).seed(seed).build();
        Finding f = SyntheticEvents.heap(log);
        assertThat(f.verdict()).as(f.summary()).isEqualTo(Verdict.LEAK);
        // the slope is the leak's rate, within the rounding to megabytes and the promoted garbage
        assertThat(f.growthBytesPerHour() / 3600).as(f.summary())
                .isBetween(leakPerSecond * 0.6, leakPerSecond * 1.6 + garbagePerSecond);
    }

    @Property(tries = 100)
    void gcLog_saturatingCurve_boundedGrowth(
            @ForAll Flavor flavor,
            @ForAll @LongRange(min = 5, max = 40) long baseMb,
            @ForAll @LongRange(min = 30, max = 80) long growthMb,
            @ForAll @DoubleRange(min = 8, max = 25) double tauSeconds,
            @ForAll long seed) {
        SyntheticGcLog log = SyntheticGcLog.builder(flavor, LiveSet.saturating(baseMb * MB, growthMb * MB, tauSeconds))
                .noiseBytes(MB).promotedGarbagePerSecond(100_000).cleanEverySeconds(45).seed(seed).build();
        Finding f = SyntheticEvents.heap(log);
        assertThat(f.verdict()).as(f.summary()).isEqualTo(Verdict.BOUNDED_GROWTH);
    }

    @Property(tries = 100)
    void gcLog_spikesThatReturn_notLeak(
            @ForAll Flavor flavor,
            @ForAll @LongRange(min = 5, max = 60) long baseMb,
            @ForAll @LongRange(min = 10, max = 80) long spikeMb,
            @ForAll @DoubleRange(min = 10, max = 40) double period,
            @ForAll @DoubleRange(min = 20, max = 60) double cleanEverySeconds,
            @ForAll long seed) {
        SyntheticGcLog log = SyntheticGcLog.builder(flavor, LiveSet.spikes(baseMb * MB, spikeMb * MB, period, period / 4))
                .noiseBytes(MB).promotedGarbagePerSecond(100_000).cleanEverySeconds(cleanEverySeconds).seed(seed)
                .build();
        Finding f = SyntheticEvents.heap(log);
        assertThat(f.verdict()).as(f.summary()).isNotEqualTo(Verdict.LEAK);
    }

    @Property(tries = 100)
    void gcLog_lateOnset_leakWithOnsetNearTruth(
            @ForAll Flavor flavor,
            @ForAll @LongRange(min = 5, max = 40) long baseMb,
            @ForAll @DoubleRange(min = 40, max = 80) double onsetSeconds,
            @ForAll @DoubleRange(min = 400_000, max = 1_500_000) double leakPerSecond,
            @ForAll long seed) {
        SyntheticGcLog log = SyntheticGcLog.builder(flavor, LiveSet.lateOnset(baseMb * MB, onsetSeconds, leakPerSecond))
                .noiseBytes(MB).promotedGarbagePerSecond(50_000).seed(seed).build();
        Finding f = SyntheticEvents.heap(log);
        assertThat(f.verdict()).as(f.summary()).isEqualTo(Verdict.LEAK);
        assertThat(f.onset()).as(f.summary()).isNotNull();
        assertThat(f.onset().toMillis() / 1000.0).as(f.summary()).isBetween(onsetSeconds - 15, onsetSeconds + 15);
    }

    @Property(tries = 100)
    void gcLog_leakAfterStartup_alwaysLeak(
            @ForAll Flavor flavor,
            @ForAll @LongRange(min = 1, max = 10) long startupMb,
            @ForAll @DoubleRange(min = 3, max = 10) double startupSeconds,
            @ForAll @DoubleRange(min = 80_000, max = 2_500_000) double leakPerSecond,
            @ForAll @DoubleRange(min = 0, max = 200_000) double garbagePerSecond,
            @ForAll long seed) {
        LiveSet startup = LiveSet.warmUp(2 * MB, startupMb * MB, startupSeconds);
        LiveSet live = s -> Math.min(250 * MB, startup.bytesAt(s) + leakPerSecond * s);
        SyntheticGcLog log = SyntheticGcLog.builder(flavor, live)
                .noiseBytes(MB).promotedGarbagePerSecond(garbagePerSecond).seed(seed).build();
        Finding f = SyntheticEvents.heap(log);
        assertThat(f.verdict()).as(f.summary()).isEqualTo(Verdict.LEAK);
    }

    /*
     * A cache that fills and then evicts: entries were promoted before they were evicted, so garbage piles up
     * in the old generation and, with no cleaning collection in the run, the heap after young collections
     * keeps rising, only slower than while the cache filled. (A cache that fills within a few seconds is
     * the same log as a service that starts up and then leaks: see gcLog_leakAfterStartup_alwaysLeak.)
     */
    @Property(tries = 100)
    void gcLog_cacheFillsThenEvictsWithoutCleaning_notLeak(
            @ForAll Flavor flavor,
            @ForAll @LongRange(min = 2, max = 20) long baseMb,
            @ForAll @LongRange(min = 20, max = 64) long cacheMb,
            @ForAll @DoubleRange(min = 20, max = 40) double fillSeconds,
            @ForAll @DoubleRange(min = 0.05, max = 0.4) double evictionShareOfFillRate,
            @ForAll long seed) {
        double fillRate = cacheMb * MB / fillSeconds;
        SyntheticGcLog log = SyntheticGcLog.builder(flavor, LiveSet.warmUp(baseMb * MB, cacheMb * MB, fillSeconds))
                .noiseBytes(MB).promotedGarbagePerSecond(evictionShareOfFillRate * fillRate).cleanAtFraction(0.6)
                .seed(seed).build();
        Finding f = SyntheticEvents.heap(log);
        assertThat(f.verdict()).as(f.summary()).isNotEqualTo(Verdict.LEAK);
    }

    /* The same cache with one cleaning collection during the run: garbage piles up again after it. */
    @Property(tries = 100)
    void gcLog_cacheFillsThenEvictsWithOneCleaning_notLeak(
            @ForAll Flavor flavor,
            @ForAll @LongRange(min = 2, max = 20) long baseMb,
            @ForAll @LongRange(min = 20, max = 64) long cacheMb,
            @ForAll @DoubleRange(min = 20, max = 50) double fillSeconds,
            @ForAll @DoubleRange(min = 55, max = 100) double cleanAtSecond,
            @ForAll @DoubleRange(min = 0.05, max = 0.4) double evictionShareOfFillRate,
            @ForAll long seed) {
        double fillRate = cacheMb * MB / fillSeconds;
        SyntheticGcLog log = SyntheticGcLog.builder(flavor, LiveSet.warmUp(baseMb * MB, cacheMb * MB, fillSeconds))
                .noiseBytes(MB).promotedGarbagePerSecond(evictionShareOfFillRate * fillRate).cleanAtFraction(0.6)
                .cleanEverySeconds(cleanAtSecond).seed(seed).build();
        Finding f = SyntheticEvents.heap(log);
        assertThat(f.verdict()).as(f.summary()).isNotEqualTo(Verdict.LEAK);
    }

    @Property(tries = 100)
    void rawSeries_noisyFlat_neverLeak(
            @ForAll @LongRange(min = 20, max = 500) long baseMb,
            @ForAll @LongRange(min = 0, max = 50) long noiseMb,
            @ForAll long seed) {
        SyntheticSeries s = SyntheticSeries.sample(LiveSet.constant(baseMb * MB), 600, 5000, noiseMb * MB, -1, seed);
        Finding f = LeakAnalyzer.analyze("rss.csv", List.of(usage(s))).findings().get(0);
        assertThat(f.verdict()).as(f.summary()).isNotEqualTo(Verdict.LEAK);
    }

    @Property(tries = 100)
    void rawSeries_linearAboveNoise_leak(
            @ForAll @LongRange(min = 20, max = 500) long baseMb,
            @ForAll @LongRange(min = 0, max = 20) long noiseMb,
            @ForAll @DoubleRange(min = 2, max = 6) double growthOverNoise,
            @ForAll long seed) {
        double growth = Math.max(0.2 * baseMb * MB, growthOverNoise * noiseMb * MB);
        SyntheticSeries s = SyntheticSeries.sample(LiveSet.linear(baseMb * MB, growth / 600), 600, 5000,
                noiseMb * MB, -1, seed);
        Finding f = LeakAnalyzer.analyze("rss.csv", List.of(usage(s))).findings().get(0);
        assertThat(f.verdict()).as(f.summary()).isEqualTo(Verdict.LEAK);
    }

    static UsageSeries usage(SyntheticSeries s) {
        UsageSeries.Builder b = UsageSeries.builder("rss").limitBytes(s.limitBytes());
        long[] t = s.millis();
        long[] v = s.bytes();
        for (int i = 0; i < t.length; i++) {
            b.add(t[i], v[i], PointQuality.RAW);
        }
        return b.build();
    }
}

package io.leakhound.junit;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verdict, the message and the options on exactly known figures. */
class RetainedGrowthTest {

    @Test
    void isLeak_growthAboveToleranceInEveryRound_isALeak() {
        // 1,000 iterations × 256 B tolerated = 256,000 B per round; every round grew by more
        RetainedGrowth growth = new RetainedGrowth(1000, new long[] {10_000_000, 11_048_576, 12_097_152, 13_145_728}, 256_000);
        assertThat(growth.isLeak()).isTrue();
        assertThat(growth.perRound()).isEqualTo(1_048_576);
        assertThat(growth.perIteration()).isEqualTo(1_048);
        assertThat(growth.sentence()).isEqualTo("1,000 iterations retained 1 MB (1.02 KB each) in each of 3 rounds "
                + "(+1 MB, +1 MB, +1 MB after full GCs; tolerated: 250 KB per round)");
    }

    @Test
    void isLeak_oneRoundAtTheTolerance_isNoLeak() {
        RetainedGrowth growth = new RetainedGrowth(1000, new long[] {0, 1_000_000, 1_256_000, 2_256_000}, 256_000);
        assertThat(growth.isLeak()).isFalse();
    }

    @Test
    void grewOverall_stepInOneRound_isTrueThoughNoLeak() {
        // +2,000,000 in round 2 only: 2,000,000 > 3 rounds × 256,000, but not every round grew
        RetainedGrowth growth = new RetainedGrowth(1000, new long[] {0, 1_000, 2_001_000, 2_001_500}, 256_000);
        assertThat(growth.isLeak()).isFalse();
        assertThat(growth.grewOverall()).isTrue();
    }

    @Test
    void grewOverall_noise_isFalse() {
        assertThat(new RetainedGrowth(1000, new long[] {0, 64, 128, 192}, 256_000).grewOverall()).isFalse();
    }

    @Test
    void isLeak_shrinkingRound_isNoLeak() {
        assertThat(new RetainedGrowth(10, new long[] {5_000, 900_000, 800_000}, 0).isLeak()).isFalse();
    }

    @Test
    void batch_smallHeap_isOneRoundAndBigEnoughToStandOut() {
        // 1 MB target (the heap's 5 % is less): 1,049 iterations of 1,000 B, between 1,000 and 10,000
        assertThat(LeakExplanation.batch(1000, 1000, 10_000_000)).isEqualTo(1_049);
        assertThat(LeakExplanation.batch(1000, 100_000, 10_000_000)).isEqualTo(1000);
        assertThat(LeakExplanation.batch(1000, 1, 10_000_000)).isEqualTo(10_000);
    }

    @Test
    void readable_lambdaNames_loseTheirPerRunSuffix() {
        assertThat(LeakExplanation.readable("com.acme.Bus$$Lambda$460+0x00007fbfd0105be8 held by x"))
                .isEqualTo("com.acme.Bus$$Lambda held by x");
        assertThat(LeakExplanation.readable("com.acme.Bus$$Lambda/0x0000000800c0b000")).isEqualTo("com.acme.Bus$$Lambda");
        assertThat(LeakExplanation.readable("com.acme.Bus$Inner")).isEqualTo("com.acme.Bus$Inner");
    }

    @Test
    void leakCheck_withers_changeOneOptionEach() {
        LeakCheck check = LeakCheck.defaults().warmUp(5).iterations(50).rounds(4).tolerancePerIteration(64)
                .keepDumps(Path.of("dumps"));
        assertThat(check).isEqualTo(new LeakCheck(5, 50, 4, 64, true, true, Path.of("dumps"), LeakCheck.defaults().gcTimeout()));
        assertThat(check.toleranceBytesPerRound()).isEqualTo(3_200);
    }

    @Test
    void leakCheck_zeroIterations_isRejectedWithTheValue() {
        assertThatThrownBy(() -> LeakCheck.defaults().iterations(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("iterations must be at least 1, got 0");
    }

    @Test
    void added_sameCountWithMovedPaths_isNothing() {
        var before = List.of(new ClassLoaderCensus.Loader("A", "A defining x", List.of("local variable in thread main (A)")));
        var after = List.of(new ClassLoaderCensus.Loader("A", "A defining x and 3 more", List.of("static C.a")));
        assertThat(ClassLoaderCensus.added(before, after)).isEmpty();
    }

    @Test
    void added_oneMoreOfAClass_isTheOneOnANewPath() {
        var kept = new ClassLoaderCensus.Loader("U", "U defining p.Plugin", List.of("static Host.LOADERS", "java.lang.Object[0]"));
        var added = new ClassLoaderCensus.Loader("U", "U defining p.Plugin", List.of("static Host.LOADERS", "java.lang.Object[1]"));
        assertThat(ClassLoaderCensus.added(List.of(kept), List.of(kept, added))).containsExactly(added);
    }
}

package io.leakhound.heap;

import io.leakhound.heap.graph.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static io.leakhound.heap.HeapCorpusTest.corpus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Comparisons of the corpus's dump pairs against what Eclipse MAT's leak-by-comparison tests state for them
 * (MANIFEST, {@code _groundtruth_hprof.tsv}). Skipped when the corpus is absent.
 */
class HeapDiffCorpusTest {
    private static final String JDK11_BASELINE = "mat/java_pid1884.0001.hprof.gz";
    private static final String JDK11_CURRENT = "mat/openjdk_jdk11_04_x64.hprof.gz";

    @TempDir
    Path temp;

    private HeapDiff compare(String before, String after) throws IOException {
        return new HeapDiffer().compare(List.of(corpus(before), corpus(after)), temp, Progress.NONE);
    }

    @Test
    void jdk11Pair_smallAppToLargeApp_reportsGrowth() throws IOException {
        HeapDiff diff = compare(JDK11_BASELINE, JDK11_CURRENT);

        // MAT's comparison finds 9 problems; the current dump is a different, much bigger program
        assertThat(diff.suspects()).isNotEmpty();
        assertThat(diff.suspects()).allSatisfy(suspect -> {
            assertThat(suspect.growthBytes()).isPositive();
            assertThat(suspect.path()).isNotEmpty();
        });
    }

    @Test
    void jdk11Pair_reversed_noSuspect() throws IOException {
        // MAT: "reverse comparison (baseline = openjdk_jdk11_04, current = java_pid1884): no leak suspects"
        assertThat(compare(JDK11_CURRENT, JDK11_BASELINE).suspects()).isEmpty();
    }

    @Test
    void dumpComparedWithItself_noSuspect() throws IOException {
        // MAT: comparing sun_jdk6_18_x32 with itself gives no leak suspects
        HeapDiff diff = compare("mat/sun_jdk6_18_x32.hprof", "mat/sun_jdk6_18_x32.hprof");

        assertThat(diff.suspects()).isEmpty();
        assertThat(diff.classes()).isEmpty();
    }

    @Test
    void jdk6Pair_32To64Bit_growthComesWithALayoutWarning() throws IOException {
        HeapDiff diff = compare("mat/sun_jdk6_18_x32.hprof", "mat/sun_jdk6_18_x64.hprof");

        assertThat(diff.warnings()).anyMatch(warning -> warning.contains("different JVM layouts"));
        assertThat(diff.classes()).isNotEmpty();
    }
}

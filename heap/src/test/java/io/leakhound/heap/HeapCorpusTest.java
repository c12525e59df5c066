package io.leakhound.heap;

import io.leakhound.heap.graph.DominatorTree;
import io.leakhound.heap.graph.Progress;
import io.leakhound.heap.graph.RetainedSizes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real dumps of {@code ../shared/corpus/hprof} against the values their sources' own tests state
 * (the corpus MANIFEST and {@code _groundtruth_hprof.tsv}). Skipped when the corpus is absent.
 */
class HeapCorpusTest {
    private static final String DOMINATOR_TEST_DATA = "org.eclipse.mat.tests.CreateSampleDump$DominatorTestData$";

    @TempDir
    Path temp;

    static Path corpus(String relative) {
        String root = System.getProperty("leakhound.corpus", "../shared/corpus");
        Path file = Paths.get(root, "hprof", relative);
        Assumptions.assumeTrue(Files.exists(file), "corpus file " + file + " is absent");
        return file;
    }

    /**
     * MAT's DominatorTreeTest: the single R of DominatorTestData immediately dominates A,B,C,D,E,H,I,K;
     * C dominates F and G, D dominates L, G dominates J; R's retained set is 13 objects of 224 bytes on
     * the 32-bit JVM and 376 bytes on the 64-bit one (MAT's size model, which is leakhound's).
     */
    @ParameterizedTest
    @CsvSource({"mat/sun_jdk6_32bit.hprof, 224", "mat/sun_jdk5_64bit.hprof, 376"})
    void matDominatorTestData_matchesMatsDominatorTree(String dump, long retainedBytes) throws IOException {
        try (HeapIndex index = HeapIndex.open(corpus(dump), temp, Progress.NONE)) {
            DominatorTree tree = DominatorTree.compute(index.graph(), index.roots().inSearchOrder(index.arrays()), index.arrays());
            RetainedSizes retained = RetainedSizes.compute(tree, index.shallowSizes());
            int r = onlyInstanceOf(index, DOMINATOR_TEST_DATA + "R");

            assertThat(childNames(index, tree, r)).containsExactlyInAnyOrder("A", "B", "C", "D", "E", "H", "I", "K");
            assertThat(childNames(index, tree, onlyInstanceOf(index, DOMINATOR_TEST_DATA + "C"))).containsExactlyInAnyOrder("F", "G");
            assertThat(childNames(index, tree, onlyInstanceOf(index, DOMINATOR_TEST_DATA + "D"))).containsExactly("L");
            assertThat(childNames(index, tree, onlyInstanceOf(index, DOMINATOR_TEST_DATA + "G"))).containsExactly("J");
            assertThat(subtreeSize(tree, r)).isEqualTo(13);
            assertThat(retained.retained(r)).isEqualTo(retainedBytes);
        }
    }

    /**
     * MAT's TestInstanceSizes: for every class of the jmap histogram taken when the dump was written, the
     * size of one instance (jmap's bytes over its instances) equals leakhound's. jmap's JVM-internal
     * {@code <...Klass>} rows, arrays (whose sizes vary by length) and {@code java.lang.Class} (whose size
     * HotSpot 6 does not expose) are left out, as in MAT's test. The compressed-oops dump matches only if
     * leakhound detects compressed oops, which HPROF does not record.
     */
    @ParameterizedTest
    @CsvSource({
            "mat/sun_jdk5_13_x32.hprof, mat/_groundtruth/histogram_sun_jdk5_13_x32.txt, 1",
            "mat/sun_jdk6_18_x32.hprof, mat/_groundtruth/histogram_sun_jdk6_18_x32.txt, 0",
            "mat/sun_jdk6_18_x64.hprof, mat/_groundtruth/histogram_sun_jdk6_18_x64.txt, 0",
            "mat/sun_jdk6_30_x64_compressedOops.hprof, mat/_groundtruth/sun_jdk6_30_x64_compressedOops.notes.txt, 0",
            "mat/sun_jdk6_30_x64_nocompressedOops.hprof, mat/_groundtruth/sun_jdk6_30_x64_nocompressedOops.notes.txt, 0"})
    void jmapHistogram_instanceSizesMatch(String dump, String histogram, int expectedMismatches) throws IOException {
        HeapAnalysis analysis = new HeapAnalyzer(1, 0).analyze(corpus(dump), temp, Progress.NONE);
        Map<String, HeapAnalysis.ClassRow> ours = new HashMap<>();
        analysis.histogram().forEach(row -> ours.put(row.className(), row));
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (String line : Files.readAllLines(corpus(histogram))) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length < 3 || !columns[columns.length - 2].matches("\\d+")
                    || !columns[columns.length - 3].matches("\\d+")) {
                continue;
            }
            String jmapName = columns[columns.length - 1];
            long instances = Long.parseLong(columns[columns.length - 3]);
            long bytes = Long.parseLong(columns[columns.length - 2]);
            if (jmapName.startsWith("<") || jmapName.startsWith("[") || jmapName.equals("java.lang.Class") || instances == 0) {
                continue;
            }
            HeapAnalysis.ClassRow row = ours.get(jmapName);
            if (row == null || row.count() == 0) {
                continue; // a class of the JVM that had no instance when the dump was written
            }
            compared++;
            if (row.shallowBytes() / row.count() != bytes / instances) {
                mismatches.add(jmapName + ": jmap " + bytes / instances + " bytes, leakhound " + row.shallowBytes() / row.count());
            }
        }
        assertThat(compared).isGreaterThan(30);
        assertThat(mismatches).as("classes whose instance size differs from jmap").hasSizeLessThanOrEqualTo(expectedMismatches);
    }

    /**
     * Apache NetBeans' HeapTest on its heap_dump.bin (hprof-slurp's hprof-64.bin): 474 classes, 429 distinct
     * GC-root objects, 7788 instances (NetBeans counts objects other than class objects).
     */
    @Test
    void netBeansHeapDump_countsMatchNetBeans() throws IOException {
        HeapAnalysis analysis = new HeapAnalyzer(5, 0).analyze(corpus("hprof-slurp/hprof-64.bin"), temp, Progress.NONE);

        assertThat(analysis.classes()).isEqualTo(474);
        assertThat(analysis.gcRoots()).isEqualTo(429);
        assertThat(analysis.objects() - analysis.classes()).isEqualTo(7788);
    }

    /**
     * AOSP ahat's test dump (RI.hprof, written on HotSpot): {@code DumpedStuff} holds a weak, a soft and a
     * phantom reference. A referent is never retained by its reference object, and the soft referent, which
     * nothing else holds, is not strongly reachable at all.
     */
    @Test
    void ahatDump_referents_areNotRetainedByTheirReferences() throws IOException {
        try (HeapIndex index = HeapIndex.open(corpus("ahat/RI.hprof"), temp, Progress.NONE)) {
            DominatorTree tree = DominatorTree.compute(index.graph(), index.roots().inSearchOrder(index.arrays()), index.arrays());
            int stuff = onlyInstanceOf(index, "Main$DumpedStuff");
            java.util.Map<String, Boolean> referentReachable = new java.util.TreeMap<>();
            for (String field : List.of("aWeakReference", "aSoftReference", "aPhantomReference")) {
                int reference = index.nodeAt(referenceField(index, stuff, field));
                int referent = index.nodeAt(referenceField(index, reference, "referent"));
                assertThat(referent).as(field + "'s referent").isNotNegative();
                assertThat(tree.immediateDominator(referent)).as(field + "'s referent's dominator").isNotEqualTo(reference);
                referentReachable.put(field, tree.reachable(referent));
            }
            // the weak and phantom referents are also held strongly by other fields of DumpedStuff
            assertThat(referentReachable).containsEntry("aSoftReference", false);
        }
    }

    /** A dump cut short, as by a JVM killed while writing it: what is complete is analysed, and the cut is named. */
    @Test
    void truncatedDump_analysesWhatIsComplete_andWarns() throws IOException {
        byte[] whole = Files.readAllBytes(corpus("mat/sun_jdk6_30_x64_compressedOops.hprof"));
        Path cut = temp.resolve("cut.hprof");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length * 2 / 3));

        HeapAnalysis analysis = new HeapAnalyzer(5, 0).analyze(cut, temp, Progress.NONE);

        assertThat(analysis.objects()).isPositive().isLessThan(4351);
        assertThat(analysis.warnings()).anyMatch(warning -> warning.contains("truncated"));
    }

    private static long referenceField(HeapIndex index, int node, String field) throws IOException {
        io.leakhound.hprof.HeapDumpRecord.InstanceDump instance =
                (io.leakhound.hprof.HeapDumpRecord.InstanceDump) index.record(node);
        int identifierSize = index.header().identifierSize();
        for (HeapClass.Field candidate : index.classOf(node).fields()) {
            if (candidate.name().equals(field)) {
                return instance.identifierAt(candidate.fileOffset(), identifierSize);
            }
        }
        throw new AssertionError(index.classOf(node).name() + " has no field " + field);
    }

    private static int onlyInstanceOf(HeapIndex index, String className) {
        int found = -1;
        for (int node = 0; node < index.nodeCount(); node++) {
            if (index.classOf(node).name().equals(className)) {
                assertThat(found).as("a second instance of " + className).isEqualTo(-1);
                found = node;
            }
        }
        assertThat(found).as("an instance of " + className).isNotNegative();
        return found;
    }

    private static List<String> childNames(HeapIndex index, DominatorTree tree, int node) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < tree.childCount(node); i++) {
            String name = index.classOf(tree.child(node, i)).name();
            names.add(name.startsWith(DOMINATOR_TEST_DATA) ? name.substring(DOMINATOR_TEST_DATA.length()) : name);
        }
        return names;
    }

    private static int subtreeSize(DominatorTree tree, int node) {
        int size = 1;
        for (int i = 0; i < tree.childCount(node); i++) {
            size += subtreeSize(tree, tree.child(node, i));
        }
        return size;
    }
}

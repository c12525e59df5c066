package io.leakhound.heap;

import io.leakhound.heap.graph.DominatorTree;
import io.leakhound.heap.graph.Progress;
import io.leakhound.heap.graph.RetainedSizes;
import io.leakhound.heap.graph.ShortestPaths;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Analyses a heap dump: exact dominator tree from a virtual root above all GC roots, retained sizes,
 * the class histogram, the top of the dominator tree, shortest paths from GC roots and leak suspects.
 *
 * <p>Cost: two passes over the file to index it (see {@link HeapIndex}), then linear work on off-heap
 * arrays: about 40 more bytes per object in mapped temporary files. The Java heap holds only classes,
 * names and roots, so a dump many times larger than the heap can be analysed.
 */
public final class HeapAnalyzer {
    private final int top;
    private final int childrenShown;

    /**
     * @param top           how many top-level dominators the result lists (the histogram lists every class)
     * @param childrenShown how many dominated objects each listed dominator shows
     */
    public HeapAnalyzer(int top, int childrenShown) {
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1, was " + top);
        }
        this.top = top;
        this.childrenShown = Math.max(0, childrenShown);
    }

    /** Opens, indexes and analyses a dump, with temporary files in {@code temporaryDirectory}. */
    public HeapAnalysis analyze(Path dump, Path temporaryDirectory, Progress progress) throws IOException {
        try (HeapIndex index = HeapIndex.open(dump, temporaryDirectory, progress)) {
            return analyze(index, progress);
        }
    }

    public HeapAnalysis analyze(HeapIndex index, Progress progress) throws IOException {
        HeapStructure structure = HeapStructure.of(index, progress);
        DominatorTree tree = structure.tree();
        RetainedSizes retained = structure.retained();
        ShortestPaths paths = structure.paths();
        ReferenceNames names = structure.names();

        long reachableBytes = retained.totalReachable();
        long unreachableObjects = index.nodeCount() - (long) tree.reachableCount();
        long unreachableBytes = index.shallowBytes() - reachableBytes;
        progress.update("finding leak suspects", 0, 1);
        List<LeakSuspect> suspects = new LeakSuspects(structure).find();
        List<HeapAnalysis.ClassRow> histogram = histogram(index, tree, retained);
        List<HeapAnalysis.Dominator> dominators = new ArrayList<>();
        int shown = Math.min(top, tree.childCount(DominatorTree.VIRTUAL_ROOT));
        for (int i = 0; i < shown; i++) {
            int node = tree.child(DominatorTree.VIRTUAL_ROOT, i);
            dominators.add(dominator(index, tree, retained, node, names.describe(paths.pathFromRoot(node)), childrenShown));
        }
        return new HeapAnalysis(index.file().toString(), index.header().format(), index.header().identifierSize(),
                index.header().timestamp(), index.sizeModel().description(), index.nodeCount(), dumpedClasses(index),
                index.roots().count(), index.roots().countsByKind(), index.shallowBytes(), tree.reachableCount(),
                reachableBytes, unreachableObjects, unreachableBytes, histogram, dominators, suspects, index.warnings());
    }

    /** Classes the dump holds, without the ones leakhound adds for objects whose class it lacks. */
    private static int dumpedClasses(HeapIndex index) {
        return (int) index.classes().stream().filter(heapClass -> heapClass.address() != 0).count();
    }

    private HeapAnalysis.Dominator dominator(HeapIndex index, DominatorTree tree, RetainedSizes retained, int node,
                                             List<String> path, int children) {
        List<HeapAnalysis.Dominator> dominated = new ArrayList<>();
        int count = Math.min(children, tree.childCount(node));
        for (int i = 0; i < count; i++) {
            dominated.add(dominator(index, tree, retained, tree.child(node, i), List.of(), 0));
        }
        long total = retained.totalReachable();
        return new HeapAnalysis.Dominator(index.address(node), index.classOf(node).name(), index.shallowSize(node),
                retained.retained(node), total == 0 ? 0 : (double) retained.retained(node) / total, path, dominated);
    }

    /**
     * Count and shallow bytes per class over every object; retained bytes per class over reachable ones,
     * counting an object only when no object of the same class dominates it (MAT's definition: what the
     * class's instances retain together). One {@link DominatorTree#walk} with a per-class counter of the
     * instances on the current path.
     */
    private List<HeapAnalysis.ClassRow> histogram(HeapIndex index, DominatorTree tree, RetainedSizes retained) {
        int classCount = index.classes().size();
        long[] counts = new long[classCount];
        long[] shallow = new long[classCount];
        long[] retainedByClass = new long[classCount];
        for (int node = 0; node < index.nodeCount(); node++) {
            int classIndex = index.classIndexOf(node);
            counts[classIndex]++;
            shallow[classIndex] += index.shallowSize(node);
        }
        int[] onPath = new int[classCount];
        tree.walk(new DominatorTree.Visitor() {
            @Override
            public void enter(int node) {
                int classIndex = index.classIndexOf(node);
                if (onPath[classIndex]++ == 0) {
                    retainedByClass[classIndex] += retained.retained(node);
                }
            }

            @Override
            public void exit(int node) {
                onPath[index.classIndexOf(node)]--;
            }
        });
        List<HeapAnalysis.ClassRow> rows = new ArrayList<>();
        for (int c = 0; c < classCount; c++) {
            if (counts[c] > 0) {
                rows.add(new HeapAnalysis.ClassRow(index.classes().get(c).name(), counts[c], shallow[c], retainedByClass[c]));
            }
        }
        rows.sort(Comparator.comparingLong(HeapAnalysis.ClassRow::retainedBytes)
                .thenComparingLong(HeapAnalysis.ClassRow::shallowBytes).reversed()
                .thenComparing(HeapAnalysis.ClassRow::className));
        return rows;
    }
}

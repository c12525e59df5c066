package io.leakhound.heap;

import io.leakhound.heap.graph.DominatorTree;
import io.leakhound.heap.graph.IntArray;
import io.leakhound.heap.graph.Progress;
import io.leakhound.heap.graph.RetainedSizes;
import io.leakhound.heap.graph.ShortestPaths;

/**
 * What every analysis of an indexed dump starts from: the dominator tree from a virtual root above the GC
 * roots, retained sizes, the shortest path from a root to each object (from a durable root when one reaches
 * it) and the names of references. All of it lives in the index's off-heap arrays and is released with the
 * index.
 */
record HeapStructure(HeapIndex index, DominatorTree tree, RetainedSizes retained, ShortestPaths paths,
                     ReferenceNames names) {

    static HeapStructure of(HeapIndex index, Progress progress) {
        IntArray roots = index.roots().inSearchOrder(index.arrays());
        DominatorTree tree = DominatorTree.compute(index.graph(), roots, index.arrays(), progress);
        RetainedSizes retained = RetainedSizes.compute(tree, index.shallowSizes(), progress);
        // paths from static fields and threads rather than from the locals of whatever runs at dump time:
        // they name the holder to fix, and they stay the same from one dump to the next
        ShortestPaths paths = ShortestPaths.compute(index.graph(), roots, index.roots().durableCount(), index.arrays(),
                progress);
        return new HeapStructure(index, tree, retained, paths, new ReferenceNames(index));
    }
}

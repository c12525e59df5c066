package io.leakhound.heap.graph;

/**
 * Retained size of every node: its shallow size plus the shallow sizes of all the nodes it dominates, i.e.
 * the bytes that would be freed if nothing but the node's own references kept them. The virtual root
 * retains every reachable node ({@link #totalReachable()}); unreachable nodes retain 0 and count nowhere.
 *
 * <p>One pass up the dominator tree in reverse DFS preorder (a node's immediate dominator always has a
 * smaller number), into one off-heap long per reachable node: O(N), no Java heap per node. It then sorts
 * every children list of the {@link DominatorTree} by retained size, descending (ties by DFS order), so
 * {@code tree.child(node, 0)} is the biggest child: O(N log N), with 8 bytes per node of off-heap scratch
 * (the keys) plus 12 per child of the longest list.
 */
public final class RetainedSizes implements AutoCloseable {

    private final DominatorTree tree;
    /** Per preorder number (0 = virtual root): retained bytes. */
    private final LongArray retained;

    private RetainedSizes(DominatorTree tree, LongArray retained) {
        this.tree = tree;
        this.retained = retained;
    }

    /**
     * Computes retained sizes from the shallow size of each node ({@code shallowSizes.get(node)}, bytes, one
     * entry per node of the graph) and sorts the tree's children by them.
     *
     * @throws IllegalArgumentException if {@code shallowSizes} is shorter than the graph
     */
    public static RetainedSizes compute(DominatorTree tree, LongArray shallowSizes) {
        return compute(tree, shallowSizes, Progress.NONE);
    }

    /** As {@link #compute(DominatorTree, LongArray)}, reporting to {@code progress}. */
    public static RetainedSizes compute(DominatorTree tree, LongArray shallowSizes, Progress progress) {
        checkLength(tree, shallowSizes.size());
        int n = tree.internalCount();
        LongArray retained = tree.arrays().longs(n);
        for (int k = 1; k < n; k++) {
            retained.set(k, shallowSizes.get(tree.internalVertex(k)));
        }
        return sumUp(tree, retained, progress);
    }

    private static void checkLength(DominatorTree tree, long length) {
        if (length < tree.nodeCount()) {
            throw new IllegalArgumentException("shallow sizes for " + length + " nodes, graph has " + tree.nodeCount());
        }
    }

    private static RetainedSizes sumUp(DominatorTree tree, LongArray retained, Progress progress) {
        for (int k = tree.internalCount() - 1; k >= 1; k--) {
            Cancellation.poll(k, "retained sizes", tree.internalCount() - k, tree.internalCount(), progress);
            int d = tree.internalIdom(k);
            retained.set(d, retained.get(d) + retained.get(k));
        }
        sortChildren(tree.arrays(), tree.internalChildStart(), tree.internalChildren(), tree.internalCount(), retained, progress);
        return new RetainedSizes(tree, retained);
    }

    /** Bytes {@code node} retains; 0 if it is unreachable; {@link #totalReachable()} for the virtual root. */
    public long retained(int node) {
        if (node == DominatorTree.VIRTUAL_ROOT) {
            return retained.get(0);
        }
        int k = tree.internalPreorder(node);
        return k == 0 ? 0 : retained.get(k);
    }

    /** Bytes of all reachable nodes: what the virtual root retains. */
    public long totalReachable() {
        return retained.get(0);
    }

    /** The tree these sizes belong to (its children are sorted by retained size, descending). */
    public DominatorTree tree() {
        return tree;
    }

    @Override
    public void close() {
        retained.close();
    }

    /**
     * Sorts each children list by retained size. The keys are gathered once into an array parallel to the
     * children (one random read per node), so sorting itself only touches the list being sorted: insertion
     * sort for short lists, bottom-up merge sort (sequential, no recursion) through scratch arrays as long
     * as the longest list for the others, e.g. the virtual root's, which can hold millions.
     */
    private static void sortChildren(OffHeapArrays arrays, IntArray childStart, IntArray children, int n,
            LongArray retained, Progress progress) {
        long total = children.size();
        int longest = 0;
        for (int d = 0; d < n; d++) {
            longest = Math.max(longest, childStart.get(d + 1L) - childStart.get(d));
        }
        if (longest <= 1) {
            return;
        }
        try (LongArray keys = arrays.longs(total);
                LongArray scratchKeys = arrays.longs(longest > RUN ? longest : 0);
                IntArray scratchChildren = arrays.ints(longest > RUN ? longest : 0)) {
            for (long i = 0; i < total; i++) {
                Cancellation.poll(i, "retained sizes: sorting children", 0, n, progress);
                keys.set(i, retained.get(children.get(i)));
            }
            for (int d = 0; d < n; d++) {
                Cancellation.poll(d, "retained sizes: sorting children", d, n, progress);
                int from = childStart.get(d);
                int to = childStart.get(d + 1L);
                if (to - from > 1) {
                    sort(keys, children, from, to, scratchKeys, scratchChildren);
                }
            }
        }
    }

    /** Runs of this many are insertion-sorted before merging. */
    private static final int RUN = 32;

    /** Whether (key a, child ca) goes before (key b, child cb): larger retained first, then DFS order. */
    private static boolean before(long a, int ca, long b, int cb) {
        return a > b || (a == b && ca < cb);
    }

    private static void sort(LongArray keys, IntArray children, int from, int to, LongArray scratchKeys,
            IntArray scratchChildren) {
        for (int run = from; run < to; run += RUN) {
            insertionSort(keys, children, run, Math.min(to, run + RUN));
        }
        int length = to - from;
        if (length <= RUN) {
            return;
        }
        // merge runs of doubling width, back and forth between the list (at from) and the scratch (at 0)
        LongArray srcKeys = keys;
        IntArray srcChildren = children;
        int srcBase = from;
        LongArray dstKeys = scratchKeys;
        IntArray dstChildren = scratchChildren;
        int dstBase = 0;
        for (int width = RUN; width < length; width *= 2) {
            for (int lo = 0; lo < length; lo += 2 * width) {
                int mid = Math.min(length, lo + width);
                int hi = Math.min(length, lo + 2 * width);
                int i = lo;
                int j = mid;
                for (int out = lo; out < hi; out++) {
                    boolean takeLeft;
                    if (i >= mid) {
                        takeLeft = false;
                    } else if (j >= hi) {
                        takeLeft = true;
                    } else {
                        takeLeft = !before(srcKeys.get(srcBase + (long) j), srcChildren.get(srcBase + (long) j),
                                srcKeys.get(srcBase + (long) i), srcChildren.get(srcBase + (long) i));
                    }
                    int at = takeLeft ? i++ : j++;
                    dstKeys.set(dstBase + (long) out, srcKeys.get(srcBase + (long) at));
                    dstChildren.set(dstBase + (long) out, srcChildren.get(srcBase + (long) at));
                }
            }
            LongArray swapKeys = srcKeys;
            srcKeys = dstKeys;
            dstKeys = swapKeys;
            IntArray swapChildren = srcChildren;
            srcChildren = dstChildren;
            dstChildren = swapChildren;
            int swapBase = srcBase;
            srcBase = dstBase;
            dstBase = swapBase;
        }
        if (srcKeys != keys) {
            for (int i = 0; i < length; i++) {
                keys.set(from + (long) i, srcKeys.get(i));
                children.set(from + (long) i, srcChildren.get(i));
            }
        }
    }

    private static void insertionSort(LongArray keys, IntArray children, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            long key = keys.get(i);
            int child = children.get(i);
            int j = i - 1;
            while (j >= from && before(key, child, keys.get(j), children.get(j))) {
                keys.set(j + 1L, keys.get(j));
                children.set(j + 1L, children.get(j));
                j--;
            }
            keys.set(j + 1L, key);
            children.set(j + 1L, child);
        }
    }
}

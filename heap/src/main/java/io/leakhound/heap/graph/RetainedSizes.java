package io.leakhound.heap.graph;

/**
 * Retained size of every node: its shallow size plus the shallow sizes of all the nodes it dominates, i.e.
 * the bytes that would be freed if nothing but the node's own references kept them. The virtual root
 * retains every reachable node ({@link #totalReachable()}); unreachable nodes retain 0 and count nowhere.
 *
 * <p>One pass up the dominator tree in reverse DFS preorder (a node's immediate dominator always has a
 * smaller number), into one off-heap long per reachable node: O(N), no Java heap per node. It then sorts
 * every children list of the {@link DominatorTree} by retained size, descending (ties by DFS order), so
 * {@code tree.child(node, 0)} is the biggest child: O(N log N) in place, heapsort, no extra memory.
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
        checkLength(tree, shallowSizes.size());
        int n = tree.internalCount();
        LongArray retained = tree.arrays().longs(n);
        for (int k = 1; k < n; k++) {
            retained.set(k, shallowSizes.get(tree.internalVertex(k)));
        }
        return sumUp(tree, retained);
    }

    /** As {@link #compute(DominatorTree, LongArray)}, with shallow sizes stored as ints. */
    public static RetainedSizes compute(DominatorTree tree, IntArray shallowSizes) {
        checkLength(tree, shallowSizes.size());
        int n = tree.internalCount();
        LongArray retained = tree.arrays().longs(n);
        for (int k = 1; k < n; k++) {
            retained.set(k, shallowSizes.get(tree.internalVertex(k)));
        }
        return sumUp(tree, retained);
    }

    private static void checkLength(DominatorTree tree, long length) {
        if (length < tree.nodeCount()) {
            throw new IllegalArgumentException("shallow sizes for " + length + " nodes, graph has " + tree.nodeCount());
        }
    }

    private static RetainedSizes sumUp(DominatorTree tree, LongArray retained) {
        for (int k = tree.internalCount() - 1; k >= 1; k--) {
            Cancellation.poll(k, "retained sizes");
            int d = tree.internalIdom(k);
            retained.set(d, retained.get(d) + retained.get(k));
        }
        sortChildren(tree.internalChildStart(), tree.internalChildren(), tree.internalCount(), retained);
        return new RetainedSizes(tree, retained);
    }

    /** Bytes {@code node} retains; 0 if it is unreachable. */
    public long retained(int node) {
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

    private static void sortChildren(IntArray childStart, IntArray children, int n, LongArray retained) {
        for (int d = 0; d < n; d++) {
            Cancellation.poll(d, "retained sizes");
            int from = childStart.get(d);
            int to = childStart.get(d + 1L);
            if (to - from > 1) {
                heapSort(children, from, to, retained);
            }
        }
    }

    /** True when child a must come after child b: smaller retained size, or equal and later in DFS order. */
    private static boolean after(int a, int b, LongArray retained) {
        long ra = retained.get(a);
        long rb = retained.get(b);
        return ra < rb || (ra == rb && a > b);
    }

    /**
     * Sorts {@code a[from, to)} so that no element is {@link #after} its successor. Heapsort: in place, no
     * recursion, O(k log k) even for the virtual root's millions of children.
     */
    private static void heapSort(IntArray a, int from, int to, LongArray retained) {
        int size = to - from;
        if (size <= 16) {
            for (int i = from + 1; i < to; i++) {
                int x = a.get(i);
                int j = i - 1;
                while (j >= from && after(a.get(j), x, retained)) {
                    a.set(j + 1L, a.get(j));
                    j--;
                }
                a.set(j + 1L, x);
            }
            return;
        }
        // a max-heap under "after": the root is the element that belongs last
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(a, from, i, size, retained);
        }
        for (int end = size - 1; end > 0; end--) {
            int top = a.get(from);
            a.set(from, a.get((long) from + end));
            a.set((long) from + end, top);
            siftDown(a, from, 0, end, retained);
        }
    }

    private static void siftDown(IntArray a, int base, int i, int size, LongArray retained) {
        int x = a.get((long) base + i);
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            int c = a.get((long) base + child);
            if (child + 1 < size) {
                int right = a.get((long) base + child + 1);
                if (after(right, c, retained)) {
                    child++;
                    c = right;
                }
            }
            if (!after(c, x, retained)) {
                break;
            }
            a.set((long) base + i, c);
            i = child;
        }
        a.set((long) base + i, x);
    }
}

package io.leakhound.heap.graph;

/**
 * The exact dominator tree of a {@link CsrGraph} seen from a virtual root whose successors are the given
 * roots: node {@code d} dominates {@code n} when every path from the virtual root to {@code n} passes
 * through {@code d}. In a heap graph, the objects a node dominates are the ones that would become garbage
 * with it, which is what retained sizes are made of.
 *
 * <p>Algorithm: Semi-NCA (Georgiadis and Tarjan's simplification of Lengauer–Tarjan): a depth-first search
 * numbers the reachable nodes in preorder, semidominators are computed in reverse preorder with the path
 * compression of Lengauer–Tarjan's simple version, and each immediate dominator is the nearest common
 * ancestor of the DFS parent and the semidominator. O(E log N) worst case, near-linear on heap graphs.
 * Everything is iterative (an explicit stack, the DFS path kept in the parent array), so a million-long
 * chain costs no Java stack.
 *
 * <p>Cost: all state lives in {@link OffHeapArrays}, never one object per node. During {@link #compute} it
 * holds about 33 bytes per reachable node plus 4 per edge (the predecessor lists); afterwards the tree keeps
 * 4 bytes per node plus 12 per reachable node (preorder, node at preorder, idom, children). Java heap use is
 * constant. Read-only after {@link #compute} apart from the order of children, which
 * {@link RetainedSizes#compute} sorts by retained size; safe for concurrent readers after that.
 *
 * <p>Cancellable: an interrupted thread stops the computation with a
 * {@link java.util.concurrent.CancellationException}.
 */
public final class DominatorTree implements AutoCloseable {

    /** What {@link #immediateDominator} returns for a node dominated only by the virtual root. */
    public static final int VIRTUAL_ROOT = -1;
    /** What {@link #immediateDominator} returns for a node no root reaches. */
    public static final int UNREACHABLE = -2;

    private final OffHeapArrays arrays;
    private final int nodeCount;
    /** Per node: its DFS preorder number, 1..n-1; 0 for unreachable (0 is the virtual root's number). */
    private final IntArray preorder;
    /** Per preorder number: the node (the virtual root's entry is -1). */
    private final IntArray vertex;
    /** Per preorder number: the preorder number of the immediate dominator. */
    private final IntArray idom;
    /** Per preorder number d: children of d are children[childStart[d] .. childStart[d+1]) (preorder numbers). */
    private final IntArray childStart;
    private final IntArray children;
    private final int n;

    private DominatorTree(OffHeapArrays arrays, int nodeCount, IntArray preorder, IntArray vertex, IntArray idom,
            IntArray childStart, IntArray children, int n) {
        this.arrays = arrays;
        this.nodeCount = nodeCount;
        this.preorder = preorder;
        this.vertex = vertex;
        this.idom = idom;
        this.childStart = childStart;
        this.children = children;
        this.n = n;
    }

    /**
     * Computes the dominator tree of {@code graph} from a virtual root above {@code roots} (node ids, in any
     * order; duplicates allowed). Scratch arrays are taken from {@code arrays} and released before returning.
     *
     * @throws IllegalArgumentException if a root is not a node of the graph
     */
    public static DominatorTree compute(CsrGraph graph, IntArray roots, OffHeapArrays arrays) {
        int nodeCount = graph.nodeCount();
        long rootCount = roots.size();
        for (long r = 0; r < rootCount; r++) {
            int root = roots.get(r);
            if (root < 0 || root >= nodeCount) {
                throw new IllegalArgumentException("root " + r + " is node " + root + ", not in 0.." + (nodeCount - 1));
            }
        }
        IntArray preorder = arrays.ints(nodeCount);
        IntArray vertex = arrays.ints(nodeCount + 1L);
        // parent doubles as Lengauer–Tarjan's ancestor array (path compression rewrites it); idom keeps the parents
        IntArray ancestor = arrays.ints(nodeCount + 1L);
        int n = depthFirstSearch(graph, roots, preorder, vertex, ancestor, arrays);

        IntArray idom = arrays.ints(n);
        for (int k = 0; k < n; k++) {
            idom.set(k, ancestor.get(k));
        }
        try (LongArray predStart = arrays.longs(n + 1L);
                IntArray preds = predecessors(graph, roots, preorder, vertex, n, predStart, arrays);
                IntArray semi = arrays.ints(n);
                IntArray label = arrays.ints(n);
                IntArray stack = arrays.ints(n)) {
            semidominators(n, predStart, preds, ancestor, semi, label, stack);
            ancestor.close();
            // Semi-NCA: idom(w) is the nearest common ancestor of parent(w) and semi(w) in the dominator tree
            // built so far; walking up from parent(w) while above semi(w) finds it, since all idoms of earlier
            // preorder numbers are final
            for (int w = 1; w < n; w++) {
                Cancellation.poll(w, "dominator tree");
                int s = semi.get(w);
                int d = idom.get(w);
                while (d > s) {
                    d = idom.get(d);
                }
                idom.set(w, d);
            }
            IntArray childStart = arrays.ints(n + 1L);
            IntArray children = arrays.ints(Math.max(0, n - 1));
            childLists(n, idom, childStart, children, semi);
            return new DominatorTree(arrays, nodeCount, preorder, vertex, idom, childStart, children, n);
        }
    }

    /**
     * Iterative DFS from the virtual root (preorder 0) whose successors are the roots in order. The path from
     * the virtual root to the current node is the chain of parents, so no stack beyond the parent array and
     * one edge cursor per visited node is needed. Returns n, the virtual root plus the reachable nodes.
     */
    private static int depthFirstSearch(CsrGraph graph, IntArray roots, IntArray preorder, IntArray vertex,
            IntArray parent, OffHeapArrays arrays) {
        long rootCount = roots.size();
        try (LongArray cursor = arrays.longs(graph.nodeCount() + 1L)) {
            vertex.set(0, -1);
            int n = 1;
            int current = 0;
            long steps = 0;
            while (true) {
                Cancellation.poll(++steps, "dominator tree");
                int next = -1;
                long c = cursor.get(current);
                if (current == 0) {
                    while (c < rootCount && next < 0) {
                        int root = roots.get(c++);
                        if (preorder.get(root) == 0) {
                            next = root;
                        }
                    }
                } else {
                    long end = graph.endEdge(vertex.get(current));
                    while (c < end && next < 0) {
                        int target = graph.target(c++);
                        if (preorder.get(target) == 0) {
                            next = target;
                        }
                    }
                }
                cursor.set(current, c);
                if (next >= 0) {
                    int k = n++;
                    preorder.set(next, k);
                    vertex.set(k, next);
                    parent.set(k, current);
                    cursor.set(k, graph.firstEdge(next));
                    current = k;
                } else if (current == 0) {
                    return n;
                } else {
                    current = parent.get(current);
                }
            }
        }
    }

    /**
     * Predecessor lists in preorder numbers, CSR style: for each reachable w, the reachable nodes with an edge
     * to w, and 0 (the virtual root) for every time w is listed as a root.
     */
    private static IntArray predecessors(CsrGraph graph, IntArray roots, IntArray preorder, IntArray vertex, int n,
            LongArray predStart, OffHeapArrays arrays) {
        // pass 1: count into predStart[w + 1]
        for (long r = 0; r < roots.size(); r++) {
            increment(predStart, preorder.get(roots.get(r)) + 1L);
        }
        for (int k = 1; k < n; k++) {
            Cancellation.poll(k, "dominator tree");
            int v = vertex.get(k);
            for (long e = graph.firstEdge(v), end = graph.endEdge(v); e < end; e++) {
                increment(predStart, preorder.get(graph.target(e)) + 1L);
            }
        }
        for (int w = 1; w <= n; w++) {
            predStart.set(w, predStart.get(w) + predStart.get(w - 1));
        }
        // pass 2: fill, using predStart[w] as the fill position of w and shifting it back afterwards
        IntArray preds = arrays.ints(predStart.get(n));
        for (long r = 0; r < roots.size(); r++) {
            int w = preorder.get(roots.get(r));
            long at = predStart.get(w);
            preds.set(at, 0);
            predStart.set(w, at + 1);
        }
        for (int k = 1; k < n; k++) {
            Cancellation.poll(k, "dominator tree");
            int v = vertex.get(k);
            for (long e = graph.firstEdge(v), end = graph.endEdge(v); e < end; e++) {
                int w = preorder.get(graph.target(e));
                long at = predStart.get(w);
                preds.set(at, k);
                predStart.set(w, at + 1);
            }
        }
        // predStart[w] now holds the end of w's list, i.e. the start of w + 1's
        for (int w = n; w > 0; w--) {
            predStart.set(w, predStart.get(w - 1));
        }
        predStart.set(0, 0);
        return preds;
    }

    private static void increment(LongArray counts, long i) {
        counts.set(i, counts.get(i) + 1);
    }

    /**
     * Semidominators in reverse preorder (Lengauer–Tarjan, simple linking). A node is linked into the forest
     * when it has been processed, i.e. exactly the nodes numbered above the current w; that test replaces a
     * sentinel, and {@code ancestor} starts out as the DFS parents. Path compression is iterative, through
     * {@code stack}.
     */
    private static void semidominators(int n, LongArray predStart, IntArray preds, IntArray ancestor, IntArray semi,
            IntArray label, IntArray stack) {
        for (int w = n - 1; w >= 1; w--) {
            Cancellation.poll(w, "dominator tree");
            label.set(w, w);
            int s = w;
            for (long p = predStart.get(w), end = predStart.get(w + 1L); p < end; p++) {
                int v = preds.get(p);
                int candidate;
                if (v <= w) {
                    // not linked yet: eval(v) = v, whose semidominator is still itself
                    candidate = v;
                } else {
                    candidate = semi.get(eval(v, w, ancestor, semi, label, stack));
                }
                if (candidate < s) {
                    s = candidate;
                }
            }
            semi.set(w, s);
        }
    }

    /** The node of least semidominator on the forest path from linked node v up to (not including) its root. */
    private static int eval(int v, int w, IntArray ancestor, IntArray semi, IntArray label, IntArray stack) {
        if (ancestor.get(v) <= w) {
            return label.get(v);
        }
        int sp = 0;
        int x = v;
        while (ancestor.get(x) > w) {
            stack.set(sp++, x);
            x = ancestor.get(x);
        }
        // x's ancestor is a forest root: x needs no compression; unwind, each node taking its ancestor's label
        while (sp > 0) {
            int y = stack.get(--sp);
            int a = ancestor.get(y);
            int labelA = label.get(a);
            if (semi.get(labelA) < semi.get(label.get(y))) {
                label.set(y, labelA);
            }
            ancestor.set(y, ancestor.get(a));
        }
        return label.get(v);
    }

    /** Children lists of the dominator tree in preorder numbers, ascending; {@code position} is scratch. */
    private static void childLists(int n, IntArray idom, IntArray childStart, IntArray children, IntArray position) {
        for (int w = 1; w < n; w++) {
            int d = idom.get(w) + 1;
            childStart.set(d, childStart.get(d) + 1);
        }
        for (int d = 1; d <= n; d++) {
            childStart.set(d, childStart.get(d) + childStart.get(d - 1));
        }
        for (int d = 0; d < n; d++) {
            position.set(d, childStart.get(d));
        }
        for (int w = 1; w < n; w++) {
            int d = idom.get(w);
            int at = position.get(d);
            children.set(at, w);
            position.set(d, at + 1);
        }
    }

    /** Number of nodes of the graph, reachable or not. */
    public int nodeCount() {
        return nodeCount;
    }

    /**
     * The immediate dominator of {@code node}; {@link #VIRTUAL_ROOT} if only the virtual root dominates it
     * (a root, or a node reachable from several roots along disjoint paths); {@link #UNREACHABLE} if no root
     * reaches it.
     */
    public int immediateDominator(int node) {
        int k = preorder.get(node);
        if (k == 0) {
            return UNREACHABLE;
        }
        int d = idom.get(k);
        return d == 0 ? VIRTUAL_ROOT : vertex.get(d);
    }

    public boolean reachable(int node) {
        return preorder.get(node) != 0;
    }

    /** Number of nodes reachable from the roots (the virtual root not counted). */
    public int reachableCount() {
        return n - 1;
    }

    /**
     * Whether {@code dominator} dominates {@code node} (every node dominates itself; {@link #VIRTUAL_ROOT}
     * dominates every reachable node). Walks up from {@code node}: O(depth in the dominator tree).
     */
    public boolean dominates(int dominator, int node) {
        int k = preorder.get(node);
        if (k == 0) {
            return false;
        }
        if (dominator == VIRTUAL_ROOT) {
            return true;
        }
        int target = preorder.get(dominator);
        if (target == 0) {
            return false;
        }
        // a dominator precedes what it dominates in DFS preorder, and idoms strictly decrease going up
        while (k > target) {
            k = idom.get(k);
        }
        return k == target;
    }

    /** Number of children of {@code node} in the dominator tree; {@code node} may be {@link #VIRTUAL_ROOT}. */
    public int childCount(int node) {
        int d = internal(node);
        return d < 0 ? 0 : childStart.get(d + 1L) - childStart.get(d);
    }

    /**
     * Child {@code i} ({@code 0 <= i < childCount(node)}) of {@code node} in the dominator tree;
     * {@code node} may be {@link #VIRTUAL_ROOT}. In DFS order, or by retained size descending once
     * {@link RetainedSizes#compute} has run on this tree.
     */
    public int child(int node, int i) {
        int d = internal(node);
        int count = d < 0 ? 0 : childStart.get(d + 1L) - childStart.get(d);
        java.util.Objects.checkIndex(i, count);
        return vertex.get(children.get((long) childStart.get(d) + i));
    }

    /**
     * The reachable nodes in an order where every node comes after its immediate dominator (DFS preorder):
     * {@code 0 <= position < reachableCount()}. Iterating it backwards visits children before dominators,
     * for sums up the tree.
     */
    public int nodeAt(int position) {
        java.util.Objects.checkIndex(position, n - 1);
        return vertex.get(position + 1L);
    }

    /** Position of {@code node} in {@link #nodeAt}'s order, or -1 if unreachable. */
    public int positionOf(int node) {
        return preorder.get(node) - 1;
    }

    /** Releases the tree's off-heap arrays now rather than when its {@link OffHeapArrays} closes. */
    @Override
    public void close() {
        preorder.close();
        vertex.close();
        idom.close();
        childStart.close();
        children.close();
    }

    // --- for RetainedSizes: the tree in preorder numbers (0 = virtual root) ---

    OffHeapArrays arrays() {
        return arrays;
    }

    /** The virtual root plus the reachable nodes. */
    int internalCount() {
        return n;
    }

    int internalIdom(int k) {
        return idom.get(k);
    }

    int internalVertex(int k) {
        return vertex.get(k);
    }

    int internalPreorder(int node) {
        return preorder.get(node);
    }

    IntArray internalChildStart() {
        return childStart;
    }

    IntArray internalChildren() {
        return children;
    }

    /** Preorder number of {@code node}, 0 for the virtual root, -1 if unreachable. */
    private int internal(int node) {
        if (node == VIRTUAL_ROOT) {
            return 0;
        }
        int k = preorder.get(node);
        return k == 0 ? -1 : k;
    }
}

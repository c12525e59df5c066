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
 * holds about 32 bytes per node plus 4 per edge (the predecessor lists) and 24 per level of DFS depth;
 * afterwards the tree keeps
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
        IntArray vertex = arrays.ints(nodeCount + 1L);
        // per preorder number, the four words Semi-NCA works on side by side, so that the random accesses of
        // path compression find them in one cache line: the DFS parent, rewritten into the forest ancestor;
        // the label; the semidominator; the parent again, refined into the immediate dominator
        IntArray info = arrays.ints(4L * (nodeCount + 1L));
        // per node: during the DFS, preorder number << 32 | in-degree, one word so that the search's one random
        // access per edge also counts the edge; afterwards, where the node's predecessor list starts
        LongArray predStart = arrays.longs(nodeCount + 1L);
        try (info; predStart) {
            int n = depthFirstSearch(graph, roots, predStart, vertex, info, arrays);
            IntArray preorder = arrays.ints(nodeCount);
            long start = 0;
            for (int v = 0; v < nodeCount; v++) {
                long word = predStart.get(v);
                preorder.set(v, (int) (word >>> 32));
                predStart.set(v, start);
                start += word & 0xFFFF_FFFFL;
            }
            predStart.set(nodeCount, start);
            try (IntArray preds = predecessors(graph, roots, preorder, predStart, arrays);
                    IntArray stack = arrays.ints(n)) {
                semidominators(n, vertex, predStart, preds, info, stack);
            }
            // Semi-NCA: idom(w) is the nearest common ancestor of parent(w) and semi(w) in the dominator tree
            // built so far; walking up from parent(w) while above semi(w) finds it, since the idoms of all
            // smaller preorder numbers are final
            IntArray idom = arrays.ints(n);
            for (int w = 1; w < n; w++) {
                Cancellation.poll(w, "dominator tree");
                int s = info.get(4L * w + SEMI);
                int d = info.get(4L * w + IDOM);
                while (d > s) {
                    d = info.get(4L * d + IDOM);
                }
                info.set(4L * w + IDOM, d);
                idom.set(w, d);
            }
            IntArray childStart = arrays.ints(n + 1L);
            IntArray children = arrays.ints(Math.max(0, n - 1));
            childLists(n, idom, childStart, children, info);
            return new DominatorTree(arrays, nodeCount, preorder, vertex, idom, childStart, children, n);
        }
    }

    private static final int ANCESTOR = 0;
    private static final int LABEL = 1;
    private static final int SEMI = 2;
    private static final int IDOM = 3;

    /**
     * Iterative DFS from the virtual root (preorder 0) whose successors are the roots in order. Every edge
     * out of a reachable node, and every root entry, is scanned exactly once: that is when the low half of
     * its target's word counts it (an in-degree never reaches 2^32: it is bounded by the edges of one dump).
     * The stack holds (edge cursor, edge end, preorder number) per level, touched only as deep as the search
     * goes. Returns n, the virtual root plus the reachable nodes.
     */
    private static int depthFirstSearch(CsrGraph graph, IntArray roots, LongArray words, IntArray vertex,
            IntArray info, OffHeapArrays arrays) {
        try (LongArray stack = arrays.longs(3L * (graph.nodeCount() + 1L))) {
            vertex.set(0, -1);
            int n = 1;
            int current = 0;
            long cursor = 0;
            long end = roots.size();
            long depth = 0;
            long steps = 0;
            while (true) {
                Cancellation.poll(++steps, "dominator tree");
                int next = -1;
                long nextWord = 0;
                while (cursor < end) {
                    int target = current == 0 ? roots.get(cursor++) : graph.target(cursor++);
                    long word = words.get(target) + 1;
                    words.set(target, word);
                    if (word >>> 32 == 0) {
                        next = target;
                        nextWord = word;
                        break;
                    }
                }
                if (next >= 0) {
                    int k = n++;
                    words.set(next, nextWord | (long) k << 32);
                    vertex.set(k, next);
                    info.set(4L * k + ANCESTOR, current);
                    info.set(4L * k + IDOM, current);
                    long frame = 3 * depth++;
                    stack.set(frame, cursor);
                    stack.set(frame + 1, end);
                    stack.set(frame + 2, current);
                    current = k;
                    cursor = graph.firstEdge(next);
                    end = graph.endEdge(next);
                } else if (depth == 0) {
                    return n;
                } else {
                    long frame = 3 * --depth;
                    cursor = stack.get(frame);
                    end = stack.get(frame + 1);
                    current = (int) stack.get(frame + 2);
                }
            }
        }
    }

    /**
     * Predecessor lists, CSR style and indexed by node id (the graph's own order, so the pass reads the edges
     * sequentially and mostly writes near where it reads): for each reachable node, the preorder numbers of
     * the reachable nodes with an edge to it, and 0 (the virtual root) for each time it is listed as a root.
     * Edges from unreachable nodes are left out. {@code predStart} comes in holding the list starts.
     */
    private static IntArray predecessors(CsrGraph graph, IntArray roots, IntArray preorder, LongArray predStart,
            OffHeapArrays arrays) {
        int nodeCount = graph.nodeCount();
        // fill, using predStart[t] as the fill position of t and shifting it back afterwards; roots first, so
        // the virtual root heads their lists
        IntArray preds = arrays.ints(predStart.get(nodeCount));
        for (long r = 0; r < roots.size(); r++) {
            int t = roots.get(r);
            long at = predStart.get(t);
            preds.set(at, 0);
            predStart.set(t, at + 1);
        }
        for (int v = 0; v < nodeCount; v++) {
            Cancellation.poll(v, "dominator tree");
            int k = preorder.get(v);
            if (k != 0) {
                for (long e = graph.firstEdge(v), end = graph.endEdge(v); e < end; e++) {
                    int t = graph.target(e);
                    long at = predStart.get(t);
                    preds.set(at, k);
                    predStart.set(t, at + 1);
                }
            }
        }
        // predStart[t] now holds the end of t's list, i.e. the start of t + 1's
        for (int t = nodeCount; t > 0; t--) {
            predStart.set(t, predStart.get(t - 1));
        }
        predStart.set(0, 0);
        return preds;
    }

    /**
     * Semidominators in reverse preorder (Lengauer–Tarjan, simple linking). A node is linked into the forest
     * when it has been processed, i.e. exactly the nodes numbered above the current w; that test replaces a
     * sentinel, and the ancestor words start out as the DFS parents. Path compression is iterative, through
     * {@code stack}.
     */
    private static void semidominators(int n, IntArray vertex, LongArray predStart, IntArray preds, IntArray info,
            IntArray stack) {
        for (int w = n - 1; w >= 1; w--) {
            Cancellation.poll(w, "dominator tree");
            info.set(4L * w + LABEL, w);
            int s = w;
            int node = vertex.get(w);
            for (long p = predStart.get(node), end = predStart.get(node + 1L); p < end; p++) {
                int v = preds.get(p);
                int candidate;
                if (v <= w) {
                    // not linked yet: eval(v) = v, whose semidominator is still itself
                    candidate = v;
                } else {
                    candidate = info.get(4L * eval(v, w, info, stack) + SEMI);
                }
                if (candidate < s) {
                    s = candidate;
                    if (s == 0) {
                        // nothing is below the virtual root. Roots list it first, and class objects (roots, and
                        // targets of an edge from every instance) are the heap's biggest hubs: this skips their
                        // millions of evals
                        break;
                    }
                }
            }
            info.set(4L * w + SEMI, s);
        }
    }

    /** The node of least semidominator on the forest path from linked node v up to (not including) its root. */
    private static int eval(int v, int w, IntArray info, IntArray stack) {
        if (info.get(4L * v + ANCESTOR) <= w) {
            return info.get(4L * v + LABEL);
        }
        int sp = 0;
        int x = v;
        int a;
        while ((a = info.get(4L * x + ANCESTOR)) > w) {
            stack.set(sp++, x);
            x = a;
        }
        // x's ancestor is a forest root: x needs no compression; unwind, each node taking its ancestor's label
        while (sp > 0) {
            int y = stack.get(--sp);
            long yBase = 4L * y;
            long aBase = 4L * info.get(yBase + ANCESTOR);
            int labelA = info.get(aBase + LABEL);
            if (info.get(4L * labelA + SEMI) < info.get(4L * info.get(yBase + LABEL) + SEMI)) {
                info.set(yBase + LABEL, labelA);
            }
            info.set(yBase + ANCESTOR, info.get(aBase + ANCESTOR));
        }
        return info.get(4L * v + LABEL);
    }

    /** Children lists of the dominator tree in preorder numbers, ascending; {@code position} is scratch. */
    private static void childLists(int n, IntArray idom, IntArray childStart, IntArray children, IntArray scratch) {
        for (int w = 1; w < n; w++) {
            int d = idom.get(w) + 1;
            childStart.set(d, childStart.get(d) + 1);
        }
        for (int d = 1; d <= n; d++) {
            childStart.set(d, childStart.get(d) + childStart.get(d - 1));
        }
        // the fill position of d goes to scratch[4d], a word the semidominator phase no longer needs
        for (int d = 0; d < n; d++) {
            scratch.set(4L * d, childStart.get(d));
        }
        for (int w = 1; w < n; w++) {
            long slot = 4L * idom.get(w);
            int at = scratch.get(slot);
            children.set(at, w);
            scratch.set(slot, at + 1);
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

    /** Receives the dominator tree node by node from {@link #walk}. */
    public interface Visitor {
        /** {@code node} is entered: its dominators have been entered and not yet exited. */
        void enter(int node);

        /** Everything {@code node} dominates has been visited. */
        void exit(int node);
    }

    /**
     * Walks the dominator tree depth-first (the virtual root itself not reported), children in their stored
     * order, so that a node is entered after its immediate dominator and exited before it: what a sum over
     * "the objects of a class not dominated by another of that class" needs. Iterative; a stack of two ints
     * per level comes from the tree's {@link OffHeapArrays} and is released on return.
     */
    public void walk(Visitor visitor) {
        try (IntArray stack = arrays.ints(2L * n)) {
            // a frame is (preorder number, index of its next child); the virtual root's frame is at the bottom
            long top = 0;
            stack.set(0, 0);
            stack.set(1, 0);
            long steps = 0;
            while (top >= 0) {
                Cancellation.poll(++steps, "dominator tree walk");
                int d = stack.get(2 * top);
                int next = stack.get(2 * top + 1);
                int first = childStart.get(d);
                if (first + next < childStart.get(d + 1L)) {
                    stack.set(2 * top + 1, next + 1);
                    int child = children.get((long) first + next);
                    visitor.enter(vertex.get(child));
                    top++;
                    stack.set(2 * top, child);
                    stack.set(2 * top + 1, 0);
                } else {
                    if (d != 0) {
                        visitor.exit(vertex.get(d));
                    }
                    top--;
                }
            }
        }
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

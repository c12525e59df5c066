package io.leakhound.heap.graph;

import java.util.Objects;

/**
 * Shortest paths (fewest edges) from the nearest root to every node: a breadth-first search that starts
 * from all roots at depth 0, in the order given, so when two roots are equally near the earlier one wins,
 * and among equally short paths the one found first (lower edge index) wins. Deterministic.
 *
 * <p>Cost: three off-heap ints per node (parent, depth, label of the edge from the parent) plus a queue of one int per node during
 * {@link #compute}; O(N + E) time; no Java heap per node. Read-only afterwards, safe for concurrent readers.
 * Cancellable through the thread's interrupt flag ({@link java.util.concurrent.CancellationException});
 * reports to a {@link Progress}.
 */
public final class ShortestPaths implements AutoCloseable {

    /** What {@link #parent} returns for a root. */
    public static final int ROOT = -1;
    /** What {@link #parent} returns for a node no root reaches. */
    public static final int UNREACHABLE = -2;
    /** What {@link #parentLabel} returns for a root or an unreachable node. */
    public static final int NO_LABEL = Integer.MIN_VALUE;

    private final IntArray parent;
    private final IntArray depth;
    private final IntArray parentLabel;

    private ShortestPaths(IntArray parent, IntArray depth, IntArray parentLabel) {
        this.parent = parent;
        this.depth = depth;
        this.parentLabel = parentLabel;
    }

    /**
     * Runs the search over every edge of {@code graph} from {@code roots} (duplicates allowed).
     *
     * @throws IllegalArgumentException if a root is not a node of the graph
     */
    public static ShortestPaths compute(CsrGraph graph, IntArray roots, OffHeapArrays arrays) {
        return compute(graph, roots, arrays, Progress.NONE);
    }

    /** As {@link #compute(CsrGraph, IntArray, OffHeapArrays)}, reporting to {@code progress}. */
    public static ShortestPaths compute(CsrGraph graph, IntArray roots, OffHeapArrays arrays, Progress progress) {
        return compute(graph, roots, roots.size(), arrays, progress);
    }

    /**
     * Paths that prefer the first {@code preferredRoots} roots: the search runs from them to exhaustion, and
     * only then from the other roots, for what the first could not reach. A path then starts at a preferred
     * root whenever one exists, even if a longer one (for a heap: a static field rather than a local
     * variable that happens to point at the same structure).
     */
    public static ShortestPaths compute(CsrGraph graph, IntArray roots, long preferredRoots, OffHeapArrays arrays,
                                        Progress progress) {
        int nodeCount = graph.nodeCount();
        IntArray parent = arrays.ints(nodeCount);
        IntArray depth = arrays.ints(nodeCount);
        IntArray parentLabel = arrays.ints(nodeCount);
        parent.fill(0, nodeCount, UNREACHABLE);
        parentLabel.fill(0, nodeCount, NO_LABEL);
        try (IntArray queue = arrays.ints(nodeCount)) {
            for (long r = 0; r < roots.size(); r++) {
                int root = roots.get(r);
                if (root < 0 || root >= nodeCount) {
                    throw new IllegalArgumentException("root " + r + " is node " + root + ", not in 0.." + (nodeCount - 1));
                }
            }
            long preferred = Math.min(Math.max(0, preferredRoots), roots.size());
            int tail = enqueueRoots(roots, 0, preferred, parent, queue, 0);
            for (int head = 0; ; head++) {
                if (head == tail) {
                    if (preferred == roots.size()) {
                        break;
                    }
                    // the preferred roots reach no further: the others start from here, at depth 0
                    tail = enqueueRoots(roots, preferred, roots.size(), parent, queue, tail);
                    preferred = roots.size();
                    if (head == tail) {
                        break;
                    }
                }
                Cancellation.poll(head, "shortest paths", head, nodeCount, progress);
                int node = queue.get(head);
                int nextDepth = depth.get(node) + 1;
                for (long e = graph.firstEdge(node), end = graph.endEdge(node); e < end; e++) {
                    int target = graph.target(e);
                    if (parent.get(target) == UNREACHABLE) {
                        parent.set(target, node);
                        depth.set(target, nextDepth);
                        parentLabel.set(target, graph.label(e));
                        queue.set(tail++, target);
                    }
                }
            }
        }
        return new ShortestPaths(parent, depth, parentLabel);
    }

    private static int enqueueRoots(IntArray roots, long from, long to, IntArray parent, IntArray queue, int tail) {
        int end = tail;
        for (long r = from; r < to; r++) {
            int root = roots.get(r);
            if (parent.get(root) == UNREACHABLE) {
                parent.set(root, ROOT);
                queue.set(end++, root);
            }
        }
        return end;
    }

    /** The node before {@code node} on its shortest path; {@link #ROOT} for a root, {@link #UNREACHABLE}. */
    public int parent(int node) {
        return parent.get(node);
    }

    /** The {@link CsrGraph#label label} of the edge by which the path to {@code node} arrives, or {@link #NO_LABEL}. */
    public int parentLabel(int node) {
        return parentLabel.get(node);
    }

    public boolean reachable(int node) {
        return parent.get(node) != UNREACHABLE;
    }

    /** Edges between the nearest root and {@code node}: 0 for a root, -1 if unreachable. */
    public int depth(int node) {
        return parent.get(node) == UNREACHABLE ? -1 : depth.get(node);
    }

    /**
     * The nodes of the shortest path, from its root to {@code node} inclusive; empty if {@code node} is
     * unreachable. Costs an int per step on the Java heap.
     */
    public int[] pathFromRoot(int node) {
        Objects.checkIndex(node, parent.size());
        int length = depth(node) + 1;
        int[] path = new int[length];
        int at = node;
        for (int i = length - 1; i >= 0; i--) {
            path[i] = at;
            at = parent.get(at);
        }
        return path;
    }

    @Override
    public void close() {
        parent.close();
        depth.close();
        parentLabel.close();
    }
}

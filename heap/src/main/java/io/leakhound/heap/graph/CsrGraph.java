package io.leakhound.heap.graph;

/**
 * A directed graph on nodes {@code 0..nodeCount()-1} in compressed sparse row form: the outgoing edges of
 * node {@code n} are the edge indexes {@code firstEdge(n) <= e < endEdge(n)}, and {@code target(e)} is
 * where edge {@code e} points. Duplicate edges and self-loops are allowed. Every edge carries an int
 * {@link #label(long)} the builder gave it (for a heap: which field of the source object it is), which the
 * graph algorithms ignore.
 *
 * <p>Three off-heap arrays hold it all (a long offset per node, an int target and an int label per edge:
 * 8 bytes per node and 8 per edge), so a graph of hundreds of millions of objects costs page cache, not Java
 * heap. Read-only once built; safe for concurrent readers.
 */
public final class CsrGraph {

    private final int nodeCount;
    private final long edgeCount;
    private final LongArray offsets;
    private final IntArray targets;
    private final IntArray labels;

    private CsrGraph(int nodeCount, long edgeCount, LongArray offsets, IntArray targets, IntArray labels) {
        this.nodeCount = nodeCount;
        this.edgeCount = edgeCount;
        this.offsets = offsets;
        this.targets = targets;
        this.labels = labels;
    }

    /** A builder whose arrays come from {@code arrays}. */
    public static Builder builder(OffHeapArrays arrays) {
        return new Builder(arrays);
    }

    public int nodeCount() {
        return nodeCount;
    }

    public long edgeCount() {
        return edgeCount;
    }

    /** Index of the first outgoing edge of {@code node}. */
    public long firstEdge(int node) {
        return offsets.get(node);
    }

    /** One past the index of the last outgoing edge of {@code node}. */
    public long endEdge(int node) {
        return offsets.get(node + 1L);
    }

    /** The node edge {@code edge} points to. */
    public int target(long edge) {
        return targets.get(edge);
    }

    /** The label edge {@code edge} was added with ({@code 0} when the builder gave none). */
    public int label(long edge) {
        return labels.get(edge);
    }

    /** Number of outgoing edges of {@code node}. */
    public long outDegree(int node) {
        return endEdge(node) - firstEdge(node);
    }

    /**
     * Builds a graph node by node: {@link #addNode()} starts the next node, {@link #addEdge(int)} appends an
     * outgoing edge to it. Edges may point to nodes not added yet; {@link #build()} checks that every target
     * exists. Neither the node nor the edge count need be known up front (the arrays grow by doubling).
     */
    public static final class Builder {
        private final LongArray offsets;
        private final IntArray targets;
        private final IntArray labels;
        private int nodeCount;
        private long edgeCount;
        private boolean built;

        private Builder(OffHeapArrays arrays) {
            this.offsets = arrays.longs(1);
            this.targets = arrays.ints(0);
            this.labels = arrays.ints(0);
        }

        /** Starts a new node and returns its id: 0, 1, 2, ... in order. */
        public int addNode() {
            checkNotBuilt();
            if (nodeCount == Integer.MAX_VALUE - 1) {
                throw new IllegalStateException("a graph holds at most " + (Integer.MAX_VALUE - 1) + " nodes");
            }
            // offsets[n] is where node n's edges start; offsets[nodeCount] stays the running edge count
            offsets.grow(nodeCount + 2L);
            offsets.set(nodeCount, edgeCount);
            return nodeCount++;
        }

        /** Appends an edge from the node added last to {@code target}, with label 0. */
        public void addEdge(int target) {
            addEdge(target, 0);
        }

        /** Appends an edge from the node added last to {@code target}, carrying {@code label}. */
        public void addEdge(int target, int label) {
            checkNotBuilt();
            if (nodeCount == 0) {
                throw new IllegalStateException("addEdge(" + target + ") before the first addNode()");
            }
            if (target < 0) {
                throw new IllegalArgumentException("edge target must not be negative: " + target);
            }
            targets.grow(edgeCount + 1);
            targets.set(edgeCount, target);
            labels.grow(edgeCount + 1);
            labels.set(edgeCount, label);
            edgeCount++;
        }

        public int nodeCount() {
            return nodeCount;
        }

        public long edgeCount() {
            return edgeCount;
        }

        /**
         * The graph. The builder cannot be used afterwards (the graph owns its arrays).
         *
         * @throws IllegalStateException if an edge points to a node that was never added
         */
        public CsrGraph build() {
            checkNotBuilt();
            built = true;
            offsets.grow(nodeCount + 1L);
            offsets.set(nodeCount, edgeCount);
            for (long e = 0; e < edgeCount; e++) {
                int target = targets.get(e);
                if (target >= nodeCount) {
                    throw new IllegalStateException("edge " + e + " points to node " + target
                            + " but the graph has " + nodeCount + " nodes");
                }
            }
            return new CsrGraph(nodeCount, edgeCount, offsets, targets, labels);
        }

        private void checkNotBuilt() {
            if (built) {
                throw new IllegalStateException("build() was already called");
            }
        }
    }
}

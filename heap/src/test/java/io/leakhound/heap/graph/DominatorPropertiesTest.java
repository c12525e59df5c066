package io.leakhound.heap.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fast algorithms against naive definitions on random graphs: dominators by iterative dataflow,
 * retained sizes by deleting each node and seeing what becomes unreachable, shortest paths by plain BFS
 * distances.
 */
class DominatorPropertiesTest {

    /** A random graph: {@code edges} as (from, to) pairs, roots (duplicates possible), shallow sizes. */
    record Case(int nodes, List<int[]> edges, List<Integer> roots, long[] sizes) {
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("nodes=" + nodes + " roots=" + roots + " edges=");
            edges.forEach(e -> s.append(e[0]).append("->").append(e[1]).append(' '));
            return s.toString();
        }

        List<List<Integer>> successors() {
            List<List<Integer>> out = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                out.add(new ArrayList<>());
            }
            edges.forEach(e -> out.get(e[0]).add(e[1]));
            return out;
        }
    }

    @Provide
    Arbitrary<Case> graphs() {
        return Arbitraries.integers().between(1, 30).flatMap(n -> {
            Arbitrary<Integer> node = Arbitraries.integers().between(0, n - 1);
            Arbitrary<int[]> edge = Combinators.combine(node, node).as((a, b) -> new int[] {a, b});
            Arbitrary<List<int[]>> edges = Arbitraries.oneOf(
                    edge.list().ofMaxSize(2 * n),          // sparse, like most heaps
                    edge.list().ofMaxSize(n * n));         // dense: many shared paths and cycles
            Arbitrary<List<Integer>> roots = node.list().ofMaxSize(4);
            Arbitrary<long[]> sizes = Arbitraries.longs().between(0, 1000).array(long[].class).ofSize(n);
            return Combinators.combine(edges, roots, sizes).as((e, r, s) -> new Case(n, e, r, s));
        });
    }

    private static CsrGraph graph(Case c, OffHeapArrays arrays) {
        CsrGraph.Builder builder = CsrGraph.builder(arrays);
        for (List<Integer> targets : c.successors()) {
            builder.addNode();
            targets.forEach(builder::addEdge);
        }
        return builder.build();
    }

    private static IntArray roots(Case c, OffHeapArrays arrays) {
        return TestGraphs.ints(arrays, c.roots().stream().mapToInt(Integer::intValue).toArray());
    }

    /** Nodes reachable from the roots without passing through {@code removed} (-1: none removed). */
    private static BitSet reachableAvoiding(Case c, List<List<Integer>> succ, int removed) {
        BitSet seen = new BitSet();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int r : c.roots()) {
            if (r != removed && !seen.get(r)) {
                seen.set(r);
                queue.add(r);
            }
        }
        while (!queue.isEmpty()) {
            for (int t : succ.get(queue.poll())) {
                if (t != removed && !seen.get(t)) {
                    seen.set(t);
                    queue.add(t);
                }
            }
        }
        return seen;
    }

    /**
     * Dom(v) = {v} ∪ ⋂ Dom(p) over the predecessors p of v, to a fixed point; the virtual root is node
     * {@code nodes} and precedes every root.
     */
    private static BitSet[] naiveDominators(Case c, BitSet reachable) {
        int virtualRoot = c.nodes();
        List<List<Integer>> preds = new ArrayList<>();
        for (int i = 0; i <= virtualRoot; i++) {
            preds.add(new ArrayList<>());
        }
        c.edges().forEach(e -> preds.get(e[1]).add(e[0]));
        c.roots().forEach(r -> preds.get(r).add(virtualRoot));
        BitSet all = (BitSet) reachable.clone();
        all.set(virtualRoot);
        BitSet[] dom = new BitSet[virtualRoot + 1];
        for (int v = 0; v <= virtualRoot; v++) {
            dom[v] = (BitSet) all.clone();
        }
        dom[virtualRoot] = new BitSet();
        dom[virtualRoot].set(virtualRoot);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int v = reachable.nextSetBit(0); v >= 0; v = reachable.nextSetBit(v + 1)) {
                BitSet next = (BitSet) all.clone();
                for (int p : preds.get(v)) {
                    if (all.get(p)) {
                        next.and(dom[p]);
                    }
                }
                next.set(v);
                if (!next.equals(dom[v])) {
                    dom[v] = next;
                    changed = true;
                }
            }
        }
        return dom;
    }

    @Property(tries = 500)
    void dominatorTree_randomGraph_equalsNaiveDataflow(@ForAll("graphs") Case c) throws IOException {
        try (OffHeapArrays arrays = OffHeapArrays.create()) {
            DominatorTree tree = DominatorTree.compute(graph(c, arrays), roots(c, arrays), arrays);
            BitSet reachable = reachableAvoiding(c, c.successors(), -1);
            BitSet[] dom = naiveDominators(c, reachable);
            assertThat(tree.reachableCount()).isEqualTo(reachable.cardinality());
            for (int v = 0; v < c.nodes(); v++) {
                int expected;
                if (!reachable.get(v)) {
                    expected = DominatorTree.UNREACHABLE;
                } else {
                    // the strict dominator with the most dominators of its own is the immediate one
                    expected = -3;
                    for (int d = dom[v].nextSetBit(0); d >= 0; d = dom[v].nextSetBit(d + 1)) {
                        if (d != v && dom[d].cardinality() == dom[v].cardinality() - 1) {
                            expected = d == c.nodes() ? DominatorTree.VIRTUAL_ROOT : d;
                        }
                    }
                }
                assertThat(tree.immediateDominator(v)).as("idom of %d", v).isEqualTo(expected);
                for (int a = 0; a < c.nodes(); a++) {
                    assertThat(tree.dominates(a, v)).as("%d dominates %d", a, v).isEqualTo(reachable.get(v) && dom[v].get(a));
                }
            }
            // the walk: when a node is entered, the open nodes are exactly its strict dominators
            BitSet open = new BitSet();
            BitSet entered = new BitSet();
            tree.walk(new DominatorTree.Visitor() {
                @Override
                public void enter(int node) {
                    BitSet strict = (BitSet) dom[node].clone();
                    strict.clear(node);
                    strict.clear(c.nodes());
                    assertThat(open).as("open when entering %d", node).isEqualTo(strict);
                    assertThat(entered.get(node)).isFalse();
                    entered.set(node);
                    open.set(node);
                }

                @Override
                public void exit(int node) {
                    assertThat(open.get(node)).isTrue();
                    open.clear(node);
                }
            });
            assertThat(entered).isEqualTo(reachable);
            assertThat(open.isEmpty()).isTrue();
            for (int position = 1; position < tree.reachableCount(); position++) {
                int node = tree.nodeAt(position);
                int idom = tree.immediateDominator(node);
                assertThat(idom == DominatorTree.VIRTUAL_ROOT || tree.positionOf(idom) < position).isTrue();
            }
        }
    }

    @Property(tries = 500)
    void retainedSizes_randomGraph_equalWhatRemovingTheNodeFrees(@ForAll("graphs") Case c) throws IOException {
        try (OffHeapArrays arrays = OffHeapArrays.create()) {
            DominatorTree tree = DominatorTree.compute(graph(c, arrays), roots(c, arrays), arrays);
            RetainedSizes sizes = RetainedSizes.compute(tree, TestGraphs.longs(arrays, c.sizes()));
            List<List<Integer>> succ = c.successors();
            BitSet reachable = reachableAvoiding(c, succ, -1);
            long total = reachable.stream().mapToLong(v -> c.sizes()[v]).sum();
            assertThat(sizes.totalReachable()).isEqualTo(total);
            for (int v = 0; v < c.nodes(); v++) {
                BitSet freed = (BitSet) reachable.clone();
                freed.andNot(reachableAvoiding(c, succ, v));
                long expected = freed.stream().mapToLong(x -> c.sizes()[x]).sum();
                assertThat(sizes.retained(v)).as("retained of %d", v).isEqualTo(expected);
            }
            int children = 0;
            for (int v = DominatorTree.VIRTUAL_ROOT; v < c.nodes(); v++) {
                int count = tree.childCount(v);
                children += count;
                for (int i = 0; i < count; i++) {
                    int child = tree.child(v, i);
                    assertThat(tree.immediateDominator(child)).isEqualTo(v);
                    if (i > 0) {
                        assertThat(sizes.retained(tree.child(v, i - 1))).isGreaterThanOrEqualTo(sizes.retained(child));
                    }
                }
            }
            assertThat(children).isEqualTo(reachable.cardinality());
        }
    }

    @Property(tries = 500)
    void shortestPaths_randomGraph_depthIsBfsDistanceAndPathIsReal(@ForAll("graphs") Case c) throws IOException {
        try (OffHeapArrays arrays = OffHeapArrays.create()) {
            ShortestPaths paths = ShortestPaths.compute(graph(c, arrays), roots(c, arrays), arrays);
            List<List<Integer>> succ = c.successors();
            int[] distance = new int[c.nodes()];
            java.util.Arrays.fill(distance, -1);
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            for (int r : c.roots()) {
                if (distance[r] < 0) {
                    distance[r] = 0;
                    queue.add(r);
                }
            }
            while (!queue.isEmpty()) {
                int v = queue.poll();
                for (int t : succ.get(v)) {
                    if (distance[t] < 0) {
                        distance[t] = distance[v] + 1;
                        queue.add(t);
                    }
                }
            }
            for (int v = 0; v < c.nodes(); v++) {
                assertThat(paths.depth(v)).as("depth of %d", v).isEqualTo(distance[v]);
                int[] path = paths.pathFromRoot(v);
                assertThat(path).hasSize(distance[v] + 1);
                if (path.length > 0) {
                    assertThat(c.roots()).contains(path[0]);
                    assertThat(path[path.length - 1]).isEqualTo(v);
                    for (int i = 1; i < path.length; i++) {
                        assertThat(succ.get(path[i - 1])).contains(path[i]);
                    }
                }
            }
        }
    }
}

package io.leakhound.heap.graph;

import static io.leakhound.heap.graph.DominatorTree.UNREACHABLE;
import static io.leakhound.heap.graph.DominatorTree.VIRTUAL_ROOT;
import static io.leakhound.heap.graph.TestGraphs.graph;
import static io.leakhound.heap.graph.TestGraphs.ints;
import static io.leakhound.heap.graph.TestGraphs.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DominatorTreeTest {

    @TempDir
    Path dir;
    OffHeapArrays arrays;

    @BeforeEach
    void open() throws IOException {
        arrays = OffHeapArrays.create(dir);
    }

    @AfterEach
    void close() {
        arrays.close();
    }

    private DominatorTree tree(int[] roots, int[]... edges) {
        return DominatorTree.compute(graph(arrays, edges), ints(arrays, roots), arrays);
    }

    private int[] idoms(DominatorTree tree) {
        int[] idoms = new int[tree.nodeCount()];
        for (int node = 0; node < idoms.length; node++) {
            idoms[node] = tree.immediateDominator(node);
        }
        return idoms;
    }

    @Test
    void chain_singleRoot_eachDominatedByPredecessor() {
        // 0 -> 1 -> 2 -> 3, root 0: idom 0 = virtual root, 1 = 0, 2 = 1, 3 = 2
        DominatorTree tree = tree(new int[] {0}, to(1), to(2), to(3), to());
        assertThat(idoms(tree)).containsExactly(VIRTUAL_ROOT, 0, 1, 2);
        assertThat(tree.reachableCount()).isEqualTo(4);
    }

    @Test
    void diamond_sharedChild_dominatedByTop() {
        // 0 -> 1, 0 -> 2, 1 -> 3, 2 -> 3: neither 1 nor 2 alone guards 3, so idom 3 = 0
        DominatorTree tree = tree(new int[] {0}, to(1, 2), to(3), to(3), to());
        assertThat(idoms(tree)).containsExactly(VIRTUAL_ROOT, 0, 0, 0);
        assertThat(tree.dominates(1, 3)).isFalse();
        assertThat(tree.dominates(0, 3)).isTrue();
        assertThat(tree.dominates(3, 3)).isTrue();
    }

    @Test
    void cycle_enteredOnce_dominatedAlongTheCycle() {
        // 0 -> 1 -> 2 -> 0 and 2 -> 3, root 0: the back edge 2 -> 0 changes nothing: 1 = 0, 2 = 1, 3 = 2
        DominatorTree tree = tree(new int[] {0}, to(1), to(2), to(0, 3), to());
        assertThat(idoms(tree)).containsExactly(VIRTUAL_ROOT, 0, 1, 2);
    }

    @Test
    void cycle_enteredTwice_bothDominatedByEntry() {
        // 0 -> 1, 0 -> 2, 1 <-> 2: each of 1, 2 is reachable avoiding the other, so both idoms are 0
        DominatorTree tree = tree(new int[] {0}, to(1, 2), to(2), to(1));
        assertThat(idoms(tree)).containsExactly(VIRTUAL_ROOT, 0, 0);
    }

    @Test
    void twoRoots_sharedChild_dominatedByVirtualRoot() {
        // roots 0, 1; 0 -> 2, 1 -> 2, 2 -> 3: idom 2 = virtual root, 3 = 2
        DominatorTree tree = tree(new int[] {0, 1}, to(2), to(2), to(3), to());
        assertThat(idoms(tree)).containsExactly(VIRTUAL_ROOT, VIRTUAL_ROOT, VIRTUAL_ROOT, 2);
        assertThat(tree.childCount(VIRTUAL_ROOT)).isEqualTo(3);
        assertThat(tree.childCount(2)).isEqualTo(1);
        assertThat(tree.child(2, 0)).isEqualTo(3);
    }

    @Test
    void rootAlsoReferenced_byAnotherRoot_stillDominatedByVirtualRoot() {
        // roots 0, 1; 0 -> 1 -> 2: 1 is a root itself, so only the virtual root dominates it; 2 = 1
        DominatorTree tree = tree(new int[] {0, 1}, to(1), to(2), to());
        assertThat(idoms(tree)).containsExactly(VIRTUAL_ROOT, VIRTUAL_ROOT, 1);
    }

    @Test
    void unreachableIsland_pointingIntoTheGraph_changesNothing() {
        // root 0 -> 1; island 2 <-> 3 with 3 -> 1: 2 and 3 are unreachable, and the edge 3 -> 1 does not
        // make 1 shared: idom 1 = 0
        DominatorTree tree = tree(new int[] {0}, to(1), to(), to(3), to(2, 1));
        assertThat(idoms(tree)).containsExactly(VIRTUAL_ROOT, 0, UNREACHABLE, UNREACHABLE);
        assertThat(tree.reachable(2)).isFalse();
        assertThat(tree.reachableCount()).isEqualTo(2);
        assertThat(tree.childCount(2)).isZero();
        assertThat(tree.positionOf(3)).isEqualTo(-1);
    }

    @Test
    void selfLoops_ignored() {
        // 0 -> 0, 0 -> 1, 1 -> 1: idom 1 = 0
        DominatorTree tree = tree(new int[] {0}, to(0, 1), to(1));
        assertThat(idoms(tree)).containsExactly(VIRTUAL_ROOT, 0);
    }

    @Test
    void duplicateEdgesAndRoots_countOnce() {
        // roots 0, 0; 0 -> 1 twice, 1 -> 2 twice, 0 -> 2: idom 1 = 0, 2 = 0 (reachable around 1)
        DominatorTree tree = tree(new int[] {0, 0}, to(1, 1, 2), to(2, 2), to());
        assertThat(idoms(tree)).containsExactly(VIRTUAL_ROOT, 0, 0);
        assertThat(tree.childCount(VIRTUAL_ROOT)).isEqualTo(1);
    }

    @Test
    void noRoots_everythingUnreachable() {
        DominatorTree tree = tree(new int[] {}, to(1), to());
        assertThat(idoms(tree)).containsExactly(UNREACHABLE, UNREACHABLE);
        assertThat(tree.reachableCount()).isZero();
        assertThat(tree.childCount(VIRTUAL_ROOT)).isZero();
    }

    @Test
    void lengauerTarjanPaperExample_knownIdoms() {
        // the flowgraph of Lengauer & Tarjan (1979), fig. 1, with R=0 A=1 B=2 C=3 D=4 E=5 F=6 G=7 H=8 I=9
        // J=10 K=11 L=12. Their idoms: A B C D E H I K by R; F G by C; J by G; L by D
        DominatorTree tree = tree(new int[] {0},
                to(1, 2, 3),     // R -> A B C
                to(4),           // A -> D
                to(1, 4, 5),     // B -> A D E
                to(6, 7),        // C -> F G
                to(12),          // D -> L
                to(8),           // E -> H
                to(9),           // F -> I
                to(9, 10),       // G -> I J
                to(5, 11),       // H -> E K
                to(11),          // I -> K
                to(9),           // J -> I
                to(9, 0),        // K -> I R
                to(8));          // L -> H
        assertThat(idoms(tree)).containsExactly(VIRTUAL_ROOT, 0, 0, 0, 0, 0, 3, 3, 0, 0, 7, 0, 4);
    }

    @Test
    void chain_millionLong_noStackOverflow() {
        int n = 1_000_000;
        CsrGraph.Builder builder = CsrGraph.builder(arrays);
        for (int i = 0; i < n; i++) {
            builder.addNode();
            if (i + 1 < n) {
                builder.addEdge(i + 1);
            }
        }
        // a back edge to the head, so the path compression also runs the whole length of the chain
        builder.addEdge(0);
        DominatorTree tree = DominatorTree.compute(builder.build(), ints(arrays, 0), arrays);
        assertThat(tree.immediateDominator(n - 1)).isEqualTo(n - 2);
        assertThat(tree.immediateDominator(n / 2)).isEqualTo(n / 2 - 1);
        assertThat(tree.dominates(0, n - 1)).isTrue();
        assertThat(tree.nodeAt(n - 1)).isEqualTo(n - 1);
    }

    @Test
    void root_outsideGraph_throws() {
        assertThatThrownBy(() -> tree(new int[] {2}, to(1), to()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node 2");
    }

    @Test
    void compute_interruptedThread_cancels() {
        CsrGraph graph = graph(arrays, to(1), to());
        IntArray roots = ints(arrays, 0);
        Thread.currentThread().interrupt();
        try {
            // the first poll happens at step 0 of the first loop
            assertThatThrownBy(() -> DominatorTree.compute(graph, roots, arrays))
                    .isInstanceOf(CancellationException.class);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void walk_twoRootsSharedChild_entersBeforeAndExitsAfterDominated() {
        // roots 0, 1; 0 -> 2, 1 -> 2, 2 -> 3 -> 4: dominator tree VR -> {0, 1, 2}, 2 -> 3 -> 4
        DominatorTree tree = tree(new int[] {0, 1}, to(2), to(2), to(3), to(4), to());
        StringBuilder events = new StringBuilder();
        tree.walk(new DominatorTree.Visitor() {
            @Override
            public void enter(int node) {
                events.append('+').append(node);
            }

            @Override
            public void exit(int node) {
                events.append('-').append(node);
            }
        });
        // children in DFS order: 0 (first root), 2 (found from 0), 1
        assertThat(events).hasToString("+0-0+2+3+4-4-3-2+1-1");
    }

    @Test
    void walk_millionLongChain_noStackOverflow() {
        int n = 1_000_000;
        CsrGraph.Builder builder = CsrGraph.builder(arrays);
        for (int i = 0; i < n; i++) {
            builder.addNode();
            if (i + 1 < n) {
                builder.addEdge(i + 1);
            }
        }
        DominatorTree tree = DominatorTree.compute(builder.build(), ints(arrays, 0), arrays);
        long[] depth = {0, 0};
        tree.walk(new DominatorTree.Visitor() {
            @Override
            public void enter(int node) {
                depth[0]++;
                depth[1] = Math.max(depth[1], depth[0]);
            }

            @Override
            public void exit(int node) {
                depth[0]--;
            }
        });
        assertThat(depth).containsExactly(0, n);
    }

    @Test
    void nodeAt_order_dominatorsComeFirst() {
        DominatorTree tree = tree(new int[] {3}, to(2), to(), to(1), to(0));
        // 3 -> 0 -> 2 -> 1
        assertThat(new int[] {tree.nodeAt(0), tree.nodeAt(1), tree.nodeAt(2), tree.nodeAt(3)})
                .containsExactly(3, 0, 2, 1);
        assertThat(tree.positionOf(2)).isEqualTo(2);
    }
}

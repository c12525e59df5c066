package io.leakhound.heap.graph;

import static io.leakhound.heap.graph.DominatorTree.VIRTUAL_ROOT;
import static io.leakhound.heap.graph.TestGraphs.graph;
import static io.leakhound.heap.graph.TestGraphs.ints;
import static io.leakhound.heap.graph.TestGraphs.longs;
import static io.leakhound.heap.graph.TestGraphs.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetainedSizesTest {

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

    private RetainedSizes sizes(int[] roots, long[] shallow, int[]... edges) {
        DominatorTree tree = DominatorTree.compute(graph(arrays, edges), ints(arrays, roots), arrays);
        return RetainedSizes.compute(tree, longs(arrays, shallow));
    }

    @Test
    void chain_eachRetainsItsTail() {
        // 0 -> 1 -> 2, shallow 10, 20, 30: retained 2 = 30, 1 = 20 + 30 = 50, 0 = 10 + 50 = 60
        RetainedSizes sizes = sizes(new int[] {0}, new long[] {10, 20, 30}, to(1), to(2), to());
        assertThat(new long[] {sizes.retained(0), sizes.retained(1), sizes.retained(2)}).containsExactly(60, 50, 30);
        assertThat(sizes.totalReachable()).isEqualTo(60);
    }

    @Test
    void diamond_sharedChild_retainedOnlyByTop() {
        // 0 -> 1, 0 -> 2, 1 -> 3, 2 -> 3, shallow 10, 20, 30, 40: 3 is dominated by 0 only, so
        // retained 1 = 20, 2 = 30, 3 = 40, 0 = 10 + 20 + 30 + 40 = 100
        RetainedSizes sizes = sizes(new int[] {0}, new long[] {10, 20, 30, 40}, to(1, 2), to(3), to(3), to());
        assertThat(new long[] {sizes.retained(0), sizes.retained(1), sizes.retained(2), sizes.retained(3)})
                .containsExactly(100, 20, 30, 40);
    }

    @Test
    void unreachableIsland_retainsNothingAndIsNotCounted() {
        // root 0 -> 1; island 2 -> 3 -> 1. shallow 1, 2, 100, 1000: total = 1 + 2 = 3; retained 2 = 3 = 0
        RetainedSizes sizes = sizes(new int[] {0}, new long[] {1, 2, 100, 1000}, to(1), to(), to(3), to(1));
        assertThat(sizes.totalReachable()).isEqualTo(3);
        assertThat(sizes.retained(2)).isZero();
        assertThat(sizes.retained(3)).isZero();
        assertThat(sizes.retained(0)).isEqualTo(3);
    }

    @Test
    void twoRoots_sharedSubgraph_retainedByNeitherRoot() {
        // roots 0, 1 -> 2 -> 3; shallow 5, 6, 7, 8: retained 0 = 5, 1 = 6, 2 = 7 + 8 = 15; total 26
        RetainedSizes sizes = sizes(new int[] {0, 1}, new long[] {5, 6, 7, 8}, to(2), to(2), to(3), to());
        assertThat(new long[] {sizes.retained(0), sizes.retained(1), sizes.retained(2)}).containsExactly(5, 6, 15);
        assertThat(sizes.totalReachable()).isEqualTo(26);
    }

    @Test
    void children_afterCompute_sortedByRetainedDescending() {
        // root 0 -> 1, 2, 3, 4; 3 -> 5. shallow 0: 1, 1: 10, 2: 30, 3: 5, 4: 30, 5: 20
        // retained 1 = 10, 2 = 30, 3 = 25, 4 = 30: order 2, 4 (tie, DFS order), 3, 1
        RetainedSizes sizes = sizes(new int[] {0}, new long[] {1, 10, 30, 5, 30, 20},
                to(1, 2, 3, 4), to(), to(), to(5), to(), to());
        DominatorTree tree = sizes.tree();
        assertThat(tree.childCount(0)).isEqualTo(4);
        assertThat(new int[] {tree.child(0, 0), tree.child(0, 1), tree.child(0, 2), tree.child(0, 3)})
                .containsExactly(2, 4, 3, 1);
        assertThat(tree.childCount(VIRTUAL_ROOT)).isEqualTo(1);
        assertThat(tree.child(VIRTUAL_ROOT, 0)).isZero();
    }

    @Test
    void children_manyUnderVirtualRoot_heapsortedDescending() {
        // 100 roots with shallow sizes (37 * i) mod 101, all distinct: children of the virtual root come out
        // strictly descending
        int count = 100;
        int[] roots = new int[count];
        long[] shallow = new long[count];
        int[][] edges = new int[count][];
        for (int i = 0; i < count; i++) {
            roots[i] = i;
            shallow[i] = (37L * i) % 101;
            edges[i] = to();
        }
        DominatorTree tree = sizes(roots, shallow, edges).tree();
        assertThat(tree.childCount(VIRTUAL_ROOT)).isEqualTo(count);
        for (int i = 1; i < count; i++) {
            assertThat(shallow[tree.child(VIRTUAL_ROOT, i - 1)]).isGreaterThan(shallow[tree.child(VIRTUAL_ROOT, i)]);
        }
    }

    @Test
    void children_manyWithTies_tiesKeepDfsOrder() {
        // 100 roots in node order with shallow sizes i mod 3: first the 2s, then the 1s, then the 0s, each
        // group in root (= DFS) order, through the merge sort (lists over 32 long)
        int count = 100;
        int[] roots = new int[count];
        long[] shallow = new long[count];
        int[][] edges = new int[count][];
        for (int i = 0; i < count; i++) {
            roots[i] = i;
            shallow[i] = i % 3;
            edges[i] = to();
        }
        DominatorTree tree = sizes(roots, shallow, edges).tree();
        int position = 0;
        for (int size = 2; size >= 0; size--) {
            for (int i = 0; i < count; i++) {
                if (i % 3 == size) {
                    assertThat(tree.child(VIRTUAL_ROOT, position++)).isEqualTo(i);
                }
            }
        }
    }

    @Test
    void shallowSizes_tooFew_throws() {
        DominatorTree tree = DominatorTree.compute(graph(arrays, to(1), to()), ints(arrays, 0), arrays);
        assertThatThrownBy(() -> RetainedSizes.compute(tree, longs(arrays, 16)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package io.leakhound.heap.graph;

import static io.leakhound.heap.graph.TestGraphs.graph;
import static io.leakhound.heap.graph.TestGraphs.ints;
import static io.leakhound.heap.graph.TestGraphs.to;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShortestPathsTest {

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

    private ShortestPaths paths(int[] roots, int[]... edges) {
        return ShortestPaths.compute(graph(arrays, edges), ints(arrays, roots), arrays);
    }

    @Test
    void shortcut_takenOverLongerPath() {
        // 0 -> 1 -> 2 -> 3 and 0 -> 3: the path to 3 is 0, 3
        ShortestPaths paths = paths(new int[] {0}, to(1, 3), to(2), to(3), to());
        assertThat(paths.pathFromRoot(3)).containsExactly(0, 3);
        assertThat(paths.pathFromRoot(2)).containsExactly(0, 1, 2);
        assertThat(paths.depth(2)).isEqualTo(2);
        assertThat(paths.parent(0)).isEqualTo(ShortestPaths.ROOT);
    }

    @Test
    void twoRootsEquallyNear_earlierRootWins() {
        // roots 2 then 0, both -> 1: 1 is reached from 2, the root listed first
        ShortestPaths paths = paths(new int[] {2, 0}, to(1), to(), to(1));
        assertThat(paths.pathFromRoot(1)).containsExactly(2, 1);
    }

    @Test
    void nearerRoot_winsOverEarlierRoot() {
        // roots 0 then 3; 0 -> 1 -> 2, 3 -> 2: 2 is one step from 3, two from 0
        ShortestPaths paths = paths(new int[] {0, 3}, to(1), to(2), to(), to(2));
        assertThat(paths.pathFromRoot(2)).containsExactly(3, 2);
    }

    @Test
    void preferredRoot_winsOverNearerOtherRoot() {
        // roots 0 (preferred) then 3; 0 -> 1 -> 2, 3 -> 2 and 3 is itself reachable from 2: the path to 2
        // starts at 0 although 3 is nearer, and 3 is reached from 2 rather than being a path of its own
        ShortestPaths paths = ShortestPaths.compute(graph(arrays, to(1), to(2), to(3), to(2)), ints(arrays, 0, 3), 1,
                arrays, Progress.NONE);
        assertThat(paths.pathFromRoot(2)).containsExactly(0, 1, 2);
        assertThat(paths.pathFromRoot(3)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void otherRoots_reachWhatPreferredRootsCannot() {
        // preferred root 0 -> 1; root 2 -> 3 only: 3's path starts at 2, at depth 1
        ShortestPaths paths = ShortestPaths.compute(graph(arrays, to(1), to(), to(3), to()), ints(arrays, 0, 2), 1,
                arrays, Progress.NONE);
        assertThat(paths.pathFromRoot(3)).containsExactly(2, 3);
        assertThat(paths.depth(3)).isEqualTo(1);
        assertThat(paths.parentLabel(3)).isZero();
        assertThat(paths.parentLabel(2)).isEqualTo(ShortestPaths.NO_LABEL);
    }

    @Test
    void noPreferredRoots_searchesFromAllAtOnce() {
        ShortestPaths paths = ShortestPaths.compute(graph(arrays, to(1), to(2), to(), to(2)), ints(arrays, 0, 3), 0,
                arrays, Progress.NONE);
        assertThat(paths.pathFromRoot(2)).containsExactly(3, 2);
    }

    @Test
    void unreachable_emptyPath() {
        // root 0; 1 -> 0 is not reachable from 0
        ShortestPaths paths = paths(new int[] {0}, to(), to(0));
        assertThat(paths.pathFromRoot(1)).isEmpty();
        assertThat(paths.parent(1)).isEqualTo(ShortestPaths.UNREACHABLE);
        assertThat(paths.depth(1)).isEqualTo(-1);
        assertThat(paths.reachable(1)).isFalse();
    }

    @Test
    void cycleAndSelfLoop_terminate() {
        // 0 -> 0, 0 -> 1, 1 -> 2, 2 -> 1
        ShortestPaths paths = paths(new int[] {0}, to(0, 1), to(2), to(1));
        assertThat(paths.pathFromRoot(2)).containsExactly(0, 1, 2);
    }
}

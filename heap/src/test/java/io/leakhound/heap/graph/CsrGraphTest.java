package io.leakhound.heap.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsrGraphTest {

    @TempDir
    Path dir;

    @Test
    void build_nodesAndEdges_readBackInOrder() throws IOException {
        try (OffHeapArrays arrays = OffHeapArrays.create(dir)) {
            CsrGraph.Builder b = CsrGraph.builder(arrays);
            assertThat(b.addNode()).isZero();
            b.addEdge(1);
            b.addEdge(2);
            assertThat(b.addNode()).isEqualTo(1);
            assertThat(b.addNode()).isEqualTo(2);
            b.addEdge(2); // self-loop
            b.addEdge(0);
            CsrGraph g = b.build();
            assertThat(g.nodeCount()).isEqualTo(3);
            assertThat(g.edgeCount()).isEqualTo(4);
            assertThat(g.firstEdge(0)).isZero();
            assertThat(g.endEdge(0)).isEqualTo(2);
            assertThat(g.outDegree(1)).isZero();
            assertThat(g.firstEdge(2)).isEqualTo(2);
            assertThat(g.endEdge(2)).isEqualTo(4);
            assertThat(new int[] {g.target(0), g.target(1), g.target(2), g.target(3)}).containsExactly(1, 2, 2, 0);
        }
    }

    @Test
    void build_targetNeverAdded_throwsNamingTheEdge() throws IOException {
        try (OffHeapArrays arrays = OffHeapArrays.create(dir)) {
            CsrGraph.Builder b = CsrGraph.builder(arrays);
            b.addNode();
            b.addEdge(5);
            assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("edge 0 points to node 5");
        }
    }

    @Test
    void addEdge_beforeAnyNode_throws() throws IOException {
        try (OffHeapArrays arrays = OffHeapArrays.create(dir)) {
            CsrGraph.Builder b = CsrGraph.builder(arrays);
            assertThatThrownBy(() -> b.addEdge(0)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void build_noNodes_emptyGraph() throws IOException {
        try (OffHeapArrays arrays = OffHeapArrays.create(dir)) {
            CsrGraph g = CsrGraph.builder(arrays).build();
            assertThat(g.nodeCount()).isZero();
            assertThat(g.edgeCount()).isZero();
        }
    }
}

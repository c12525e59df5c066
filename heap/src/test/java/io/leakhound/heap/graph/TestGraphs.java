package io.leakhound.heap.graph;

/** Small graphs for tests, written as adjacency lists: {@code edges[n]} are node n's targets. */
final class TestGraphs {

    private TestGraphs() {
    }

    static CsrGraph graph(OffHeapArrays arrays, int[]... edges) {
        CsrGraph.Builder builder = CsrGraph.builder(arrays);
        for (int[] targets : edges) {
            builder.addNode();
            for (int target : targets) {
                builder.addEdge(target);
            }
        }
        return builder.build();
    }

    static IntArray ints(OffHeapArrays arrays, int... values) {
        IntArray array = arrays.ints(values.length);
        for (int i = 0; i < values.length; i++) {
            array.set(i, values[i]);
        }
        return array;
    }

    static LongArray longs(OffHeapArrays arrays, long... values) {
        LongArray array = arrays.longs(values.length);
        for (int i = 0; i < values.length; i++) {
            array.set(i, values[i]);
        }
        return array;
    }

    static int[] to(int... targets) {
        return targets;
    }
}

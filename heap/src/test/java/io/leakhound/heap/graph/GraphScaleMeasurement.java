package io.leakhound.heap.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Times the graph algorithms on a heap-shaped graph of 12 M nodes and reports the process's anonymous
 * memory. A measurement, not a test: skipped unless run with
 * {@code mvn -o -q -pl heap test -Dtest=GraphScaleMeasurement -Dleakhound.measure=true}.
 *
 * <p>The graph: 20,000 roots; a random tree (fan-out mostly 0..3, now and then an array of 1,000) over
 * 10 M objects, laid out in breadth-first order (pessimistic for the depth-first phases: a copying GC
 * leaves objects closer to depth-first order); per object a reference to one of 1,000 class objects, which
 * are roots too (as system classes are), and, for half of them, a reference to a uniformly random object
 * (sharing and cycles); a 1 M singly linked chain and a 1 M doubly linked list (first and last held by a
 * root, like java.util.LinkedList).
 */
@EnabledIfSystemProperty(named = "leakhound.measure", matches = "true")
class GraphScaleMeasurement {

    @TempDir
    Path dir;

    @Test
    void heapShapedGraph_12MNodes_timesAndMemory() throws IOException {
        int roots = 20_000;
        int hubs = 1_000;
        int treeObjects = 10_000_000;
        int chain = 1_000_000;
        int list = 1_000_000;
        int treeEnd = roots + hubs + treeObjects;
        int chainStart = treeEnd;
        int listStart = chainStart + chain;
        int nodes = listStart + list;
        SplittableRandom random = new SplittableRandom(42);

        try (OffHeapArrays arrays = OffHeapArrays.create(dir)) {
            long t0 = System.nanoTime();
            long c0 = cpu();
            CsrGraph.Builder builder = CsrGraph.builder(arrays);
            IntArray rootIds = arrays.ints(roots + hubs);
            LongArray shallow = arrays.longs(nodes);
            // children are handed out in id order from 'next', so the tree is laid out breadth-first
            long next = roots + hubs;
            for (int node = 0; node < nodes; node++) {
                builder.addNode();
                if (node < roots) {
                    rootIds.set(node, node);
                    shallow.set(node, 16);
                    if (node == 0) {
                        builder.addEdge(chainStart);
                    } else if (node == 1) {
                        builder.addEdge(listStart);
                        builder.addEdge(nodes - 1);
                    }
                    for (int i = 0; i < 500 && next < treeEnd; i++) {
                        builder.addEdge((int) next++);
                    }
                } else if (node < roots + hubs) {
                    rootIds.set(node, node);
                    shallow.set(node, 500);
                } else if (node < treeEnd) {
                    int fanOut = random.nextInt(1000) == 0 ? 1000 : random.nextInt(4);
                    shallow.set(node, fanOut == 1000 ? 16 + 4 * 1000 : 16 + 8 * random.nextInt(6));
                    for (int i = 0; i < fanOut && next < treeEnd; i++) {
                        builder.addEdge((int) next++);
                    }
                    builder.addEdge(roots + random.nextInt(hubs));
                    if (random.nextBoolean()) {
                        builder.addEdge(roots + hubs + random.nextInt(treeObjects));
                    }
                } else if (node < listStart) {
                    shallow.set(node, 24);
                    if (node + 1 < listStart) {
                        builder.addEdge(node + 1);
                    }
                } else {
                    shallow.set(node, 32);
                    if (node + 1 < nodes) {
                        builder.addEdge(node + 1);
                    }
                    if (node > listStart) {
                        builder.addEdge(node - 1);
                    }
                }
            }
            CsrGraph graph = builder.build();
            long t1 = System.nanoTime();
            long c1 = cpu();
            DominatorTree tree = DominatorTree.compute(graph, rootIds, arrays);
            long t2 = System.nanoTime();
            long c2 = cpu();
            RetainedSizes sizes = RetainedSizes.compute(tree, shallow);
            long t3 = System.nanoTime();
            long c3 = cpu();
            ShortestPaths paths = ShortestPaths.compute(graph, rootIds, arrays);
            long t4 = System.nanoTime();
            long c4 = cpu();

            System.out.printf("graph: %,d nodes, %,d edges, %,d reachable, %,d bytes reachable%n",
                    graph.nodeCount(), graph.edgeCount(), tree.reachableCount(), sizes.totalReachable());
            System.out.printf("wall: build %.2f s, dominators %.2f s, retained+sort %.2f s, BFS %.2f s%n",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9);
            System.out.printf("cpu:  build %.2f s, dominators %.2f s, retained+sort %.2f s, BFS %.2f s%n",
                    (c1 - c0) / 1e9, (c2 - c1) / 1e9, (c3 - c2) / 1e9, (c4 - c3) / 1e9);
            System.out.printf("mapped %,d MB; java heap used %,d MB; %s%n", arrays.mappedBytes() >> 20,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20, memory());
            System.out.printf("chain head retains %,d bytes (expected %,d); list head depth of tail %d%n",
                    sizes.retained(chainStart), 24L * chain, paths.depth(nodes - 1));
            assertThat(sizes.retained(chainStart)).isEqualTo(24L * chain);
        }
    }

    /** CPU time of this thread: the machine is shared, so wall time alone says little. */
    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static String memory() throws IOException {
        StringBuilder s = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("RssAnon") || line.startsWith("RssFile") || line.startsWith("RssShmem")
                    || line.startsWith("VmHWM")) {
                s.append(line.replaceAll("\\s+", " ")).append("; ");
            }
        }
        return s.toString();
    }
}

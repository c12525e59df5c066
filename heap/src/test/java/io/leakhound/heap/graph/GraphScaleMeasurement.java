package io.leakhound.heap.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Times the graph algorithms on heap-shaped graphs of 12 M nodes and reports the process's anonymous
 * memory. A measurement, not a test: skipped unless run with
 * {@code mvn -o -q -pl heap test -Dtest=GraphScaleMeasurement -Dleakhound.measure=true}.
 *
 * <p>The graph: 20,000 roots; a random tree over 10 M objects (fan-out mostly 0..3, now and then an array
 * of 1,000); per object a reference to one of 1,000 class objects, which are roots too (as system classes
 * are), for 80 % of them a reference to an object made shortly before (fields pointing at objects
 * allocated together; sometimes cycles) and for 10 % a reference to a uniformly random object (sharing
 * across the heap); a 1 M singly linked chain and a 1 M doubly linked list (first and last held by a root,
 * like java.util.LinkedList).
 * Two layouts of the tree: breadth-first (pessimistic for the depth-first phases) and depth-first (closer
 * to what a copying collector leaves in the heap, hence in the dump's object order).
 */
@EnabledIfSystemProperty(named = "leakhound.measure", matches = "true")
class GraphScaleMeasurement {

    private static final int ROOTS = 20_000;
    private static final int CLASSES = 1_000;
    private static final int TREE = 10_000_000;
    private static final int CHAIN = 1_000_000;
    private static final int LIST = 1_000_000;
    private static final int TREE_START = ROOTS + CLASSES;
    private static final int CHAIN_START = TREE_START + TREE;
    private static final int LIST_START = CHAIN_START + CHAIN;
    private static final int NODES = LIST_START + LIST;

    @TempDir
    Path dir;

    @Test
    void breadthFirstLayout() throws IOException {
        measure(false);
    }

    @Test
    void depthFirstLayout() throws IOException {
        measure(true);
    }

    private void measure(boolean depthFirst) throws IOException {
        // RssAnon has no high-water mark in /proc, so a thread samples it
        AtomicLong peakAnon = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakAnon.accumulateAndGet(rssAnonKb(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        try (OffHeapArrays arrays = OffHeapArrays.create(dir)) {
            long t0 = System.nanoTime();
            long c0 = cpu();
            IntArray roots = arrays.ints(ROOTS + CLASSES);
            LongArray shallow = arrays.longs(NODES);
            CsrGraph graph = depthFirst ? depthFirstGraph(arrays, roots, shallow) : breadthFirstGraph(arrays, roots, shallow);
            long t1 = System.nanoTime();
            long c1 = cpu();
            DominatorTree tree = DominatorTree.compute(graph, roots, arrays);
            long t2 = System.nanoTime();
            long c2 = cpu();
            RetainedSizes sizes = RetainedSizes.compute(tree, shallow);
            long t3 = System.nanoTime();
            long c3 = cpu();
            ShortestPaths paths = ShortestPaths.compute(graph, roots, arrays);
            long t4 = System.nanoTime();
            long c4 = cpu();

            System.out.printf("%s layout: %,d nodes, %,d edges, %,d reachable, %,d bytes reachable, "
                    + "%,d children of the virtual root%n", depthFirst ? "depth-first" : "breadth-first",
                    graph.nodeCount(), graph.edgeCount(), tree.reachableCount(), sizes.totalReachable(),
                    tree.childCount(DominatorTree.VIRTUAL_ROOT));
            System.out.printf("wall: build %.2f s, dominators %.2f s, retained+sort %.2f s, BFS %.2f s%n",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9);
            System.out.printf("cpu:  build %.2f s, dominators %.2f s, retained+sort %.2f s, BFS %.2f s%n",
                    (c1 - c0) / 1e9, (c2 - c1) / 1e9, (c3 - c2) / 1e9, (c4 - c3) / 1e9);
            sampler.interrupt();
            System.out.printf("mapped %,d MB; java heap used %,d MB; peak RssAnon %,d kB; now %s%n",
                    arrays.mappedBytes() >> 20,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
                    peakAnon.get(), memory());
            // the chain's head dominates the chain; the list's tail is one step from the root holding 'last'
            assertThat(sizes.retained(CHAIN_START)).isEqualTo(24L * CHAIN);
            assertThat(paths.depth(NODES - 1)).isEqualTo(1);
        }
    }

    /** Tree children handed out in id order from a counter: a breadth-first layout. */
    private static CsrGraph breadthFirstGraph(OffHeapArrays arrays, IntArray roots, LongArray shallow) {
        SplittableRandom random = new SplittableRandom(42);
        CsrGraph.Builder builder = CsrGraph.builder(arrays);
        long next = TREE_START;
        for (int node = 0; node < TREE_START; node++) {
            builder.addNode();
            roots.set(node, node);
            if (node < ROOTS) {
                shallow.set(node, 16);
                rootExtras(builder, node);
                for (int i = 0; i < 500 && next < CHAIN_START; i++) {
                    builder.addEdge((int) next++);
                }
            } else {
                shallow.set(node, 500);
            }
        }
        for (int node = TREE_START; node < CHAIN_START; node++) {
            builder.addNode();
            int fanOut = fanOut(random);
            shallow.set(node, shallowSize(random, fanOut));
            for (int i = 0; i < fanOut && next < CHAIN_START; i++) {
                builder.addEdge((int) next++);
            }
            crossEdges(builder, random, node, ROOTS, TREE_START);
        }
        chainAndList(builder, shallow);
        return builder.build();
    }

    /**
     * The tree in postorder: each new object either is a leaf or adopts the last objects made as its
     * children, so subtrees are contiguous in id order as they are in a depth-first layout. Ids: the tree
     * objects first, then the classes, then the roots (which adopt what is left), then chain and list.
     */
    private static CsrGraph depthFirstGraph(OffHeapArrays arrays, IntArray roots, LongArray shallow) {
        SplittableRandom random = new SplittableRandom(42);
        CsrGraph.Builder builder = CsrGraph.builder(arrays);
        int classStart = TREE;
        int rootStart = TREE + CLASSES;
        try (IntArray pending = arrays.ints(TREE)) {
            long top = 0;
            for (int node = 0; node < TREE; node++) {
                builder.addNode();
                int fanOut = (int) Math.min(top, random.nextBoolean() ? 0 : fanOut(random));
                shallow.set(node, shallowSize(random, fanOut));
                for (int i = 0; i < fanOut; i++) {
                    builder.addEdge(pending.get(--top));
                }
                crossEdges(builder, random, node, classStart, 0);
                pending.set(top++, node);
            }
            for (int node = classStart; node < rootStart; node++) {
                builder.addNode();
                roots.set(node - classStart, node);
                shallow.set(node, 500);
            }
            for (int r = 0; r < ROOTS; r++) {
                int node = builder.addNode();
                roots.set(CLASSES + r, node);
                shallow.set(node, 16);
                rootExtras(builder, r);
                long share = top / (ROOTS - r);
                for (long i = 0; i < share; i++) {
                    builder.addEdge(pending.get(--top));
                }
            }
        }
        chainAndList(builder, shallow);
        return builder.build();
    }

    private static int fanOut(SplittableRandom random) {
        return random.nextInt(1000) == 0 ? 1000 : random.nextInt(4);
    }

    private static long shallowSize(SplittableRandom random, int fanOut) {
        return fanOut == 1000 ? 16 + 4 * 1000 : 16 + 8 * random.nextInt(6);
    }

    /** The class reference of every object, often one to a neighbour, now and then one to anything. */
    private static void crossEdges(CsrGraph.Builder builder, SplittableRandom random, int node, int classStart,
            int treeStart) {
        builder.addEdge(classStart + random.nextInt(CLASSES));
        int dice = random.nextInt(10);
        if (dice < 8) {
            builder.addEdge(Math.max(treeStart, node - 1 - random.nextInt(64)));
        } else if (dice == 8) {
            builder.addEdge(treeStart + random.nextInt(TREE));
        }
    }

    private static void rootExtras(CsrGraph.Builder builder, int root) {
        if (root == 0) {
            builder.addEdge(CHAIN_START);
        } else if (root == 1) {
            builder.addEdge(LIST_START);
            builder.addEdge(NODES - 1);
        }
    }

    private static void chainAndList(CsrGraph.Builder builder, LongArray shallow) {
        for (int node = CHAIN_START; node < LIST_START; node++) {
            builder.addNode();
            shallow.set(node, 24);
            if (node + 1 < LIST_START) {
                builder.addEdge(node + 1);
            }
        }
        for (int node = LIST_START; node < NODES; node++) {
            builder.addNode();
            shallow.set(node, 32);
            if (node + 1 < NODES) {
                builder.addEdge(node + 1);
            }
            if (node > LIST_START) {
                builder.addEdge(node - 1);
            }
        }
    }

    /** CPU time of this thread: the machine is shared, so wall time alone says little. */
    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long rssAnonKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("RssAnon:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: no figure
        }
        return 0;
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

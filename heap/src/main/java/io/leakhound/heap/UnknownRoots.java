package io.leakhound.heap;

import io.leakhound.heap.graph.CsrGraph;
import io.leakhound.heap.graph.IntArray;
import io.leakhound.heap.graph.OffHeapArrays;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Stand-in roots for a truncated dump. HotSpot writes most GC roots after the objects, so a dump cut
 * short by an OOM-killed writer keeps objects but no roots: everything would read as unreachable and
 * nothing as a suspect. Like Eclipse MAT's "keep unreachable objects", the objects that remain are then
 * treated as held by roots of unknown kind, chosen so that each stand-in holds as much as it can:
 * first every class object (the static fields a leak usually hangs from) and every object nothing
 * else refers to, then, for what is still unreached (cycles only), one object per cycle in file order.
 */
final class UnknownRoots {
    private UnknownRoots() {
    }

    /**
     * The nodes to treat as unknown roots: none of them reachable from {@code knownRoots} or from
     * another stand-in chosen before it.
     */
    static int[] choose(CsrGraph graph, IntArray classOfNode, int classClassIndex, int[] knownRoots,
                        OffHeapArrays arrays) {
        int nodes = graph.nodeCount();
        BitSet reached = new BitSet(nodes);
        try (IntArray queue = arrays.ints(Math.max(1, nodes)); IntArray inDegree = arrays.ints(Math.max(1, nodes))) {
            for (int node : knownRoots) {
                if (node >= 0) {
                    mark(graph, node, reached, queue);
                }
            }
            for (int node = 0; node < nodes; node++) {
                for (long edge = graph.firstEdge(node); edge < graph.endEdge(node); edge++) {
                    int target = graph.target(edge);
                    if (target != node) {
                        inDegree.set(target, inDegree.get(target) + 1);
                    }
                }
            }
            int[] chosen = new int[64];
            int count = 0;
            // every class the known roots miss stands for itself, as a system class would: one class
            // reaching another through its superclass must not make the first retain the second
            for (int node = 0; node < nodes; node++) {
                if (!reached.get(node) && classOfNode.get(node) == classClassIndex) {
                    chosen = append(chosen, count++, node);
                }
            }
            for (int i = 0; i < count; i++) {
                mark(graph, chosen[i], reached, queue);
            }
            for (int node = 0; node < nodes; node++) {
                if (!reached.get(node) && inDegree.get(node) == 0) {
                    chosen = append(chosen, count++, node);
                    mark(graph, node, reached, queue);
                }
            }
            for (int node = reached.nextClearBit(0); node < nodes; node = reached.nextClearBit(node + 1)) {
                chosen = append(chosen, count++, node);
                mark(graph, node, reached, queue);
            }
            return Arrays.copyOf(chosen, count);
        }
    }

    /** Marks everything reachable from {@code start}; {@code queue} is scratch space of one int per node. */
    private static void mark(CsrGraph graph, int start, BitSet reached, IntArray queue) {
        if (reached.get(start)) {
            return;
        }
        reached.set(start);
        queue.set(0, start);
        int head = 0;
        int tail = 1;
        while (head < tail) {
            int node = queue.get(head++);
            for (long edge = graph.firstEdge(node); edge < graph.endEdge(node); edge++) {
                int target = graph.target(edge);
                if (!reached.get(target)) {
                    reached.set(target);
                    queue.set(tail++, target);
                }
            }
        }
    }

    private static int[] append(int[] values, int size, int value) {
        int[] room = size == values.length ? Arrays.copyOf(values, size * 2) : values;
        room[size] = value;
        return room;
    }
}

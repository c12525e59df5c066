package io.leakhound.heap;

import io.leakhound.heap.graph.IntArray;
import io.leakhound.heap.graph.OffHeapArrays;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The GC roots of a dump resolved to nodes: which objects are roots, of which kind (the most telling
 * kind when an object is a root several times) and, for thread-bound roots, which thread.
 *
 * <p>Kept on the Java heap in primitive arrays: a dump has thousands of roots, rarely a million.
 */
public final class GcRoots {
    private final int[] nodes;
    private final byte[] kinds;
    private final int[] threadSerials;
    private final long records;
    private final long missing;
    private final Map<GcRootKind, Integer> countsByKind;
    private final Map<Integer, List<FrameRoot>> frames;

    /**
     * A local variable (or JNI local) of one frame: the thread and the frame's depth in its stack, 0 the
     * innermost, as {@link StackTraces#frame} takes them.
     */
    public record FrameRoot(int threadSerial, int depth) {
    }

    private GcRoots(int[] nodes, byte[] kinds, int[] threadSerials, long records, long missing,
                    Map<GcRootKind, Integer> countsByKind, Map<Integer, List<FrameRoot>> frames) {
        this.frames = frames;
        this.nodes = nodes;
        this.kinds = kinds;
        this.threadSerials = threadSerials;
        this.records = records;
        this.missing = missing;
        this.countsByKind = countsByKind;
    }

    /**
     * Resolves root records (node -1 for an object not in the dump) to distinct root objects, keeping
     * for each object its most telling kind per {@link GcRootKind}'s order.
     */
    static GcRoots of(int[] recordNodes, byte[] recordKinds, int[] recordThreads, int[] recordDepths, int count) {
        // every frame holding an object, not only the most telling root record: the frame a person looks at
        // is chosen when the holder is named
        Map<Integer, List<FrameRoot>> frames = new HashMap<>();
        for (int i = 0; i < count; i++) {
            GcRootKind kind = GcRootKind.values()[recordKinds[i]];
            if (recordNodes[i] >= 0 && recordDepths[i] >= 0
                    && (kind == GcRootKind.JAVA_FRAME || kind == GcRootKind.JNI_LOCAL)) {
                frames.computeIfAbsent(recordNodes[i], n -> new ArrayList<>())
                        .add(new FrameRoot(recordThreads[i], recordDepths[i]));
            }
        }
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> recordNodes[a] != recordNodes[b]
                ? Integer.compare(recordNodes[a], recordNodes[b])
                : Byte.compare(recordKinds[a], recordKinds[b]));
        int[] nodes = new int[count];
        byte[] kinds = new byte[count];
        int[] threads = new int[count];
        int distinct = 0;
        long missing = 0;
        Map<GcRootKind, Integer> countsByKind = new EnumMap<>(GcRootKind.class);
        for (int i = 0; i < count; i++) {
            int record = order[i];
            int node = recordNodes[record];
            if (node < 0) {
                missing++;
                continue;
            }
            countsByKind.merge(GcRootKind.values()[recordKinds[record]], 1, Integer::sum);
            if (distinct > 0 && nodes[distinct - 1] == node) {
                continue;
            }
            nodes[distinct] = node;
            kinds[distinct] = recordKinds[record];
            threads[distinct] = recordThreads[record];
            distinct++;
        }
        return new GcRoots(Arrays.copyOf(nodes, distinct), Arrays.copyOf(kinds, distinct),
                Arrays.copyOf(threads, distinct), count, missing, countsByKind, frames);
    }

    /** Distinct objects that are GC roots. */
    public int count() {
        return nodes.length;
    }

    /** Root records in the dump, an object counted once per record. */
    public long records() {
        return records;
    }

    /** Root records naming an object the dump does not contain. */
    public long missing() {
        return missing;
    }

    /** Root records per kind (for objects the dump contains). */
    public Map<GcRootKind, Integer> countsByKind() {
        return Map.copyOf(countsByKind);
    }

    /** The root's node, {@code i} in 0..count-1, ordered by node. */
    public int node(int i) {
        return nodes[i];
    }

    /** The most telling kind of root this node is, or {@code null} when it is none. */
    public GcRootKind kindOf(int node) {
        int i = Arrays.binarySearch(nodes, node);
        return i < 0 ? null : GcRootKind.values()[kinds[i]];
    }

    /** Serial of the thread a thread-bound root belongs to, 0 when none. */
    public int threadSerialOf(int node) {
        int i = Arrays.binarySearch(nodes, node);
        return i < 0 ? 0 : threadSerials[i];
    }

    /** The frames whose local variables hold this object, in the dump's order; empty when none does. */
    public List<FrameRoot> framesHolding(int node) {
        return List.copyOf(frames.getOrDefault(node, List.of()));
    }

    /**
     * The root nodes ordered so that a breadth-first search meets static fields before threads and
     * threads before local variables, the {@link GcRootKind#durable() durable} kinds first: the first
     * {@link #durableCount()} entries. The shortest path a search finds then names the longest-lived holder.
     */
    public IntArray inSearchOrder(OffHeapArrays arrays) {
        IntArray ordered = arrays.ints(nodes.length);
        int position = 0;
        for (boolean durable : new boolean[] {true, false}) {
            for (GcRootKind kind : GcRootKind.values()) {
                if (kind.durable() != durable) {
                    continue;
                }
                for (int i = 0; i < nodes.length; i++) {
                    if (kinds[i] == kind.ordinal()) {
                        ordered.set(position++, nodes[i]);
                    }
                }
            }
        }
        return ordered;
    }

    /** How many roots are of a durable kind: the head of {@link #inSearchOrder}. */
    public int durableCount() {
        int count = 0;
        for (byte kind : kinds) {
            if (GcRootKind.values()[kind].durable()) {
                count++;
            }
        }
        return count;
    }
}

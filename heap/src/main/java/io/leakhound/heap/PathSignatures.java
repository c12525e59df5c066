package io.leakhound.heap;

import io.leakhound.heap.graph.DominatorTree;
import io.leakhound.heap.graph.IntArray;
import io.leakhound.heap.graph.LongArray;
import io.leakhound.heap.graph.Progress;
import io.leakhound.heap.graph.ShortestPaths;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives every reachable object of a dump its path signature and sums the objects per signature, so that two
 * dumps of one process can be compared although every object has moved.
 *
 * <p>A signature is a 64-bit hash of how the shortest path from a GC root reaches the object:
 * <ul>
 *   <li>a class object reached as a class (from a GC root, a class loader's list of its classes, or another
 *       class's static field) is known by its class name alone, so that everything under a static field has
 *       the same signature in every dump however the class itself is reached;</li>
 *   <li>a class object held by the application's own data (a list of classes generated per request, whose
 *       one-shot loaders only those classes reference) is an element like any other object: its signature is
 *       its path's, so that the classes of one list are one signature and can be counted per dump;</li>
 *   <li>any other root by its root kind, its thread's name with digits folded ({@code request-#}, so that
 *       the threads of a pool are one) and its class;</li>
 *   <li>any other object by its parent's signature, the field of the parent it is held by (all indexes of an
 *       array are one) and its own class.</li>
 * </ul>
 * Recursion is folded: an object reached by the same field of the same class as one of its nearest
 * {@value #FOLD_DEPTH} ancestors, from a parent of the same class, takes that ancestor's signature. The links
 * of a linked list, a tree's nodes and lists of lists thus collapse into a few signatures instead of one per
 * depth. Classes are compared by name, so the same class loaded by many loaders is one class here.
 *
 * <p>Cost: a long and an int per object in off-heap arrays, a {@link SignatureTable} entry per distinct
 * signature, one pass over the objects (climbing at most {@value #FOLD_DEPTH} ancestors each) and one walk of
 * the dominator tree. The longs are released on return; the ints (each object's entry) live as long as the
 * index.
 */
final class PathSignatures {
    static final int FOLD_DEPTH = 4;
    /** A class in a loader's list: class, {@code Object[]}, {@code ArrayList} or {@code Vector}, loader. */
    private static final int LOADER_DEPTH = 3;
    private static final long CLASS_TAG = 0x636c617373L;
    private static final long ROOT_TAG = 0x726f6f74L;

    private final HeapStructure heap;
    private final HeapIndex index;
    private final ShortestPaths paths;
    private final long[] classHashes;
    private final boolean[] classLoaders;

    private PathSignatures(HeapStructure heap) {
        this.heap = heap;
        this.index = heap.index();
        this.paths = heap.paths();
        List<HeapClass> classes = index.classes();
        classHashes = new long[classes.size()];
        classLoaders = new boolean[classes.size()];
        for (int c = 0; c < classHashes.length; c++) {
            classHashes[c] = hash(classes.get(c).name());
            classLoaders[c] = extendsClassLoader(classes, c);
        }
    }

    private static boolean extendsClassLoader(List<HeapClass> classes, int classIndex) {
        // bounded: a corrupt dump's superclass chain may loop
        for (int c = classIndex, step = 0; c >= 0 && c < classes.size() && step < 64; step++) {
            if (classes.get(c).name().equals("java.lang.ClassLoader")) {
                return true;
            }
            c = classes.get(c).superIndex();
        }
        return false;
    }

    /**
     * The signatures of one dump, summed into a table of the dump's {@link HeapIndex#arrays() arrays}, and
     * the reachable objects of each class.
     */
    static DumpSignatures compute(HeapStructure heap, Progress progress) throws IOException {
        return new PathSignatures(heap).compute(progress);
    }

    private DumpSignatures compute(Progress progress) throws IOException {
        int nodeCount = index.nodeCount();
        SignatureTable table = new SignatureTable(index.arrays());
        int classCount = index.classes().size();
        long[] classCounts = new long[classCount];
        long[] classShallow = new long[classCount];
        long[] classRetained = new long[classCount];
        Map<Integer, String> threadNames = threadNames();
        // the entries outlive this pass: a comparison weighs the last dump's objects by their signature's growth
        IntArray entries = index.arrays().ints(Math.max(1, nodeCount));
        try (LongArray signatures = index.arrays().longs(nodeCount)) {
            int[] climb = new int[64];
            for (int node = 0; node < nodeCount; node++) {
                if ((node & 0xFFFFF) == 0) {
                    progress.update("path signatures", node, nodeCount);
                }
                if (signatures.get(node) != 0 || !paths.reachable(node)) {
                    continue;
                }
                // climb to the nearest object whose signature is known or needs no parent, then come down
                int depth = 0;
                int at = node;
                while (signatures.get(at) == 0 && !isAnchor(at)) {
                    if (depth == climb.length) {
                        climb = Arrays.copyOf(climb, depth * 2);
                    }
                    climb[depth++] = at;
                    at = paths.parent(at);
                }
                if (signatures.get(at) == 0) {
                    assign(at, anchorSignature(at, threadNames), 0, signatures, entries, table, classCounts, classShallow);
                }
                for (int i = depth - 1; i >= 0; i--) {
                    int child = climb[i];
                    int parent = paths.parent(child);
                    assign(child, signature(child, parent, signatures), signatures.get(parent), signatures, entries,
                            table, classCounts, classShallow);
                }
            }
            progress.update("path signatures", nodeCount, nodeCount);
            sumRetained(table, entries, classRetained);
        }
        return new DumpSignatures(heap, table, entries, index.classes(), classCounts, classShallow, classRetained);
    }

    private void assign(int node, long signature, long parentSignature, LongArray signatures, IntArray entries,
                        SignatureTable table, long[] classCounts, long[] classShallow) {
        signatures.set(node, signature);
        int entry = table.entryOf(signature, parentSignature);
        entries.set(node, entry);
        long shallow = index.shallowSize(node);
        table.addObject(entry, shallow);
        int classIndex = index.classIndexOf(node);
        classCounts[classIndex]++;
        classShallow[classIndex] += shallow;
    }

    /** Roots and class objects reached as classes: their signature does not depend on a parent. */
    private boolean isAnchor(int node) {
        return paths.parent(node) == ShortestPaths.ROOT || (index.isClassObject(node) && reachedAsClass(node));
    }

    /**
     * A class object held by another class object (a static field), by a class loader, or by the slots of an
     * array a class loader holds within {@value #LOADER_DEPTH} steps (its list of classes: {@code Object[]} in
     * an {@code ArrayList}, a {@code Vector} before JDK 9). A class its loader lists is reached so at its
     * shortest; only classes whose loaders nothing but those classes keeps alive are reached through other
     * data first.
     */
    private boolean reachedAsClass(int node) {
        int at = paths.parent(node);
        if (index.isClassObject(at) || classLoaders[index.classIndexOf(at)]) {
            return true;
        }
        if (!index.classOf(at).isArray()) {
            // a class held by a field of an ordinary object, not by the slots of a loader's list
            return false;
        }
        for (int step = 1; step < LOADER_DEPTH; step++) {
            at = paths.parent(at);
            if (at == ShortestPaths.ROOT) {
                return false;
            }
            if (classLoaders[index.classIndexOf(at)]) {
                return true;
            }
        }
        return false;
    }

    private long anchorSignature(int node, Map<Integer, String> threadNames) {
        if (index.isClassObject(node)) {
            return nonZero(mix(CLASS_TAG ^ hash(index.describedClass(node).name())));
        }
        GcRootKind kind = index.roots().kindOf(node);
        String thread = threadNames.get(index.roots().threadSerialOf(node));
        long detail = thread == null ? 0 : hash(thread);
        return nonZero(mix(mix(ROOT_TAG + (kind == null ? -1 : kind.ordinal())) ^ detail) + classHash(node));
    }

    private long signature(int node, int parent, LongArray signatures) {
        int label = paths.parentLabel(node);
        long nodeClass = classHash(node);
        long parentClass = classHash(parent);
        int ancestor = parent;
        for (int step = 0; step < FOLD_DEPTH && !isAnchor(ancestor); step++) {
            int above = paths.parent(ancestor);
            if (classHash(ancestor) == nodeClass && paths.parentLabel(ancestor) == label
                    && classHash(above) == parentClass) {
                return signatures.get(ancestor);
            }
            ancestor = above;
        }
        return nonZero(mix(mix(signatures.get(parent) ^ (label * 0x9E3779B97F4A7C15L)) + nodeClass));
    }

    /**
     * Per signature, what its objects retain with each object counted once: an object dominated by another
     * object of its own signature is inside that one's retained size. The same for classes (MAT's class
     * retained size). One walk of the dominator tree with a count of the entered objects per signature.
     */
    private void sumRetained(SignatureTable table, IntArray entries, long[] classRetained) {
        DominatorTree tree = heap.tree();
        int[] classesOnPath = new int[classRetained.length];
        try (IntArray onPath = index.arrays().ints(Math.max(1, table.size()))) {
            tree.walk(new DominatorTree.Visitor() {
                @Override
                public void enter(int node) {
                    long retained = heap.retained().retained(node);
                    int entry = entries.get(node);
                    int entered = onPath.get(entry);
                    if (entered == 0) {
                        table.addRetained(entry, node, retained);
                    }
                    onPath.set(entry, entered + 1);
                    int classIndex = index.classIndexOf(node);
                    if (classesOnPath[classIndex]++ == 0) {
                        classRetained[classIndex] += retained;
                    }
                }

                @Override
                public void exit(int node) {
                    int entry = entries.get(node);
                    onPath.set(entry, onPath.get(entry) - 1);
                    classesOnPath[index.classIndexOf(node)]--;
                }
            });
        }
    }

    /** Thread serial to the thread's name with digits folded, for the roots that belong to a thread. */
    private Map<Integer, String> threadNames() throws IOException {
        Map<Integer, String> folded = new HashMap<>();
        heap.names().threadNamesBySerial().forEach((serial, name) -> folded.put(serial, foldDigits(name)));
        return folded;
    }

    /** {@code pool-3-thread-17} becomes {@code pool-#-thread-#}: the threads of a pool are one holder. */
    static String foldDigits(String name) {
        return name.replaceAll("[0-9]+", "#");
    }

    private long classHash(int node) {
        return classHashes[index.classIndexOf(node)];
    }

    /** A 64-bit hash of a name (FNV-1a over its chars, then mixed). */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        return mix(h);
    }

    /** SplitMix64's finaliser: every input bit affects every output bit. */
    static long mix(long h) {
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    /** 0 marks "not computed yet" in the per-object array. */
    private static long nonZero(long signature) {
        return signature == 0 ? 1 : signature;
    }
}

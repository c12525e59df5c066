package io.leakhound.heap;

import io.leakhound.heap.graph.DominatorTree;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one accumulation-point search: from an object of the dominator tree down to the holder a person would
 * fix, its elements and how many there are. {@link LeakSuspects} (what one dump retains) and
 * {@link GrowthSuspects} (what grew between dumps, and so the watch's automatic capture and the JUnit
 * extension) both name their holders through it; they differ only in what a node {@link Weight weighs}.
 *
 * <ol>
 *   <li>Descent: step to the heaviest dominated child while it carries at least {@value #ACCUMULATION_RATIO}
 *       of its parent's weight (MAT's ratio). Where that stops, the weight spreads over many children: the
 *       elements. A class loader's list of classes is passed through to each heavy class, since classes of
 *       the application class loader are no GC roots in a HotSpot dump and everything static hangs below
 *       that list; an object whose weight splits over several heavy fields is followed down each of them.
 *       A run of one class (a hand-made linked list) stops at its head, a chain of collection entries at
 *       its first entry.</li>
 *   <li>Elements: below the accumulation point, through the entries of collections ({@code HashMap$Node}
 *       and its collision chains, {@code LinkedList$Node}, {@code ThreadLocalMap$Entry}...), the class
 *       that weighs most, counted one per element (a list of arrays holds as many arrays as it has slots
 *       used).</li>
 *   <li>Holder: from the accumulation point up its path from a GC root, out of arrays and entries, and out
 *       of the JDK collections another JDK collection wraps ({@code ArrayList} under
 *       {@code Collections$SynchronizedRandomAccessList}, {@code HashMap} under {@code HashSet}), stopping
 *       at the object a static field holds.</li>
 * </ol>
 * Costs the children lists it walks (those of the accumulation point once more to count the elements) and
 * a few record reads per holder to name its reference. Used by one thread at a time.
 */
final class AccumulationPointSearch {
    static final double ACCUMULATION_RATIO = 0.7;
    private static final int CHAIN_LENGTH = 3;

    /** What a node weighs: what it retains in one dump, or its share of its path's growth between dumps. */
    interface Weight {
        long of(int node);
    }

    /**
     * A holder found.
     *
     * @param point     where the weight spreads over the elements
     * @param holder    the object a person would fix: the point, or the collection it is the inside of
     * @param path      the shortest path from a GC root to the point, root first
     * @param reference how the holder is referenced ({@code static com.acme.Bus.LISTENERS})
     * @param inside    the JDK collections inside the holder, outermost first ({@code java.util.ArrayList}
     *                  under a synchronized list), empty when the holder is the collection itself
     * @param elements  what accumulates below the point
     */
    record Accumulation(int point, int holder, int[] path, String reference, List<String> inside, Elements elements) {
        Accumulation {
            inside = List.copyOf(inside);
        }
    }

    /**
     * @param classIndex the elements' class, as {@link HeapIndex#classIndexOf}
     * @param count      elements of that class
     * @param weight     their weight together
     * @param retained   what they retain together
     */
    record Elements(int classIndex, String className, long count, long weight, long retained) {
    }

    private final HeapStructure heap;
    private final HeapIndex index;
    private final DominatorTree tree;
    private final Weight weight;
    private final long heavy;

    /**
     * @param weight what a node weighs
     * @param heavy  the least weight a child must have to be followed when the weight splits over several
     *               children (the least a suspect may weigh)
     */
    AccumulationPointSearch(HeapStructure heap, Weight weight, long heavy) {
        this.heap = heap;
        this.index = heap.index();
        this.tree = heap.tree();
        this.weight = weight;
        this.heavy = Math.max(1, heavy);
    }

    /** The holders below {@code start}: one, or one per heavy branch when the weight splits. */
    List<Accumulation> from(int start) throws IOException {
        List<Accumulation> found = new ArrayList<>();
        Deque<Integer> pending = new ArrayDeque<>(List.of(start));
        Set<Integer> visited = new HashSet<>();
        while (!pending.isEmpty()) {
            int node = pending.removeFirst();
            if (!visited.add(node)) {
                continue;
            }
            int point = descend(node, pending);
            if (point >= 0) {
                found.add(accumulation(point));
            }
        }
        return found;
    }

    /**
     * Follows the heaviest child while it carries most of its parent; returns the accumulation point, or -1
     * when the weight split and the heavy branches were added to {@code branches} instead.
     */
    int descend(int node, Deque<Integer> branches) {
        int current = node;
        int runStart = -1;
        int runLength = 0;
        while (true) {
            int best = heaviestChild(current);
            if (best < 0) {
                break;
            }
            if (weight.of(best) < ACCUMULATION_RATIO * weight.of(current)) {
                List<Integer> split = heavyBranches(current);
                if (!split.isEmpty()) {
                    split.forEach(branches::addLast);
                    return -1;
                }
                break;
            }
            if (isEntry(current) && isEntry(best)) {
                // a collection's chain of entries (a LinkedList, a long collision chain): its elements are
                // what the entries hold, counted from the first
                break;
            }
            if (isLink(current, best)) {
                if (runStart < 0) {
                    runStart = current;
                    runLength = 1;
                }
                runLength++;
            } else {
                runStart = -1;
                runLength = 0;
            }
            current = best;
        }
        return runStart >= 0 && runLength >= CHAIN_LENGTH ? runStart : current;
    }

    private int heaviestChild(int node) {
        int best = -1;
        long bestWeight = Long.MIN_VALUE;
        for (int i = 0; i < tree.childCount(node); i++) {
            int child = tree.child(node, i);
            long w = weight.of(child);
            if (w > bestWeight) {
                best = child;
                bestWeight = w;
            }
        }
        return best;
    }

    /**
     * The heavy children to follow one by one when none carries most of the weight: the classes of a class
     * loader's list, each heavy one, and otherwise the heavy children of an object whose weight splits over
     * several different fields (a service holding two growing lists). Heavy children reached through the
     * same field or array (three big arrays in one list) are elements, not branches.
     */
    private List<Integer> heavyBranches(int node) {
        List<Integer> heavyChildren = new ArrayList<>();
        Set<Long> kinds = new HashSet<>();
        boolean classes = true;
        boolean fields = true;
        for (int i = 0; i < tree.childCount(node); i++) {
            int child = tree.child(node, i);
            if (weight.of(child) >= heavy) {
                heavyChildren.add(child);
                classes &= index.isClassObject(child);
                // a field of this very object: an array's slots are elements however different their classes
                boolean field = heap.paths().parent(child) == node && heap.paths().parentLabel(child) >= 0;
                kinds.add(field ? ((long) heap.paths().parentLabel(child) << 32) | index.classIndexOf(child) : -1L - i);
                fields &= field;
            }
        }
        if (heavyChildren.isEmpty()) {
            return List.of();
        }
        if (classes || (fields && heavyChildren.size() >= 2 && kinds.size() == heavyChildren.size())) {
            return heavyChildren;
        }
        return List.of();
    }

    private boolean isEntry(int node) {
        return !index.isClassObject(node) && isCollectionEntry(index.classOf(node).name());
    }

    /** A step along a hand-made linked structure: an object dominating one of its own class (arrays excepted). */
    private boolean isLink(int from, int to) {
        return index.classIndexOf(from) == index.classIndexOf(to) && !index.classOf(from).isArray()
                && !index.isClassObject(from) && !isCollectionEntry(index.classOf(from).name());
    }

    private Accumulation accumulation(int point) throws IOException {
        int[] path = heap.paths().pathFromRoot(point);
        int collection = holderPosition(path);
        int at = outOfLibraries(path, collection);
        List<String> inside = new ArrayList<>();
        for (int i = at + 1; i < path.length; i++) {
            if (i <= collection && !isContainer(index, path[i])) {
                inside.add(index.classOf(path[i]).name());
            } else if (i > collection) {
                if (!isInternalCollection(path[i])) {
                    break;
                }
                inside.add(index.classOf(path[i]).name());
            }
        }
        int holder = path[at];
        return new Accumulation(point, holder, path, reference(path, at), inside, elements(point));
    }

    /**
     * Where on {@code path} (root first, ending at the point) the holder is: out of arrays and collection
     * entries, then out of JDK collections held by a JDK collection; never above an object a static field
     * holds (the field names the holder) nor above the root.
     */
    private int holderPosition(int[] path) {
        int i = path.length - 1;
        while (i > 0 && isContainer(index, path[i]) && !index.isClassObject(path[i - 1])) {
            i--;
        }
        while (i > 0 && isInternalCollection(path[i]) && isInternalCollection(path[i - 1])) {
            i--;
        }
        return i;
    }

    /**
     * From the collection at {@code path[at]} up to the object the application's own static field holds,
     * when every object in between belongs to another code base (a library's or the JDK's): a Caffeine cache's
     * {@code UnboundedLocalCache.data}, an EventBus's registry of subscribers. What a person fixes is their
     * own field ({@code static com.acme.Prices.CACHE}), not the library's internals, which become the
     * holder's inside. The application is told by the top package of the class declaring that static field;
     * a holder of the application's own (a singleton's instance field) stays where it is.
     */
    private int outOfLibraries(int[] path, int at) {
        int statics = -1;
        for (int i = at - 1; i >= 0 && statics < 0; i--) {
            if (index.isClassObject(path[i])) {
                statics = i;
            }
        }
        if (statics < 0) {
            return at;
        }
        String application = topPackage(index.describedClass(path[statics]).name());
        int i = at;
        while (i > statics + 1 && isForeign(path[i - 1], application)) {
            i--;
        }
        return i;
    }

    private boolean isForeign(int node, String application) {
        return !index.isClassObject(node)
                && (isContainer(index, node) || !topPackage(index.classOf(node).name()).equals(application));
    }

    /** The first two segments of a class's package ({@code com.github} for Caffeine), or its only one. */
    static String topPackage(String className) {
        int dot = className.indexOf('.');
        if (dot < 0) {
            return "";
        }
        int second = className.indexOf('.', dot + 1);
        return second < 0 ? className.substring(0, dot) : className.substring(0, second);
    }

    /** A JDK collection object (not its array or entries), which may wrap or be wrapped by another. */
    private boolean isInternalCollection(int node) {
        if (node < 0 || index.isClassObject(node)) {
            return false;
        }
        HeapClass heapClass = index.classOf(node);
        return heapClass.name().startsWith("java.util.") && !heapClass.isArray() && !isCollectionEntry(heapClass.name());
    }

    /**
     * How the holder at {@code path[at]} is referenced; when a thread's stack holds it or an object on its way
     * there (a local variable, the {@code this} of a running method), the field it came from and the thread
     * and frame: {@code com.acme.Batch.pending, held on the stack of thread worker-1 at
     * com.acme.Batch.run(Batch.java:42)}.
     */
    private String reference(int[] path, int at) throws IOException {
        ReferenceNames names = heap.names();
        String reference = names.referenceTo(path, path[at]);
        if (at == 0 || index.isClassObject(path[0]) || passesStatic(path, at)) {
            return reference;
        }
        String stack = names.stackHolding(path, at);
        if (stack != null) {
            return reference + ", held on the stack of " + stack;
        }
        GcRootKind rootKind = index.roots().kindOf(path[0]);
        if (rootKind != null && !rootKind.durable()) {
            return reference + " under " + names.root(path[0]);
        }
        return reference;
    }

    private boolean passesStatic(int[] path, int at) {
        for (int i = 0; i < at; i++) {
            if (index.isClassObject(path[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * What accumulates below the point: through collection entries, the class whose objects weigh most,
     * one count per object. A linked chain's elements are its links; a leaf is its own element.
     */
    Elements elements(int point) {
        if (tree.childCount(point) > 0 && isLink(point, tree.child(point, 0))) {
            return chain(point);
        }
        Map<Integer, long[]> byClass = new HashMap<>();
        Deque<Integer> pending = new ArrayDeque<>();
        pushChildren(point, pending);
        while (!pending.isEmpty()) {
            int node = pending.removeFirst();
            if (isCollectionEntry(index.classOf(node).name()) && !index.isClassObject(node)) {
                pushChildren(node, pending);
                continue;
            }
            long[] sum = byClass.computeIfAbsent(index.classIndexOf(node), c -> new long[3]);
            sum[0] += weight.of(node);
            sum[1]++;
            sum[2] += heap.retained().retained(node);
        }
        Map.Entry<Integer, long[]> best = null;
        for (Map.Entry<Integer, long[]> entry : byClass.entrySet()) {
            if (best == null || entry.getValue()[0] > best.getValue()[0]) {
                best = entry;
            }
        }
        if (best == null) {
            return new Elements(index.classIndexOf(point), index.classOf(point).name(), 1, weight.of(point),
                    heap.retained().retained(point));
        }
        long[] sum = best.getValue();
        return new Elements(best.getKey(), index.classes().get(best.getKey()).name(), sum[1], sum[0], sum[2]);
    }

    private void pushChildren(int node, Deque<Integer> pending) {
        for (int i = 0; i < tree.childCount(node); i++) {
            pending.addLast(tree.child(node, i));
        }
    }

    /** The links of a hand-made linked list from its head. */
    private Elements chain(int head) {
        int classIndex = index.classIndexOf(head);
        long links = 0;
        int current = head;
        while (current >= 0) {
            links++;
            int next = -1;
            for (int i = 0; i < tree.childCount(current); i++) {
                int child = tree.child(current, i);
                if (index.classIndexOf(child) == classIndex) {
                    next = child;
                    break;
                }
            }
            current = next;
        }
        return new Elements(classIndex, index.classOf(head).name(), links, weight.of(head), heap.retained().retained(head));
    }

    /**
     * The internal entry classes of the JDK's collections, which hold the elements a person cares about:
     * {@code HashMap$Node}, {@code TreeMap$Entry}, {@code ConcurrentHashMap$Node}, {@code LinkedList$Node},
     * {@code ThreadLocal$ThreadLocalMap$Entry}...
     */
    static boolean isCollectionEntry(String className) {
        boolean jdk = className.startsWith("java.util.") || className.startsWith("java.lang.ThreadLocal$");
        return jdk && (className.endsWith("$Node") || className.endsWith("$Entry") || className.endsWith("$TreeNode")
                || className.endsWith("$HashEntry") || className.endsWith("$ForwardingNode")
                || className.endsWith("$TreeBin") || className.endsWith("$Index"));
    }

    /**
     * Whether the object is an array or a collection entry: the inside of a collection, which holds the
     * elements a person cares about but is not what a person calls the holder. Class objects are not.
     */
    static boolean isContainer(HeapIndex index, int node) {
        if (node < 0 || index.isClassObject(node)) {
            return false;
        }
        HeapClass heapClass = index.classOf(node);
        return heapClass.isArray() || isCollectionEntry(heapClass.name());
    }
}

package io.leakhound.heap;

import io.leakhound.heap.graph.DominatorTree;
import io.leakhound.heap.graph.RetainedSizes;
import io.leakhound.heap.graph.ShortestPaths;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds leak suspects the way Eclipse MAT's leak report does, then names them for a person.
 *
 * <ol>
 *   <li>Candidates: objects at the top of the dominator tree (held by GC roots alone) that retain more
 *       than {@value #SUSPECT_FRACTION} of the reachable heap, and classes whose top-level instances
 *       together do.</li>
 *   <li>Accumulation point: from the candidate, step to the biggest dominated child while it carries at
 *       least {@value #ACCUMULATION_RATIO} of its parent's retained size (MAT's ratio). Where that stops,
 *       the memory spreads over many children: the elements. A chain of one class (a hand-made linked list)
 *       is stopped at its head, not followed to its tail.</li>
 *   <li>Elements: the class of the accumulation point's children that retains most. Collection entries
 *       ({@code HashMap$Node}, {@code LinkedList$Node}...) are looked through to what they hold.</li>
 *   <li>Holder: the accumulation point, or when it is an array, the nearest object above it on the path
 *       (the {@code ArrayList} whose {@code elementData} it is).</li>
 *   <li>Order: by retained size, except that groups of fewer than {@value #WORKING_SET_INSTANCES} instances
 *       come after the single objects (see {@link #workingSet}).</li>
 * </ol>
 * Costs the size of the children lists it walks, and a few record reads per suspect to name the path.
 */
final class LeakSuspects {
    static final double SUSPECT_FRACTION = 0.10;
    static final double ACCUMULATION_RATIO = 0.7;
    private static final int MAX_SUSPECTS = 10;
    private static final int CHAIN_LENGTH = 3;
    private static final int WORKING_SET_INSTANCES = 100;

    private final HeapIndex index;
    private final DominatorTree tree;
    private final RetainedSizes retained;
    private final ShortestPaths paths;
    private final ReferenceNames names;
    private final long total;

    LeakSuspects(HeapIndex index, DominatorTree tree, RetainedSizes retained, ShortestPaths paths, ReferenceNames names) {
        this.index = index;
        this.tree = tree;
        this.retained = retained;
        this.paths = paths;
        this.names = names;
        this.total = retained.totalReachable();
    }

    List<LeakSuspect> find() throws IOException {
        List<LeakSuspect> suspects = new ArrayList<>();
        if (total <= 0) {
            return suspects;
        }
        long threshold = (long) Math.ceil(total * SUSPECT_FRACTION);
        Set<Integer> singles = new HashSet<>();
        Map<Integer, long[]> byClass = new HashMap<>();
        Map<Integer, Integer> biggestOfClass = new HashMap<>();
        int top = tree.childCount(DominatorTree.VIRTUAL_ROOT);
        for (int i = 0; i < top; i++) {
            int node = tree.child(DominatorTree.VIRTUAL_ROOT, i);
            long size = retained.retained(node);
            if (size >= threshold) {
                singles.add(node);
                suspects.add(single(node));
                continue;
            }
            int classIndex = index.classIndexOf(node);
            if (index.isClassObject(node)) {
                // class objects are roots by the hundred; a class's statics are judged one class at a time
                continue;
            }
            long[] sum = byClass.computeIfAbsent(classIndex, c -> new long[2]);
            sum[0] += size;
            sum[1]++;
            biggestOfClass.putIfAbsent(classIndex, node); // children come biggest first
        }
        for (Map.Entry<Integer, long[]> entry : byClass.entrySet()) {
            long[] sum = entry.getValue();
            if (sum[0] >= threshold && sum[1] > 1) {
                suspects.add(classInstances(entry.getKey(), sum[0], sum[1], biggestOfClass.get(entry.getKey())));
            }
        }
        suspects.sort(Comparator.comparing(LeakSuspects::workingSet).thenComparing(
                Comparator.comparingLong(LeakSuspect::retainedBytes).reversed()));
        return suspects.size() > MAX_SUSPECTS ? suspects.subList(0, MAX_SUSPECTS) : suspects;
    }

    private LeakSuspect single(int node) throws IOException {
        int point = accumulationPoint(node);
        Elements elements = elements(point);
        int[] path = paths.pathFromRoot(point);
        int holder = holder(path);
        return new LeakSuspect(LeakSuspect.Kind.SINGLE_OBJECT, retained.retained(node), fraction(retained.retained(node)),
                ref(node), ref(point), ref(holder), names.referenceTo(path, holder), elements.className,
                elements.count, elements.retainedBytes, names.describe(path));
    }

    private LeakSuspect classInstances(int classIndex, long size, long count, int biggest) throws IOException {
        int[] path = paths.pathFromRoot(biggest);
        String className = index.classes().get(classIndex).name();
        return new LeakSuspect(LeakSuspect.Kind.CLASS_INSTANCES, size, fraction(size), ref(biggest), ref(biggest),
                ref(biggest), names.referenceTo(path, biggest), className, count, size, names.describe(path));
    }

    /**
     * A handful of big instances of one class (the workers of a pool, the tenants of a service) is
     * usually a working set sized by configuration, while one holder of many elements, or thousands of
     * instances, is how a leak looks. Such groups rank after the single-object suspects.
     */
    private static boolean workingSet(LeakSuspect suspect) {
        return suspect.kind() == LeakSuspect.Kind.CLASS_INSTANCES && suspect.elementCount() < WORKING_SET_INSTANCES;
    }

    /**
     * Follows the biggest child while it carries most of its parent. Stops at the head of a run of one
     * class, which is a linked structure whose every link dominates the rest.
     */
    int accumulationPoint(int node) {
        int current = node;
        int runStart = -1;
        int runLength = 0;
        while (tree.childCount(current) > 0) {
            int biggest = tree.child(current, 0);
            if (retained.retained(biggest) < ACCUMULATION_RATIO * retained.retained(current)) {
                break;
            }
            if (index.classIndexOf(biggest) == index.classIndexOf(current)) {
                if (runStart < 0) {
                    runStart = current;
                    runLength = 1;
                }
                runLength++;
            } else {
                runStart = -1;
                runLength = 0;
            }
            current = biggest;
        }
        return runStart >= 0 && runLength >= CHAIN_LENGTH ? runStart : current;
    }

    private record Elements(String className, long count, long retainedBytes) {
    }

    /** The class that retains most among the children of the accumulation point, looking through collection entries. */
    private Elements elements(int point) {
        Map<Integer, long[]> byClass = new HashMap<>();
        int childCount = tree.childCount(point);
        boolean chain = false;
        if (childCount > 0 && index.classIndexOf(tree.child(point, 0)) == index.classIndexOf(point)) {
            // a linked chain: the elements are the links themselves
            chain = true;
        }
        if (chain) {
            long links = 0;
            int current = point;
            while (current >= 0) {
                links++;
                int next = -1;
                for (int i = 0; i < tree.childCount(current); i++) {
                    int child = tree.child(current, i);
                    if (index.classIndexOf(child) == index.classIndexOf(point)) {
                        next = child;
                        break;
                    }
                }
                current = next;
            }
            return new Elements(index.classOf(point).name(), links, retained.retained(point));
        }
        for (int i = 0; i < childCount; i++) {
            int child = tree.child(point, i);
            tally(byClass, child);
        }
        Map.Entry<Integer, long[]> best = biggest(byClass);
        if (best == null) {
            // a leaf, such as a big array of primitives: the point is its own element
            return new Elements(index.classOf(point).name(), 1, retained.retained(point));
        }
        if (isCollectionEntry(index.classes().get(best.getKey()).name())) {
            Map<Integer, long[]> held = new HashMap<>();
            for (int i = 0; i < childCount; i++) {
                int child = tree.child(point, i);
                if (index.classIndexOf(child) == best.getKey()) {
                    for (int j = 0; j < tree.childCount(child); j++) {
                        int grandChild = tree.child(child, j);
                        if (!isCollectionEntry(index.classOf(grandChild).name())) {
                            tally(held, grandChild);
                        }
                    }
                }
            }
            Map.Entry<Integer, long[]> value = biggest(held);
            if (value != null && value.getValue()[0] * 2 >= best.getValue()[0]) {
                best = value;
            }
        }
        return new Elements(index.classes().get(best.getKey()).name(), best.getValue()[1], best.getValue()[0]);
    }

    private void tally(Map<Integer, long[]> byClass, int node) {
        long[] sum = byClass.computeIfAbsent(index.classIndexOf(node), c -> new long[2]);
        sum[0] += retained.retained(node);
        sum[1]++;
    }

    private static Map.Entry<Integer, long[]> biggest(Map<Integer, long[]> byClass) {
        Map.Entry<Integer, long[]> best = null;
        for (Map.Entry<Integer, long[]> entry : byClass.entrySet()) {
            if (best == null || entry.getValue()[0] > best.getValue()[0]) {
                best = entry;
            }
        }
        return best;
    }

    /** The internal entry classes of the JDK's collections, which hold the elements a person cares about. */
    static boolean isCollectionEntry(String className) {
        return className.startsWith("java.util.") && (className.endsWith("$Node") || className.endsWith("$Entry")
                || className.endsWith("$TreeNode") || className.endsWith("$HashEntry")
                || className.endsWith("$ForwardingNode"));
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

    /**
     * The accumulation point, or the nearest non-array object above it on its path when it is an array;
     * an array held straight by a static field is its own holder.
     */
    private int holder(int[] path) {
        for (int i = path.length - 1; i >= 0; i--) {
            if (index.isClassObject(path[i]) && i + 1 < path.length) {
                // an array in a static field: the field names the holder better than its class does
                return path[i + 1];
            }
            if (!isContainer(index, path[i])) {
                return path[i];
            }
        }
        return path[path.length - 1];
    }

    private HeapAnalysis.ObjectRef ref(int node) {
        return new HeapAnalysis.ObjectRef(index.address(node), index.classOf(node).name());
    }

    private double fraction(long bytes) {
        return total == 0 ? 0 : (double) bytes / total;
    }
}

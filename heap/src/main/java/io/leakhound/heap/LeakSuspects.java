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
 *   <li>Holder, accumulation point and elements of each single candidate: {@link AccumulationPointSearch}
 *       weighing objects by what they retain, the search {@code diff} names its holders with.</li>
 *   <li>Order: by retained size, except that groups of fewer than {@value #WORKING_SET_INSTANCES} instances
 *       come after the single objects (see {@link #workingSet}).</li>
 * </ol>
 * Costs the size of the children lists it walks, and a few record reads per suspect to name the path.
 */
final class LeakSuspects {
    static final double SUSPECT_FRACTION = 0.10;
    private static final int MAX_SUSPECTS = 10;
    private static final int WORKING_SET_INSTANCES = 100;

    private final HeapIndex index;
    private final DominatorTree tree;
    private final RetainedSizes retained;
    private final ShortestPaths paths;
    private final ReferenceNames names;
    private final AccumulationPointSearch search;
    private final long total;

    LeakSuspects(HeapStructure heap) {
        this.index = heap.index();
        this.tree = heap.tree();
        this.retained = heap.retained();
        this.paths = heap.paths();
        this.names = heap.names();
        this.total = retained.totalReachable();
        this.search = new AccumulationPointSearch(heap, retained::retained, threshold());
    }

    private long threshold() {
        return (long) Math.ceil(total * SUSPECT_FRACTION);
    }

    List<LeakSuspect> find() throws IOException {
        List<LeakSuspect> suspects = new ArrayList<>();
        if (total <= 0) {
            return suspects;
        }
        long threshold = threshold();
        Set<Integer> singles = new HashSet<>();
        Map<Integer, long[]> byClass = new HashMap<>();
        Map<Integer, Integer> biggestOfClass = new HashMap<>();
        int top = tree.childCount(DominatorTree.VIRTUAL_ROOT);
        for (int i = 0; i < top; i++) {
            int node = tree.child(DominatorTree.VIRTUAL_ROOT, i);
            long size = retained.retained(node);
            if (size >= threshold) {
                singles.add(node);
                suspects.addAll(single(node));
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

    private List<LeakSuspect> single(int node) throws IOException {
        List<AccumulationPointSearch.Accumulation> branches = search.from(node);
        List<LeakSuspect> found = new ArrayList<>();
        for (AccumulationPointSearch.Accumulation at : branches) {
            // one object split over several heavy fields is several suspects, each as big as its own branch
            int top = branches.size() == 1 ? node : branchTop(node, at);
            long size = retained.retained(top);
            found.add(new LeakSuspect(LeakSuspect.Kind.SINGLE_OBJECT, size, fraction(size), ref(top), ref(at.point()),
                    ref(at.holder()), at.reference(), at.elements().className(), at.elements().count(),
                    at.elements().retained(), names.describe(at.path()), at.inside()));
        }
        return found;
    }

    /** The biggest object of a branch: its holder when the candidate dominates it, else its accumulation point. */
    private int branchTop(int candidate, AccumulationPointSearch.Accumulation at) {
        return tree.dominates(candidate, at.holder()) ? at.holder() : at.point();
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

    private HeapAnalysis.ObjectRef ref(int node) {
        return new HeapAnalysis.ObjectRef(index.address(node), index.classOf(node).name());
    }

    private double fraction(long bytes) {
        return total == 0 ? 0 : (double) bytes / total;
    }
}

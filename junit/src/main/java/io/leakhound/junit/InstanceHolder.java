package io.leakhound.junit;

import io.leakhound.heap.HeapIndex;
import io.leakhound.heap.ReferenceNames;
import io.leakhound.heap.graph.IntArray;
import io.leakhound.heap.graph.Progress;
import io.leakhound.heap.graph.ShortestPaths;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The object that holds the instances of a growing class, found from their shortest paths in one dump: the
 * nearest common ancestor of at least as many of them as the class grew by. Used when the heap comparison
 * names a holder whose own element count did not grow (a class loader's list of classes above the class
 * whose static field leaks): the instances that accumulate point at their real holder.
 *
 * <p>Cost: the dump's index and one breadth-first search for the shortest paths, then a few parent steps per
 * instance of the class (ints only) and a few record reads to name the one path shown.
 */
final class InstanceHolder {

    /** How far above an instance its holder is looked for: list array, map table and node, tree nodes. */
    private static final int MAX_STEPS_UP = 8;

    private InstanceHolder() {
    }

    /**
     * @param className the class whose instances grew, as {@link io.leakhound.heap.HeapClass#name()} spells it
     * @param grewBy    how many instances it gained between the dumps
     * @return the path from a GC root to the holder, or an empty list when no single object holds that many
     */
    static List<String> pathToHolder(Path dump, Path temporaryDirectory, String className, long grewBy)
            throws IOException {
        try (HeapIndex index = HeapIndex.open(dump, temporaryDirectory, Progress.NONE)) {
            int classIndex = -1;
            for (var c : index.classes()) {
                if (c.name().equals(className)) {
                    classIndex = c.index();
                    break;
                }
            }
            if (classIndex < 0) {
                return List.of();
            }
            IntArray roots = index.roots().inSearchOrder(index.arrays());
            try (ShortestPaths paths = ShortestPaths.compute(index.graph(), roots, index.roots().durableCount(),
                    index.arrays(), Progress.NONE)) {
                // instances held per ancestor, at each distance above them
                List<Map<Integer, Integer>> heldAt = new ArrayList<>();
                for (int i = 0; i < MAX_STEPS_UP; i++) {
                    heldAt.add(new HashMap<>());
                }
                for (int node = 0; node < index.nodeCount(); node++) {
                    if (index.classIndexOf(node) != classIndex || index.isClassObject(node) || !paths.reachable(node)) {
                        continue;
                    }
                    int at = node;
                    for (int step = 0; step < MAX_STEPS_UP; step++) {
                        int parent = paths.parent(at);
                        if (parent < 0) {
                            break;
                        }
                        heldAt.get(step).merge(parent, 1, Integer::sum);
                        at = parent;
                    }
                }
                // the nearest level at which one object holds enough of them; the one holding most there
                for (Map<Integer, Integer> level : heldAt) {
                    var holder = level.entrySet().stream().filter(e -> e.getValue() >= grewBy)
                            .max(Map.Entry.comparingByValue());
                    if (holder.isPresent()) {
                        return new ReferenceNames(index).describe(paths.pathFromRoot(holder.get().getKey()));
                    }
                }
                return List.of();
            }
        }
    }
}

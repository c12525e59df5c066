package io.leakhound.junit;

import io.leakhound.heap.HeapClass;
import io.leakhound.heap.HeapIndex;
import io.leakhound.heap.ReferenceNames;
import io.leakhound.heap.graph.IntArray;
import io.leakhound.heap.graph.Progress;
import io.leakhound.heap.graph.ShortestPaths;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The class loaders a heap dump holds, each as how it is reached from a GC root: what the class-loader leak
 * check compares before and after a body. Objects move between dumps, so loaders are counted by class: a
 * class with more reachable loaders in the second dump than in the first had loaders created by the body that
 * are still reachable; the ones shown are those whose path from a root the first dump did not have.
 *
 * <p>Cost: the dump's index and one breadth-first search for the shortest paths (a second or two for a test
 * JVM's heap), then a few record reads per loader to name its path.
 */
final class ClassLoaderCensus {

    private ClassLoaderCensus() {
    }

    /**
     * One reachable loader.
     *
     * @param className   its class
     * @param description its class and the first class it defined: {@code java.net.URLClassLoader defining
     *                    com.acme.Plugin}
     * @param path        its path from a GC root, one hop per entry
     */
    record Loader(String className, String description, List<String> path) {
        Loader {
            path = List.copyOf(path);
        }
    }

    static List<Loader> of(Path dump, Path temporaryDirectory) throws IOException {
        try (HeapIndex index = HeapIndex.open(dump, temporaryDirectory, Progress.NONE)) {
            List<HeapClass> classes = index.classes();
            boolean[] isLoaderClass = loaderClasses(classes);
            Map<Long, TreeSet<String>> definedBy = new HashMap<>();
            for (HeapClass c : classes) {
                if (c.loaderAddress() != 0) {
                    definedBy.computeIfAbsent(c.loaderAddress(), a -> new TreeSet<>()).add(c.name());
                }
            }
            IntArray roots = index.roots().inSearchOrder(index.arrays());
            List<Loader> loaders = new ArrayList<>();
            try (ShortestPaths paths = ShortestPaths.compute(index.graph(), roots, index.roots().durableCount(),
                    index.arrays(), Progress.NONE)) {
                ReferenceNames names = new ReferenceNames(index);
                for (int node = 0; node < index.nodeCount(); node++) {
                    if (isLoaderClass[index.classIndexOf(node)] && !index.isClassObject(node) && paths.reachable(node)) {
                        TreeSet<String> defined = definedBy.get(index.address(node));
                        String className = index.classOf(node).name();
                        String description = className
                                + (defined == null ? " (no classes defined)" : " defining " + defined.first()
                                + (defined.size() > 1 ? " and " + (defined.size() - 1) + " more" : ""));
                        loaders.add(new Loader(className, description, names.describe(paths.pathFromRoot(node))));
                    }
                }
            }
            return loaders;
        }
    }

    /** Which classes of the dump are {@code java.lang.ClassLoader} or extend it. */
    private static boolean[] loaderClasses(List<HeapClass> classes) {
        boolean[] loader = new boolean[classes.size()];
        for (HeapClass c : classes) {
            // hierarchies are shallow; the bound guards against a cycle in a corrupt dump
            int at = c.index();
            for (int depth = 0; at >= 0 && depth < 64; depth++) {
                if (classes.get(at).name().equals("java.lang.ClassLoader")) {
                    loader[c.index()] = true;
                    break;
                }
                at = classes.get(at).superIndex();
            }
        }
        return loader;
    }

    /**
     * The loaders of {@code after} that {@code before} does not have: for each loader class whose count grew by
     * k, k of its loaders, those whose description and path {@code before} did not have first (a loader's path
     * can change while the count stays, as when a thread moves on, and the app loader defines more classes as
     * the test runs: only the count says a loader is new).
     */
    static List<Loader> added(List<Loader> before, List<Loader> after) {
        Map<String, List<Loader>> beforeBy = new LinkedHashMap<>();
        before.forEach(l -> beforeBy.computeIfAbsent(l.className(), d -> new ArrayList<>()).add(l));
        Map<String, List<Loader>> afterBy = new LinkedHashMap<>();
        after.forEach(l -> afterBy.computeIfAbsent(l.className(), d -> new ArrayList<>()).add(l));
        List<Loader> added = new ArrayList<>();
        afterBy.forEach((className, now) -> {
            List<Loader> then = new ArrayList<>(beforeBy.getOrDefault(className, List.of()));
            int more = now.size() - then.size();
            if (more <= 0) {
                return;
            }
            List<Loader> unmatched = new ArrayList<>();
            List<Loader> matched = new ArrayList<>();
            for (Loader l : now) {
                (then.remove(l) ? matched : unmatched).add(l);
            }
            unmatched.addAll(matched);
            added.addAll(unmatched.subList(0, more));
        });
        return added;
    }
}

package io.leakhound.junit;

import io.leakhound.heap.HeapClass;
import io.leakhound.heap.HeapIndex;
import io.leakhound.heap.ReferenceNames;
import io.leakhound.heap.graph.Progress;
import io.leakhound.heap.graph.ShortestPaths;
import io.leakhound.hprof.HeapDumpRecord;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Why an object that should be garbage is not: the path from a GC root to it, from a heap dump. The object
 * is found in the dump through a {@link WeakReference} this class holds in a static field while the dump is
 * taken: a weak reference is no path in the dump's graph, so the path found is the one that really holds the
 * object.
 *
 * <p>Cost: one dump of the live heap and its index (a second or two for a test JVM), on failures only.
 */
final class ReachabilityExplanation {

    /** Set only while a dump is taken; read from the dump, not from Java. */
    @SuppressWarnings("unused")
    private static volatile WeakReference<Object> probe;

    private ReachabilityExplanation() {
    }

    /** {@code "\n  held by static A.b → java.util.ArrayList.elementData → ..."}, or why the path is missing. */
    static String pathTo(WeakReference<Object> reference) {
        Path directory = null;
        try {
            directory = Files.createTempDirectory("leakhound-junit-reachability-");
            Path dump = directory.resolve("heap.hprof");
            probe = reference;
            try {
                LeakExplanation.dump(dump);
            } finally {
                probe = null;
            }
            List<String> path = path(dump, directory);
            return path.isEmpty() ? "\n  (no path: the dump no longer holds it)" : "\n  held by " + String.join(" → ", path);
        } catch (IOException | RuntimeException | LinkageError | OutOfMemoryError e) {
            return "\n  (no path: the heap dump could not be taken or read: " + e + ")";
        } finally {
            if (directory != null) {
                LeakExplanation.deleteTree(directory);
            }
        }
    }

    private static List<String> path(Path dump, Path temporaryDirectory) throws IOException {
        try (HeapIndex index = HeapIndex.open(dump, temporaryDirectory, Progress.NONE)) {
            int target = -1;
            for (HeapClass c : index.classes()) {
                if (!c.name().equals(ReachabilityExplanation.class.getName())) {
                    continue;
                }
                for (HeapClass.StaticField field : c.staticFields()) {
                    if (field.name().equals("probe") && field.value() != 0) {
                        target = referent(index, index.nodeAt(field.value()));
                    }
                }
            }
            if (target < 0) {
                return List.of();
            }
            try (ShortestPaths paths = ShortestPaths.compute(index.graph(), index.roots().inSearchOrder(index.arrays()),
                    index.roots().durableCount(), index.arrays(), Progress.NONE)) {
                return paths.reachable(target) ? new ReferenceNames(index).describe(paths.pathFromRoot(target)) : List.of();
            }
        }
    }

    /** The node a {@code java.lang.ref.Reference} object refers to, or -1. */
    private static int referent(HeapIndex index, int referenceNode) throws IOException {
        if (referenceNode < 0 || !(index.record(referenceNode) instanceof HeapDumpRecord.InstanceDump instance)) {
            return -1;
        }
        for (HeapClass.Field field : index.classOf(referenceNode).fields()) {
            if (field.name().equals("referent") && field.declaringClass().equals("java.lang.ref.Reference")) {
                return index.nodeAt(instance.identifierAt(field.fileOffset(), index.header().identifierSize()));
            }
        }
        return -1;
    }
}

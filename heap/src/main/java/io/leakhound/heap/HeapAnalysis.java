package io.leakhound.heap;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a heap dump holds and who holds it: the result of {@link HeapAnalyzer}, independent of how it is
 * shown. Sizes are bytes in the {@link #sizeModel()}; fractions are of {@link #reachableBytes()}.
 *
 * @param source            the dump as the user named it
 * @param format            the header's format string
 * @param identifierSize    4 or 8
 * @param timestamp         when the dump was written
 * @param sizeModel         the JVM layout the sizes assume, as a sentence
 * @param objects           objects in the dump (class objects included), reachable or not
 * @param classes           classes in the dump
 * @param gcRoots           distinct objects that are GC roots
 * @param gcRootsByKind     root records per kind
 * @param shallowBytes      sum of the shallow sizes of every object in the dump
 * @param reachableObjects  objects reachable from a GC root through strong references
 * @param reachableBytes    their shallow sizes: what a full GC would keep
 * @param unreachableObjects objects no GC root reaches strongly (garbage, or held only by weak references)
 * @param unreachableBytes  their shallow sizes
 * @param histogram         classes by retained size, descending
 * @param dominators        the biggest objects of the dominator tree's top level, descending
 * @param suspects          leak suspects, biggest first
 * @param warnings          what was noticed about the input: truncation, several dumps, missing objects
 */
public record HeapAnalysis(String source, String format, int identifierSize, Instant timestamp, String sizeModel,
                           long objects, int classes, int gcRoots, Map<GcRootKind, Integer> gcRootsByKind,
                           long shallowBytes, long reachableObjects, long reachableBytes, long unreachableObjects,
                           long unreachableBytes, List<ClassRow> histogram, List<Dominator> dominators,
                           List<LeakSuspect> suspects, List<String> warnings) {

    public HeapAnalysis {
        gcRootsByKind = Map.copyOf(gcRootsByKind);
        histogram = List.copyOf(histogram);
        dominators = List.copyOf(dominators);
        suspects = List.copyOf(suspects);
        warnings = List.copyOf(warnings);
    }

    /** The same analysis under another name: a dump read from standard input is analysed from a copy. */
    public HeapAnalysis withSource(String name) {
        return new HeapAnalysis(name, format, identifierSize, timestamp, sizeModel, objects, classes, gcRoots,
                gcRootsByKind, shallowBytes, reachableObjects, reachableBytes, unreachableObjects, unreachableBytes,
                histogram, dominators, suspects, warnings);
    }

    /**
     * One class of the histogram.
     *
     * @param count         instances in the dump, reachable or not
     * @param shallowBytes  their shallow sizes
     * @param retainedBytes what the instances retain together, each object counted once (an instance
     *                      dominated by another instance of the class is inside that one's retained size)
     */
    public record ClassRow(String className, long count, long shallowBytes, long retainedBytes) {
    }

    /**
     * An object of the dominator tree with its biggest dominated objects.
     *
     * @param objectId  the object's address in the dump
     * @param path      how a GC root reaches it, as in {@link LeakSuspect#path()}
     * @param children  the biggest objects it dominates (empty below the levels asked for)
     */
    public record Dominator(long objectId, String className, long shallowBytes, long retainedBytes,
                            double retainedFraction, List<String> path, List<Dominator> children) {
        public Dominator {
            path = List.copyOf(path);
            children = List.copyOf(children);
        }
    }

    /** An object named by address and class. */
    public record ObjectRef(long objectId, String className) {
    }
}

package io.leakhound.heap;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What grew between two or more heap dumps of one process: the result of {@link HeapDiffer}, independent
 * of how it is shown. Lists that hold one value per dump ({@code counts}, {@code retainedBytes}...) are in
 * the order the dumps were given: the first is "before", the last "after".
 *
 * @param dumps          the dumps compared, in the order given
 * @param elapsedSeconds time from the first dump to the last, from the dumps' own timestamps (negative when
 *                       the dumps were given out of order)
 * @param classes        every class whose reachable instance count or shallow size changed, biggest
 *                       shallow growth first, shrinking classes last
 * @param suspects       holders whose retained size grew materially, strongest evidence first; empty when
 *                       nothing grew materially
 * @param warnings       what was noticed about the inputs: out-of-order or identical timestamps, truncated
 *                       dumps, dumps of different JVM layouts
 */
public record HeapDiff(List<Dump> dumps, double elapsedSeconds, List<ClassDelta> classes,
                       List<GrowthSuspect> suspects, List<String> warnings) {

    public HeapDiff {
        dumps = List.copyOf(dumps);
        classes = List.copyOf(classes);
        suspects = List.copyOf(suspects);
        warnings = List.copyOf(warnings);
    }

    /**
     * The same comparison with dumps renamed ({@code names}: the name analysed → the name to show), in
     * the dumps and the warnings: a dump read from standard input is analysed from a copy.
     */
    public HeapDiff withSources(Map<String, String> names) {
        List<Dump> renamed = dumps.stream()
                .map(d -> new Dump(names.getOrDefault(d.source(), d.source()), d.timestamp(), d.objects(),
                        d.reachableObjects(), d.reachableBytes(), d.sizeModel(), d.warnings()))
                .toList();
        List<String> sentences = warnings.stream().map(w -> {
            String text = w;
            for (Map.Entry<String, String> name : names.entrySet()) {
                text = text.replace(name.getKey(), name.getValue());
            }
            return text;
        }).toList();
        return new HeapDiff(renamed, elapsedSeconds, classes, suspects, sentences);
    }

    /**
     * One dump as compared.
     *
     * @param source          the dump as the user named it
     * @param timestamp       when the dump was written (its header)
     * @param objects         objects in the dump, reachable or not
     * @param reachableObjects objects a GC root reaches through strong references
     * @param reachableBytes  their shallow sizes: the live heap the growth is measured against
     * @param sizeModel       the JVM layout the sizes assume
     * @param warnings        what the analysis of this dump noticed (truncation, several dumps in one file)
     */
    public record Dump(String source, Instant timestamp, long objects, long reachableObjects, long reachableBytes,
                       String sizeModel, List<String> warnings) {
        public Dump {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * A class's reachable instances in every dump (garbage awaiting collection would show as growth):
     * their count, shallow size, and what they retain together (MAT's class retained size). Classes of the
     * same name from several class loaders are one row.
     */
    public record ClassDelta(String className, List<Long> counts, List<Long> shallowBytes, List<Long> retainedBytes) {
        public ClassDelta {
            counts = List.copyOf(counts);
            shallowBytes = List.copyOf(shallowBytes);
            retainedBytes = List.copyOf(retainedBytes);
        }

        public long countBefore() {
            return counts.get(0);
        }

        public long countAfter() {
            return counts.get(counts.size() - 1);
        }

        public long shallowBytesBefore() {
            return shallowBytes.get(0);
        }

        public long shallowBytesAfter() {
            return shallowBytes.get(shallowBytes.size() - 1);
        }

        public long retainedBytesBefore() {
            return retainedBytes.get(0);
        }

        public long retainedBytesAfter() {
            return retainedBytes.get(retainedBytes.size() - 1);
        }
    }

    /**
     * A holder that kept growing. Objects move between dumps, so a holder is matched by its path signature
     * (how GC roots reach it: root kind and thread, or static field, then the chain of fields with array
     * indexes folded); when several objects share the signature (the same ThreadLocal in every pooled
     * thread), they are summed.
     *
     * @param holderReference   how the holder is reached, e.g. {@code static com.acme.EventBus.LISTENERS}
     *                          or {@code io.leakhound.demo.ModeBehaviour$ListenerLeak.listeners}
     * @param holderClass       the holder's class, e.g. {@code java.util.ArrayList}
     * @param holderCount       how many objects share the holder's signature in the last dump (1 for a static
     *                          list; one per thread for a ThreadLocal value)
     * @param elementClass      the class that accumulates below the holder (map values rather than entries)
     * @param elementCounts     how many elements the holder holds, per dump
     * @param retainedBytes     what the holder retains, per dump
     * @param growthBytesPerHour retained growth from the first dump to the last per hour of the dumps'
     *                          timestamps; null when the timestamps do not advance
     * @param grewInEveryInterval whether the retained size grew between every two consecutive dumps (always
     *                          true for two dumps); with three or more, the stronger evidence
     * @param growthFraction    the retained growth as a fraction of the last dump's reachable heap
     * @param path              the shortest chain of references from a GC root to the holder in the last dump,
     *                          one hop per entry, as in {@link LeakSuspect#path()}
     * @param holderObjectId    the address of the biggest holder object in the last dump
     * @param holderInside      the JDK collections the holder wraps, outermost first: {@code java.util.ArrayList}
     *                          for a {@code Collections$SynchronizedRandomAccessList}; empty when the holder is
     *                          the collection itself
     */
    public record GrowthSuspect(String holderReference, String holderClass, long holderCount, String elementClass,
                                List<Long> elementCounts, List<Long> retainedBytes, Double growthBytesPerHour,
                                boolean grewInEveryInterval, double growthFraction, List<String> path,
                                long holderObjectId, List<String> holderInside) {
        /** The leak pattern this holder shows and what to do about it; empty when its shape matches none. */
        public Optional<FixAdvice> fixAdvice() {
            return FixAdvice.of(holderReference, holderClass, holderInside, path, elementClass);
        }

        public GrowthSuspect {
            elementCounts = List.copyOf(elementCounts);
            retainedBytes = List.copyOf(retainedBytes);
            path = List.copyOf(path);
            holderInside = List.copyOf(holderInside);
        }

        /** A holder that wraps no other collection (the signature before {@code holderInside} was added). */
        public GrowthSuspect(String holderReference, String holderClass, long holderCount, String elementClass,
                             List<Long> elementCounts, List<Long> retainedBytes, Double growthBytesPerHour,
                             boolean grewInEveryInterval, double growthFraction, List<String> path,
                             long holderObjectId) {
            this(holderReference, holderClass, holderCount, elementClass, elementCounts, retainedBytes,
                    growthBytesPerHour, grewInEveryInterval, growthFraction, path, holderObjectId, List.of());
        }

        public long countBefore() {
            return elementCounts.get(0);
        }

        public long countAfter() {
            return elementCounts.get(elementCounts.size() - 1);
        }

        public long retainedBytesBefore() {
            return retainedBytes.get(0);
        }

        public long retainedBytesAfter() {
            return retainedBytes.get(retainedBytes.size() - 1);
        }

        /** Retained growth from the first dump to the last. */
        public long growthBytes() {
            return retainedBytesAfter() - retainedBytesBefore();
        }
    }
}

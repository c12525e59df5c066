package io.leakhound.heap;

import io.leakhound.heap.DumpSignatures.ClassTotals;
import io.leakhound.heap.DumpSignatures.SignatureStats;
import io.leakhound.heap.graph.Progress;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares two or more heap dumps of one process taken at different times and finds the holders that grew:
 * the seed's "baseline snapshot, later snapshot, compare", with the field to fix as the answer.
 *
 * <p>Objects move between dumps, so they are matched by structure: every reachable object gets a path
 * signature ({@link PathSignatures}), the objects of each signature are summed (count, shallow bytes, bytes
 * retained), and the sums are compared ({@link GrowthSuspects}). Classes are compared by name over the
 * reachable objects, so garbage awaiting collection does not show as growth.
 *
 * <p>Cost: one analysis per dump (index, dominators, retained sizes, shortest paths: see
 * {@link HeapAnalyzer}) plus a signature pass; the last dump stays open while the others are read one at a
 * time, so two dumps' off-heap arrays exist at once. The Java heap holds the classes of the two open dumps
 * and the sums of the signatures that retain at least a quarter of the material growth.
 */
public final class HeapDiffer {

    /**
     * Compares {@code dumps} in the order given (the first is "before").
     *
     * @throws IllegalArgumentException when fewer than two dumps are given
     * @throws io.leakhound.hprof.HprofFormatException when a dump is not a readable HPROF dump
     */
    public HeapDiff compare(List<Path> dumps, Path temporaryDirectory, Progress progress) throws IOException {
        if (dumps.size() < 2) {
            throw new IllegalArgumentException("a comparison needs at least two dumps, got " + dumps.size());
        }
        int lastIndex = dumps.size() - 1;
        List<Map<Long, SignatureStats>> signatures = new ArrayList<>();
        List<Map<String, ClassTotals>> classes = new ArrayList<>();
        List<HeapDiff.Dump> described = new ArrayList<>();
        for (int i = 0; i < dumps.size(); i++) {
            signatures.add(Map.of());
            classes.add(Map.of());
            described.add(null);
        }
        try (HeapIndex index = HeapIndex.open(dumps.get(lastIndex), temporaryDirectory, step(progress, lastIndex, dumps))) {
            DumpSignatures last = summarize(index, step(progress, lastIndex, dumps));
            long material = Math.max(GrowthSuspects.MATERIAL_MINIMUM_BYTES,
                    (long) Math.ceil(GrowthSuspects.MATERIAL_FRACTION * last.reachableBytes()));
            // a signature that grew materially retains at least that much in the last dump; a quarter of it
            // keeps the smaller signatures below a holder (entries, values) that tell its elements
            Map<Long, SignatureStats> candidates = last.retainingAtLeast(material / 4);
            signatures.set(lastIndex, candidates);
            classes.set(lastIndex, last.classes());
            described.set(lastIndex, describe(last));
            for (int i = 0; i < lastIndex; i++) {
                Progress step = step(progress, i, dumps);
                try (HeapIndex earlier = HeapIndex.open(dumps.get(i), temporaryDirectory, step)) {
                    DumpSignatures sums = summarize(earlier, step);
                    signatures.set(i, sums.select(candidates.keySet()));
                    classes.set(i, sums.classes());
                    described.set(i, describe(sums));
                }
            }
            double elapsedSeconds = elapsedSeconds(described);
            progress.update("comparing", 0, 1);
            List<HeapDiff.GrowthSuspect> suspects = new GrowthSuspects(signatures, last.heap(), material,
                    elapsedSeconds / 3600).find();
            return new HeapDiff(described, elapsedSeconds, classDeltas(classes), suspects, warnings(described));
        }
    }

    private static DumpSignatures summarize(HeapIndex index, Progress progress) throws IOException {
        return PathSignatures.compute(HeapStructure.of(index, progress), progress);
    }

    private static HeapDiff.Dump describe(DumpSignatures sums) {
        HeapStructure heap = sums.heap();
        HeapIndex index = heap.index();
        return new HeapDiff.Dump(index.file().toString(), index.header().timestamp(), index.nodeCount(),
                heap.tree().reachableCount(), sums.reachableBytes(), index.sizeModel().description(), index.warnings());
    }

    /** Progress of one dump, its phases prefixed with which dump it is. */
    private static Progress step(Progress progress, int dump, List<Path> dumps) {
        String prefix = "dump " + (dump + 1) + " of " + dumps.size() + ": ";
        return (phase, done, total) -> progress.update(prefix + phase, done, total);
    }

    private static double elapsedSeconds(List<HeapDiff.Dump> dumps) {
        Instant first = dumps.get(0).timestamp();
        Instant last = dumps.get(dumps.size() - 1).timestamp();
        return Duration.between(first, last).toMillis() / 1000.0;
    }

    /** Every class whose reachable count or shallow bytes differ between any two dumps, biggest growth first. */
    private static List<HeapDiff.ClassDelta> classDeltas(List<Map<String, ClassTotals>> dumps) {
        TreeSet<String> names = new TreeSet<>();
        dumps.forEach(dump -> names.addAll(dump.keySet()));
        ClassTotals none = new ClassTotals(0, 0, 0);
        List<HeapDiff.ClassDelta> deltas = new ArrayList<>();
        for (String name : names) {
            List<Long> counts = new ArrayList<>();
            List<Long> shallow = new ArrayList<>();
            List<Long> retained = new ArrayList<>();
            for (Map<String, ClassTotals> dump : dumps) {
                ClassTotals totals = dump.getOrDefault(name, none);
                counts.add(totals.count());
                shallow.add(totals.shallowBytes());
                retained.add(totals.retainedBytes());
            }
            if (counts.stream().distinct().count() > 1 || shallow.stream().distinct().count() > 1) {
                deltas.add(new HeapDiff.ClassDelta(name, counts, shallow, retained));
            }
        }
        deltas.sort(Comparator.comparingLong((HeapDiff.ClassDelta delta) ->
                        delta.shallowBytesAfter() - delta.shallowBytesBefore()).reversed()
                .thenComparing(HeapDiff.ClassDelta::className));
        return deltas;
    }

    private static List<String> warnings(List<HeapDiff.Dump> dumps) {
        List<String> warnings = new ArrayList<>();
        for (int i = 1; i < dumps.size(); i++) {
            HeapDiff.Dump before = dumps.get(i - 1);
            HeapDiff.Dump after = dumps.get(i);
            if (after.timestamp().isBefore(before.timestamp())) {
                warnings.add(after.source() + " was written before " + before.source()
                        + ": the dumps are compared in the order given, so growth is measured backwards in time");
            } else if (after.timestamp().equals(before.timestamp())) {
                warnings.add(before.source() + " and " + after.source()
                        + " carry the same timestamp: no growth per hour can be given");
            }
            if (!Objects.equals(before.sizeModel(), after.sizeModel())) {
                warnings.add(before.source() + " and " + after.source() + " come from different JVM layouts ("
                        + before.sizeModel() + " / " + after.sizeModel() + "): sizes differ for that reason too");
            }
        }
        return warnings;
    }
}

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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
 * {@link HeapAnalyzer}) plus a signature pass. The last dump is analysed on the calling thread while the
 * others are analysed one at a time on a second thread, so two dumps' off-heap arrays exist at once and two
 * cores are used. The Java heap holds the classes of the two open dumps and the sums of the signatures that
 * retain at least a quarter of the material growth.
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
        Progress shared = synchronizedProgress(progress);
        CompletableFuture<Set<Long>> candidates = new CompletableFuture<>();
        ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "leakhound-diff-earlier-dumps");
            thread.setDaemon(true);
            return thread;
        });
        // the earlier dumps are indexed on a second thread while the last one is indexed here: the analysis of
        // one dump is single-threaded, so on two cores the comparison takes little longer than one analysis
        Thread caller = Thread.currentThread();
        Future<List<Summary>> earlier = worker.submit(() -> {
            try {
                return summarizeEarlier(dumps, temporaryDirectory, shared, candidates);
            } catch (Exception | Error e) {
                if (!candidates.isDone()) {
                    caller.interrupt(); // a bad earlier dump ends the comparison now, not after the last is read
                }
                throw e;
            }
        });
        worker.shutdown();
        try {
            return compareWithLast(dumps, temporaryDirectory, shared, candidates, earlier);
        } catch (IOException | RuntimeException e) {
            if (earlier.isDone() && !earlier.isCancelled()) {
                Thread.interrupted(); // the flag was the worker's message, now delivered
                try {
                    await(earlier); // the earlier dump's failure is the cause to report
                } catch (IOException | RuntimeException cause) {
                    if (cause != e) {
                        cause.addSuppressed(e);
                    }
                    throw cause;
                }
            }
            throw e;
        } finally {
            // when the last dump fails, the earlier ones are not needed any more
            candidates.completeExceptionally(new CancellationException("the comparison stopped"));
            earlier.cancel(true);
            // the worker's index lives in the caller's temporary directory: it must be closed (its files
            // deleted) before the caller deletes that directory, or files are left behind
            awaitTermination(worker);
        }
    }

    private static void awaitTermination(ExecutorService worker) {
        boolean interrupted = false;
        while (true) {
            try {
                if (worker.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static HeapDiff compareWithLast(List<Path> dumps, Path temporaryDirectory, Progress shared,
                                            CompletableFuture<Set<Long>> candidates, Future<List<Summary>> earlier)
            throws IOException {
        int lastIndex = dumps.size() - 1;
        try (HeapIndex index = HeapIndex.open(dumps.get(lastIndex), temporaryDirectory, step(shared, lastIndex, dumps))) {
            DumpSignatures last = summarize(index, step(shared, lastIndex, dumps));
            long material = Math.max(GrowthSuspects.MATERIAL_MINIMUM_BYTES,
                    (long) Math.ceil(GrowthSuspects.MATERIAL_FRACTION * last.reachableBytes()));
            // a signature that grew materially retains at least that much in the last dump; a quarter of it
            // keeps the smaller signatures below a holder (entries, values) that tell its elements
            Map<Long, SignatureStats> selected = last.retainingAtLeast(material / 4);
            candidates.complete(selected.keySet());
            List<Summary> summaries = new ArrayList<>(await(earlier));
            summaries.add(new Summary(describe(last), last.classes(), selected));
            List<HeapDiff.Dump> described = summaries.stream().map(Summary::dump).toList();
            double elapsedSeconds = elapsedSeconds(described);
            shared.update("comparing", 0, 1);
            List<HeapDiff.GrowthSuspect> suspects = new GrowthSuspects(
                    summaries.stream().map(Summary::signatures).toList(), last, material, elapsedSeconds / 3600).find();
            return new HeapDiff(described, elapsedSeconds,
                    classDeltas(summaries.stream().map(Summary::classes).toList()), suspects, warnings(described));
        }
    }

    /** What a comparison keeps of one dump once its index is closed. */
    private record Summary(HeapDiff.Dump dump, Map<String, ClassTotals> classes, Map<Long, SignatureStats> signatures) {
    }

    /**
     * Summarizes the dumps before the last one, one at a time; each stays open until the last dump has said
     * which signatures matter.
     */
    private static List<Summary> summarizeEarlier(List<Path> dumps, Path temporaryDirectory, Progress progress,
                                                  Future<Set<Long>> candidates) throws Exception {
        List<Summary> summaries = new ArrayList<>();
        for (int i = 0; i < dumps.size() - 1; i++) {
            Progress step = cancellable(step(progress, i, dumps));
            try (HeapIndex index = HeapIndex.open(dumps.get(i), temporaryDirectory, step)) {
                DumpSignatures sums = summarize(index, step);
                summaries.add(new Summary(describe(sums), sums.classes(), sums.select(candidates.get())));
            }
        }
        return summaries;
    }

    private static List<Summary> await(Future<List<Summary>> earlier) throws IOException {
        try {
            return earlier.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while the earlier dumps were read");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    /** One progress for both threads: a terminal line is not written by two at once. */
    private static Progress synchronizedProgress(Progress progress) {
        Object lock = new Object();
        return (phase, done, total) -> {
            synchronized (lock) {
                progress.update(phase, done, total);
            }
        };
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
    /**
     * Stops the worker at its next progress report once it is cancelled: indexing does not look at the
     * interrupt flag, and a cancelled worker should not go on indexing a large dump nobody waits for.
     */
    private static Progress cancellable(Progress progress) {
        return (phase, done, total) -> {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("the comparison stopped");
            }
            progress.update(phase, done, total);
        };
    }

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

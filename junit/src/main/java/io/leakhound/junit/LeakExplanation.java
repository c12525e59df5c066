package io.leakhound.junit;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.leakhound.heap.HeapDiff;
import io.leakhound.heap.HeapDiff.ClassDelta;
import io.leakhound.heap.HeapDiff.GrowthSuspect;
import io.leakhound.heap.HeapDiffer;
import io.leakhound.heap.graph.Progress;
import io.leakhound.series.Human;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Says what leaked and who holds it: a live heap dump, a further batch of iterations, a second live dump, and
 * {@link HeapDiffer}'s comparison of the two, turned into lines of an assertion message:
 * <pre>
 * in 1,000 more iterations between two heap dumps: +1,000 × com.acme.OrderListener$$Lambda held by
 *   static com.acme.EventBus.INSTANCE → com.acme.EventBus.listeners → java.util.ArrayList.elementData → java.lang.Object[]
 * </pre>
 * Cost: two dumps of the live heap (their size on disk, in a temporary directory deleted afterwards unless
 * kept) and one heap comparison, a few seconds for a test JVM's heap.
 */
final class LeakExplanation {

    /** At most this many growing classes are listed. */
    private static final int CLASSES_SHOWN = 5;

    private static final Pattern LAMBDA_SUFFIX = Pattern.compile("\\$\\$Lambda(\\$\\d+)?([+/.]0x[0-9a-fA-F]+)?");

    private LeakExplanation() {
    }

    /**
     * @param check             where the dumps go and whether they are kept
     * @param body              the leaking body, run a further batch of times between the dumps
     * @param bytesPerIteration what one iteration retained in the measured rounds
     * @param usedHeap          the post-GC heap, to size the batch so its growth stands out in the comparison
     * @return the explanation's lines, each starting with a line break; the reason when there is none
     */
    static String explain(LeakCheck check, Runnable body, long bytesPerIteration, long usedHeap) {
        Path directory = null;
        try {
            directory = directory(check);
            Path before = directory.resolve("before.hprof");
            Path after = directory.resolve("after.hprof");
            int batch = batch(check.iterations(), bytesPerIteration, usedHeap);
            dump(before);
            LeakAssertions.repeat(body, batch);
            dump(after);
            Path scratch = Files.createTempDirectory(directory, "analysis-");
            String lines;
            try {
                HeapDiff diff = new HeapDiffer().compare(List.of(before, after), scratch, Progress.NONE);
                if (nothingGrew(diff, batch)) {
                    // the body's memory grows in steps (a buffer or table doubling its capacity), none of which
                    // fell into the batch: a batch four times as long crosses one
                    Path later = directory.resolve("after-longer.hprof");
                    LeakAssertions.repeat(body, 4 * batch);
                    dump(later);
                    batch += 4 * batch;
                    after = later;
                    diff = new HeapDiffer().compare(List.of(before, after), scratch, Progress.NONE);
                }
                lines = describe(diff, batch);
            } finally {
                deleteTree(scratch);
            }
            return lines + (check.keepDumps() ? "\n  heap dumps kept: " + before + ", " + after : "");
        } catch (IOException | RuntimeException | LinkageError | OutOfMemoryError e) {
            // the leak is measured already: whatever stops the explanation must not hide it
            return "\n  (no explanation: the heap dumps could not be taken or compared: " + e + ")";
        } finally {
            if (directory != null && !check.keepDumps()) {
                deleteTree(directory);
            }
        }
    }

    /**
     * A batch whose growth is at least 5 % of the heap and 1 MB, so that the comparison, which ignores growth
     * below 2 % of the heap, sees it; at least one round, at most ten.
     */
    static int batch(int iterations, long bytesPerIteration, long usedHeap) {
        long target = Math.max(1L << 20, usedHeap / 20);
        long needed = (target + bytesPerIteration - 1) / Math.max(1, bytesPerIteration);
        return (int) Math.max(iterations, Math.min(needed, 10L * iterations));
    }

    /**
     * A hidden class's name without its per-run suffix: {@code com.acme.Bus$$Lambda$460/0x0000000800c0b000} is
     * {@code com.acme.Bus$$Lambda}, as a person would search for it.
     */
    static String readable(String name) {
        return LAMBDA_SUFFIX.matcher(name).replaceAll(Matcher.quoteReplacement("$$Lambda"));
    }

    /** Whether the comparison found neither a growing holder nor a class that gained an instance per call. */
    private static boolean nothingGrew(HeapDiff diff, int batch) {
        return diff.suspects().isEmpty()
                && diff.classes().stream().noneMatch(c -> c.countAfter() - c.countBefore() >= batch / 2);
    }

    static String describe(HeapDiff diff, int batch) {
        return readable(describeRaw(diff, batch));
    }

    private static String describeRaw(HeapDiff diff, int batch) {
        StringBuilder out = new StringBuilder(400);
        out.append("\n  in ").append(RetainedGrowth.count(batch)).append(" more iterations between two heap dumps: ");
        if (diff.suspects().isEmpty()) {
            HeapDiff.Dump first = diff.dumps().get(0);
            HeapDiff.Dump last = diff.dumps().get(diff.dumps().size() - 1);
            out.append("no single holder grew materially (reachable heap ").append(Human.bytes(first.reachableBytes()))
                    .append(" → ").append(Human.bytes(last.reachableBytes())).append(')');
        }
        if (!diff.suspects().isEmpty()) {
            GrowthSuspect s = diff.suspects().get(0);
            if (s.countAfter() > s.countBefore()) {
                out.append('+').append(RetainedGrowth.count(s.countAfter() - s.countBefore()))
                        .append(" × ").append(s.elementClass());
            } else {
                // the same objects got bigger: a buffer or an array that grows in place
                out.append(RetainedGrowth.signed(s.growthBytes())).append(" in ").append(s.holderClass());
            }
            out.append(" held by ")
                    .append(String.join(" → ", s.path().isEmpty() ? List.of(s.holderReference()) : s.path()));
            out.append("\n  holder: ").append(s.holderReference()).append(" (").append(s.holderClass()).append(')');
            if (s.holderCount() > 1) {
                out.append(" in ").append(RetainedGrowth.count(s.holderCount())).append(" objects of this path");
            }
            out.append(" went from ").append(RetainedGrowth.count(s.countBefore())).append(" to ")
                    .append(RetainedGrowth.count(s.countAfter())).append(' ').append(s.elementClass())
                    .append(", retaining ").append(Human.bytes(s.retainedBytesBefore())).append(" → ")
                    .append(Human.bytes(s.retainedBytesAfter())).append(" (")
                    .append(RetainedGrowth.signed(s.growthBytes())).append(')');
            s.fixAdvice().ifPresent(advice -> out.append("\n  ").append(advice.line()));
        }
        // further holders that gained elements; one that only got bigger sits above another holder
        for (GrowthSuspect other : diff.suspects().subList(Math.min(1, diff.suspects().size()),
                Math.min(3, diff.suspects().size()))) {
            if (other.countAfter() <= other.countBefore()) {
                continue;
            }
            out.append("\n  also grew: ").append(other.holderReference()).append(" (")
                    .append(RetainedGrowth.signed(other.growthBytes())).append(')');
        }
        List<ClassDelta> grownClasses = diff.classes().stream()
                .filter(c -> c.countAfter() > c.countBefore())
                .sorted(Comparator.comparingLong((ClassDelta c) -> c.shallowBytesAfter() - c.shallowBytesBefore()).reversed())
                .limit(CLASSES_SHOWN).toList();
        if (!grownClasses.isEmpty()) {
            out.append("\n  growing classes:");
            for (ClassDelta c : grownClasses) {
                out.append(' ').append('+').append(RetainedGrowth.count(c.countAfter() - c.countBefore())).append(' ')
                        .append(c.className()).append(" (")
                        .append(RetainedGrowth.signed(c.shallowBytesAfter() - c.shallowBytesBefore())).append("),");
            }
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    private static Path directory(LeakCheck check) throws IOException {
        if (check.dumpDirectory() == null) {
            return Files.createTempDirectory("leakhound-junit-");
        }
        Files.createDirectories(check.dumpDirectory());
        // a directory of its own: the dump names are fixed and dumpHeap refuses to overwrite
        return Files.createTempDirectory(check.dumpDirectory(), "leak-");
    }

    /** A dump of the reachable objects only: the JVM runs a full GC first, so garbage does not show as growth. */
    static void dump(Path file) throws IOException {
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), true);
    }

    static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a file left in the temporary directory does not change the verdict
        }
    }
}

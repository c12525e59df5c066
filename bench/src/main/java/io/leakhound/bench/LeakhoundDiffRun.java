package io.leakhound.bench;

import io.leakhound.heap.HeapDiff;
import io.leakhound.heap.HeapDiffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * leakhound's diff ({@code leakhound diff} minus rendering) of generated dumps, "before" first, with its
 * temporary files beside the last dump. Prints the time of each phase, the first growth suspect, and checks
 * it against the dumps' {@code .truth} files: the holder must be the generator's leak holder and its
 * retained size in each dump must be the truth's {@code leakRetainedBytes}.
 *
 * <p>The check allows exactly one difference: the diff, like the single-dump analysis, may count the
 * holder's retained size from the static field's owner, the {@code EventBus} class object (24 bytes in
 * the generator's model: a class with no instance fields, and not part of the truth's "ArrayList and what
 * it holds"). Any other difference fails the check and is printed in bytes.
 */
public final class LeakhoundDiffRun {

    /** What the single-dump bench saw too: the EventBus class object, counted with the list it holds. */
    private static final long HOLDER_CLASS_OBJECT_BYTES = 24;

    private LeakhoundDiffRun() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: LeakhoundDiffRun BEFORE.hprof [MORE.hprof...] AFTER.hprof");
            System.exit(2);
        }
        List<Path> dumps = new ArrayList<>();
        List<Map<String, String>> truths = new ArrayList<>();
        for (String arg : args) {
            Path dump = Path.of(arg).toAbsolutePath();
            dumps.add(dump);
            truths.add(SharkRun.truth(dump));
        }
        Path last = dumps.get(dumps.size() - 1);
        PhaseTimes phases = new PhaseTimes();
        long start = System.nanoTime();
        HeapDiff diff = new HeapDiffer().compare(dumps, TemporaryDirectory.beside(last), phases);
        long end = System.nanoTime();
        phases.print(System.out, end);

        String detail;
        if (diff.suspects().isEmpty()) {
            detail = "suspects=0 check=FAIL(no growth suspect)";
        } else {
            HeapDiff.GrowthSuspect first = diff.suspects().get(0);
            System.out.printf(Locale.ROOT, "SUSPECT %s holder=%s holderCount=%d elements=%s counts=%s retained=%s"
                            + " growthBytesPerHour=%s grewInEveryInterval=%s path=%s%n",
                    first.holderReference(), first.holderClass(), first.holderCount(), first.elementClass(),
                    first.elementCounts(), first.retainedBytes(), first.growthBytesPerHour(),
                    first.grewInEveryInterval(), first.path());
            detail = String.format(Locale.ROOT, "suspects=%d holder=%s holderClass=%s elements=%s count=%d->%d"
                            + " retained=%d->%d growthPerHour=%s %s",
                    diff.suspects().size(), first.holderReference().replace(' ', '_'), first.holderClass(),
                    first.elementClass(), first.countBefore(), first.countAfter(), first.retainedBytesBefore(),
                    first.retainedBytesAfter(), first.growthBytesPerHour() == null ? "none"
                            : String.format(Locale.ROOT, "%.0f", first.growthBytesPerHour()),
                    check(first, truths));
        }
        long objects = diff.dumps().stream().mapToLong(HeapDiff.Dump::objects).sum();
        new RunResult("leakhound-diff", last, objects, end - start, detail).print();
    }

    /** "check=OK" with the per-dump differences to the truth, or "check=FAIL(...)" saying what differs. */
    private static String check(HeapDiff.GrowthSuspect suspect, List<Map<String, String>> truths) {
        List<String> problems = new ArrayList<>();
        String holder = truths.get(truths.size() - 1).get("leakHolder");
        if (!holder.equals(suspect.holderReference())) {
            problems.add("holder " + suspect.holderReference() + " is not " + holder);
        }
        StringBuilder deltas = new StringBuilder();
        for (int i = 0; i < truths.size(); i++) {
            long truth = Long.parseLong(truths.get(i).get("leakRetainedBytes"));
            long delta = suspect.retainedBytes().get(i) - truth;
            deltas.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%+d", delta));
            if (delta != 0 && delta != HOLDER_CLASS_OBJECT_BYTES) {
                problems.add("dump " + (i + 1) + " retained " + suspect.retainedBytes().get(i) + " vs truth " + truth
                        + " (" + String.format(Locale.ROOT, "%+d", delta) + " B)");
            }
            long count = Long.parseLong(truths.get(i).get("leakElementCount"));
            if (suspect.elementCounts().get(i) != count) {
                problems.add("dump " + (i + 1) + " elements " + suspect.elementCounts().get(i) + " vs truth " + count);
            }
        }
        String verdict = problems.isEmpty() ? "check=OK" : "check=FAIL(" + String.join("; ", problems) + ")";
        return verdict.replace(' ', '_') + " retainedMinusTruthBytes=" + deltas;
    }
}

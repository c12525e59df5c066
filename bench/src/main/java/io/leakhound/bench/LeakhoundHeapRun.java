package io.leakhound.bench;

import io.leakhound.heap.HeapAnalysis;
import io.leakhound.heap.HeapAnalyzer;
import io.leakhound.heap.LeakSuspect;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * leakhound on a generated dump: the full analysis ({@code leakhound heap} minus rendering: index, exact
 * dominators, retained sizes, paths, suspects), with its temporary files beside the dump. Prints the first
 * suspect that names the generator's leak holder, its rank and its retained size against the {@code .truth},
 * and the time of each phase ({@link PhaseTimes}).
 */
public final class LeakhoundHeapRun {
    private LeakhoundHeapRun() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[args.length - 1]).toAbsolutePath();
        Map<String, String> truth = SharkRun.truth(file);
        PhaseTimes phases = new PhaseTimes();
        long start = System.nanoTime();
        HeapAnalysis analysis = new HeapAnalyzer(10, 0).analyze(file, TemporaryDirectory.beside(file), phases);
        long end = System.nanoTime();
        long nanos = end - start;
        phases.print(System.out, end);
        // the first suspect must be the leak; its rank is printed in case it is not
        long expected = Long.parseLong(truth.get("leakRetainedBytes"));
        String detail = "suspects=" + analysis.suspects().size() + " leakNotFound";
        for (int rank = 0; rank < analysis.suspects().size(); rank++) {
            LeakSuspect suspect = analysis.suspects().get(rank);
            if (truth.get("leakHolder").equals(suspect.holderReference())) {
                detail = String.format(Locale.ROOT,
                        "leakSuspectRank=%d holder=%s elements=%dx%s leakRetainedBytes=%d truthRetainedBytes=%d"
                                + " deviation=%+.3f%%", rank + 1, suspect.holderReference().replace(' ', '_'),
                        suspect.elementCount(), suspect.elementClass(), suspect.retainedBytes(), expected,
                        100.0 * (suspect.retainedBytes() - expected) / expected);
                break;
            }
        }
        new RunResult("leakhound", file, analysis.objects(), nanos, detail).print();
    }
}

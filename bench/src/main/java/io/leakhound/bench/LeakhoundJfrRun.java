package io.leakhound.bench;

import io.leakhound.jfr.JfrFile;
import io.leakhound.jfr.JfrMemory;
import io.leakhound.jfr.JfrMemoryReader;
import io.leakhound.jfr.alloc.AllocationProfile;
import io.leakhound.jfr.alloc.ClassProfile;
import io.leakhound.jfr.alloc.Site;
import io.leakhound.series.GcSeries;
import io.leakhound.series.verdict.LeakAnalyzer;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.series.verdict.UsageSeries;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * leakhound on a JFR recording, in the mode given as the first argument:
 * <ul>
 *   <li>{@code alloc}: {@code AllocationProfile.read(JfrFile.open(file))}, the work of {@code leakhound alloc}
 *   minus rendering (allocation sites per class and stack, old-object samples, the growth rule);</li>
 *   <li>{@code analyze}: {@code JfrMemoryReader.readFiles} then {@code LeakAnalyzer.analyze}, the work of
 *   {@code leakhound analyze rec.jfr} minus rendering: one verdict per resource.</li>
 * </ul>
 * Prints the figures the other tools' lines are checked against: allocation samples and their summed weight,
 * the heaviest class and its heaviest top frame.
 */
public final class LeakhoundJfrRun {
    private static final java.util.Set<String> MODES = java.util.Set.of("alloc", "analyze");

    private LeakhoundJfrRun() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        if (mode.equals("--has-mode")) {
            // asked by bench/jfr-analysis.sh, so that a mode added later is run only by a jar that has it
            System.exit(MODES.contains(args[1]) ? 0 : 1);
        }
        Path file = Path.of(args[args.length - 1]);
        long start = System.nanoTime();
        String detail;
        long events;
        if (mode.equals("alloc")) {
            AllocationProfile profile = AllocationProfile.read(JfrFile.open(file));
            events = profile.allocationSamples();
            detail = alloc(profile);
        } else if (mode.equals("analyze")) {
            JfrMemory memory = JfrMemoryReader.readFiles(List.of(file));
            MemoryAnalysis analysis = LeakAnalyzer.analyze(file.toString(), memory.events(), memory.maxHeapBytes(),
                    memory.samples(), memory.warnings());
            events = memory.eventsRead();
            detail = analyze(memory, analysis);
        } else {
            throw new IllegalArgumentException("mode: alloc or analyze, not " + mode);
        }
        new RunResult("leakhound-" + mode, file, events, System.nanoTime() - start, detail).print();
    }

    private static String analyze(JfrMemory memory, MemoryAnalysis analysis) {
        GcSeries gcs = memory.events();
        // the latest heap after GC, by uptime (the series is in time order)
        long lastHeapUsed = gcs.isEmpty() ? -1 : gcs.heapAfter(gcs.size() - 1);
        String verdicts = analysis.findings().stream().map(f -> f.resource() + ":" + f.verdict())
                .collect(Collectors.joining(","));
        return String.format(Locale.ROOT, "gcEvents=%d thinned=%d heapAfterGc=%d lastHeapUsed=%d collector=%s"
                        + " samples=%s verdicts=%s warnings=%d", gcs.size(), gcs.thinnedEvents(),
                gcs.size() + gcs.thinnedEvents(), lastHeapUsed, memory.collector(),
                memory.samples().stream().map(UsageSeries::resource).collect(Collectors.joining(",")), verdicts,
                analysis.warnings().size());
    }

    private static String alloc(AllocationProfile profile) {
        ClassProfile top = profile.classes().stream().max(Comparator.comparingLong(ClassProfile::allocatedBytes))
                .orElse(null);
        String topFrame = "-";
        if (top != null) {
            Map<String, long[]> perTopFrame = new HashMap<>();
            for (Site site : top.sites()) {
                perTopFrame.computeIfAbsent(site.top().toString(), k -> new long[1])[0] += site.allocatedBytes();
            }
            topFrame = perTopFrame.entrySet().stream().max(Comparator.comparingLong(e -> e.getValue()[0]))
                    .map(Map.Entry::getKey).orElse("-");
        }
        return String.format(Locale.ROOT, "allocSamples=%d allocWeight=%d classes=%d topClass=%s:%d topFrame=%s"
                        + " topAllocatingLine=%s survivors=%d growing=%d warnings=%d", profile.allocationSamples(),
                profile.allocatedBytes(), profile.classes().size(), top == null ? "-" : top.className(),
                top == null ? 0 : top.allocatedBytes(), topFrame,
                top == null || top.sites().isEmpty() ? "-" : top.sites().get(0).allocatingLine(),
                profile.survivorCount(), profile.growing().size(), profile.warnings().size());
    }
}

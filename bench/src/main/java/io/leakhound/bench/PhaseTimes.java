package io.leakhound.bench;

import io.leakhound.heap.graph.Progress;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Wall time per phase of a leakhound run, from its {@link Progress} reports, per reporting thread (a diff
 * analyses the earlier dumps on a second thread while the last one is analysed): a phase starts at its
 * first report and ends at the first report of the next phase of the same thread. The heap module reports
 * every few million steps and at the start of most phases, so a time is good to the few milliseconds those
 * steps take; a phase too short to report at all is counted in the one before it.
 */
final class PhaseTimes implements Progress {

    private record Phase(String name, long startNanos) {
    }

    private final Map<String, List<Phase>> threads = new LinkedHashMap<>();
    private final Map<String, Long> lastReport = new LinkedHashMap<>();
    private final long origin = System.nanoTime();

    @Override
    public synchronized void update(String phase, long done, long total) {
        String thread = Thread.currentThread().getName();
        List<Phase> phases = threads.computeIfAbsent(thread, t -> new ArrayList<>());
        long now = System.nanoTime();
        if (phases.isEmpty() || !phases.get(phases.size() - 1).name().equals(phase)) {
            phases.add(new Phase(phase, now));
        }
        lastReport.put(thread, now);
    }

    /**
     * Prints one {@code PHASE seconds=... name} line per phase in the order they ran, thread by thread (the
     * thread's name in brackets when there are several). The first thread's last phase ends at {@code endNanos},
     * another thread's at its last report; the time before the first report is "(before the first report)".
     */
    synchronized void print(PrintStream out, long endNanos) {
        boolean first = true;
        for (Map.Entry<String, List<Phase>> thread : threads.entrySet()) {
            String prefix = threads.size() > 1 ? "[" + thread.getKey() + "] " : "";
            long previous = origin;
            String previousName = "(before the first report)";
            for (Phase phase : thread.getValue()) {
                out.printf(Locale.ROOT, "PHASE seconds=%.2f %s%s%n", (phase.startNanos() - previous) / 1e9, prefix,
                        previousName);
                previous = phase.startNanos();
                previousName = phase.name();
            }
            long end = first ? endNanos : lastReport.get(thread.getKey());
            out.printf(Locale.ROOT, "PHASE seconds=%.2f %s%s%n", (end - previous) / 1e9, prefix, previousName);
            first = false;
        }
    }
}

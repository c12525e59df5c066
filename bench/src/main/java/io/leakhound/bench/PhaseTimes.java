package io.leakhound.bench;

import io.leakhound.heap.graph.Progress;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Wall time per phase of a leakhound run, from its {@link Progress} reports: a phase starts at its first
 * report and ends at the first report of the next one. The heap module reports every few million steps and
 * at the start of most phases, so a time is good to the few milliseconds those steps take; a phase too short
 * to report at all is counted in the one before it. Not thread-safe: the analysis reports from one thread.
 */
final class PhaseTimes implements Progress {

    private record Phase(String name, long startNanos) {
    }

    private final List<Phase> phases = new ArrayList<>();
    private final long origin = System.nanoTime();

    @Override
    public void update(String phase, long done, long total) {
        if (phases.isEmpty() || !phases.get(phases.size() - 1).name().equals(phase)) {
            phases.add(new Phase(phase, System.nanoTime()));
        }
    }

    /**
     * Prints one {@code PHASE seconds=... name} line per phase in the order they ran, the last ending at
     * {@code endNanos}; the time before the first report is printed as "(before the first report)".
     */
    void print(PrintStream out, long endNanos) {
        long previous = origin;
        String previousName = "(before the first report)";
        for (Phase phase : phases) {
            out.printf(Locale.ROOT, "PHASE seconds=%.2f %s%n", (phase.startNanos() - previous) / 1e9, previousName);
            previous = phase.startNanos();
            previousName = phase.name();
        }
        out.printf(Locale.ROOT, "PHASE seconds=%.2f %s%n", (endNanos - previous) / 1e9, previousName);
    }
}

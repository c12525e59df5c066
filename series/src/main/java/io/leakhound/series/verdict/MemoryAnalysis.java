package io.leakhound.series.verdict;

import io.leakhound.series.GcSeries;
import java.time.Duration;
import java.util.List;

/**
 * Everything {@code leakhound analyze} concludes from one source.
 *
 * @param source    what was read (a file name, or several joined)
 * @param span      from the first point to the last
 * @param findings  one per resource, heap first
 * @param gc        GC pressure, or null for a source without GC information (a CSV series)
 * @param events    the GC events (for the sawtooth chart), or null for a source without them
 * @param warnings  things a person should know about the input (lines skipped, files reordered...)
 */
public record MemoryAnalysis(
        String source, Duration span, List<Finding> findings, GcPressure gc, GcSeries events, List<String> warnings) {

    public MemoryAnalysis {
        findings = List.copyOf(findings);
        warnings = List.copyOf(warnings);
    }

    /** Whether any finding is a {@link Verdict#LEAK}. */
    public boolean hasLeak() {
        return findings.stream().anyMatch(f -> f.verdict() == Verdict.LEAK);
    }

    /** How alarming the time in GC pauses is; {@link GcPressureLevel#NONE} for a source without GC information. */
    public GcPressureLevel gcPressureLevel() {
        return gc == null ? GcPressureLevel.NONE : gc.level();
    }

    /** Whether every finding is {@link Verdict#INCONCLUSIVE}: nothing could be judged, every figure is unknown. */
    public boolean nothingJudged() {
        return !findings.isEmpty() && findings.stream().noneMatch(Finding::judged);
    }
}

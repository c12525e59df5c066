package io.leakhound.watch;

import io.leakhound.series.verdict.AlertLevel;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.MemoryAnalysis;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One pass of the verdict engine over a target's whole stored series, as a watch makes one per interval.
 *
 * @param at             when it was made
 * @param analysis       the findings, one per resource, as {@code analyze} would give them for the same series
 * @param levels         the alert level per resource after hysteresis (the finding's own level has none)
 * @param heapAfterGc    the heap after the latest collection, or -1 before the first (or for a non-JVM)
 * @param heapUsed       the heap in use now (for the free-disk check of a capture), or -1 when unknown
 */
public record Evaluation(Instant at, MemoryAnalysis analysis, Map<String, AlertLevel> levels, long heapAfterGc,
                         long heapUsed) {

    public Evaluation {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(analysis, "analysis");
        levels = Map.copyOf(levels);
    }

    /** The finding of {@code resource}, or null. */
    public Finding finding(String resource) {
        for (Finding f : analysis.findings()) {
            if (f.resource().equals(resource)) {
                return f;
            }
        }
        return null;
    }

    /** The level of {@code resource} after hysteresis, NONE when it has none. */
    public AlertLevel level(String resource) {
        return levels.getOrDefault(resource, AlertLevel.NONE);
    }
}

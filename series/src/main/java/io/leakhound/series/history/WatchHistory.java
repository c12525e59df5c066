package io.leakhound.series.history;

import io.leakhound.series.verdict.MemoryAnalysis;
import java.util.List;
import java.util.Objects;

/**
 * One watched process's stored history, ready to render: the verdict over its whole series (as the watch's
 * {@code WatchAnalysis} computes it), and what the watch recorded along the way.
 *
 * @param target      the process
 * @param analysis    the findings over the whole stored series (GC events in uptime since the process start)
 * @param alerts      its alert changes in time order
 * @param captures    its automatic captures in the order started
 * @param annotations the store's markers in time order (they apply to every target)
 */
public record WatchHistory(Target target, MemoryAnalysis analysis, List<Alert> alerts, List<Capture> captures,
                           List<Annotation> annotations) {

    public WatchHistory {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(analysis, "analysis");
        alerts = List.copyOf(alerts);
        captures = List.copyOf(captures);
        annotations = List.copyOf(annotations);
    }

    /** Whether any finding is a LEAK. */
    public boolean hasLeak() {
        return analysis.hasLeak();
    }
}

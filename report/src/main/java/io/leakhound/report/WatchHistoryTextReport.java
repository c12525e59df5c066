package io.leakhound.report;

import io.leakhound.series.history.WatchHistory;
import io.leakhound.series.history.Alert;
import io.leakhound.series.history.Annotation;
import io.leakhound.series.history.Capture;
import io.leakhound.series.history.Target;
import java.util.List;

/**
 * Renders stored watch histories as plain text ({@code leakhound report --db FILE}): per target a title line, the
 * findings as {@link TextReport} prints them, its alert changes and captures; then the store's markers once.
 * Never prints; one pass over the findings, alerts and captures.
 */
public final class WatchHistoryTextReport {

    private WatchHistoryTextReport() {
    }

    /** The report as a string ending with a line break. */
    public static String render(List<WatchHistory> histories) {
        StringBuilder out = new StringBuilder(1024);
        List<Annotation> annotations = histories.isEmpty() ? List.of() : histories.get(0).annotations();
        String separator = "";
        for (WatchHistory h : histories) {
            out.append(separator);
            separator = "\n";
            out.append("== ").append(title(h.target())).append('\n');
            out.append(TextReport.render(h.analysis()));
            if (!h.alerts().isEmpty()) {
                out.append("alerts:\n");
                for (Alert a : h.alerts()) {
                    out.append("  ").append(a.at()).append("  ").append(a.resource()).append(' ').append(a.kind().label())
                            .append(' ').append(a.previous().name()).append(" -> ").append(a.level().name()).append(": ")
                            .append(a.message()).append('\n');
                }
            }
            if (!h.captures().isEmpty()) {
                out.append("captures:\n");
                for (Capture c : h.captures()) {
                    out.append("  ").append(c.started()).append("  ").append(c.state()).append(" (")
                            .append(c.trigger()).append("): ").append(c.message()).append('\n');
                    if (c.holder() != null) {
                        out.append("    holder: ").append(c.holder()).append('\n');
                    }
                    if (c.path() != null) {
                        out.append("    path: ").append(c.path()).append('\n');
                    }
                    if (c.report() != null) {
                        out.append("    report: ").append(c.report()).append('\n');
                    }
                }
            }
        }
        if (!annotations.isEmpty()) {
            out.append("\nmarkers:\n");
            for (Annotation a : annotations) {
                out.append("  ").append(a.at()).append("  ").append(a.text()).append('\n');
            }
        }
        return out.toString();
    }

    /** {@code jvm pid 4242 (java -jar app.jar), started 2026-11-24T10:00:00Z, max heap 256 MB}. */
    static String title(Target t) {
        StringBuilder s = new StringBuilder();
        s.append(t.kind()).append(" pid ").append(t.pid());
        if (!t.command().isEmpty()) {
            s.append(" (").append(t.command()).append(')');
        }
        s.append(", started ").append(t.processStart());
        if (t.maxHeapBytes() > 0) {
            s.append(", max heap ").append(io.leakhound.series.Human.bytes(t.maxHeapBytes()));
        }
        return s.toString();
    }
}

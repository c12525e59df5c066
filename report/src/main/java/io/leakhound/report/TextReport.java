package io.leakhound.report;

import io.leakhound.series.Human;
import io.leakhound.series.verdict.AlertLevel;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.GcPressure;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.series.verdict.Verdict;

/**
 * Renders a {@link MemoryAnalysis} as plain text a person reads at once: a header line (source, span, GC
 * figures), one line per finding, the warnings, and a conclusion. Never prints; costs one pass over the
 * findings (the events are not read).
 *
 * <pre>
 * gc.log: 2 min 30 s, 412 GC events, pauses 1.3 % of the time (recently 4.1 %), 2 full GCs
 * LEAK            heap       heap after GC grows 410 MB/h since 00:01:12 (confidence 0.97); ...  [ESCALATE: 87 % of 256 MB after GC]
 * </pre>
 */
public final class TextReport {

    private TextReport() {
    }

    /** The report as a string ending with a line break. */
    public static String render(MemoryAnalysis analysis) {
        StringBuilder out = new StringBuilder(512);
        out.append(header(analysis)).append('\n');
        int labelWidth = 0;
        int resourceWidth = 0;
        for (Finding f : analysis.findings()) {
            labelWidth = Math.max(labelWidth, label(f.verdict()).length());
            resourceWidth = Math.max(resourceWidth, f.resource().length());
        }
        for (Finding f : analysis.findings()) {
            out.append(pad(label(f.verdict()), labelWidth)).append("  ")
                    .append(pad(f.resource(), resourceWidth)).append("  ")
                    .append(f.summary());
            String alert = alert(f);
            if (!alert.isEmpty()) {
                out.append("  [").append(alert).append(']');
            }
            out.append('\n');
        }
        if (analysis.findings().isEmpty()) {
            out.append("no finding: the input held no usable memory figures\n");
        }
        for (String warning : analysis.warnings()) {
            out.append("warning: ").append(warning).append('\n');
        }
        out.append(conclusion(analysis)).append('\n');
        return out.toString();
    }

    /** {@code gc.log: 2 min 30 s, 412 GC events, pauses 1.3 % of the time, 2 full GCs}. */
    public static String header(MemoryAnalysis analysis) {
        StringBuilder s = new StringBuilder();
        s.append(analysis.source()).append(": ").append(Human.duration(analysis.span()));
        GcPressure gc = analysis.gc();
        if (gc != null) {
            s.append(", ").append(gc.events()).append(gc.events() == 1 ? " GC event" : " GC events");
            s.append(", pauses ").append(Human.percent(gc.pauseFraction())).append(" of the time");
            if (!Double.isNaN(gc.recentPauseFraction())) {
                s.append(" (recently ").append(Human.percent(gc.recentPauseFraction())).append(')');
            }
            s.append(", ").append(gc.fullCollections()).append(gc.fullCollections() == 1 ? " full GC" : " full GCs");
        } else {
            int points = analysis.findings().stream().mapToInt(f -> f.baseline().size()).max().orElse(0);
            s.append(", ").append(points).append(points == 1 ? " sample" : " samples");
        }
        return s.toString();
    }

    /** The verdict as printed: {@code LEAK}, {@code BOUNDED GROWTH}, {@code STABLE}, {@code INCONCLUSIVE}. */
    public static String label(Verdict verdict) {
        return verdict.name().replace('_', ' ');
    }

    /**
     * The alert figure from 70 % of the limit: {@code ESCALATE: 87 % of 256 MB after GC}; empty below (the
     * summary gives the usage then) or when the limit is unknown.
     */
    public static String alert(Finding f) {
        if (f.alert() == AlertLevel.NONE || f.limitBytes() <= 0 || f.lastBaselineBytes() < 0) {
            return "";
        }
        return f.alert().name() + ": " + Human.percent((double) f.lastBaselineBytes() / f.limitBytes())
                + " of " + Human.amount(f.limitBytes(), f.unit()) + (SvgChart.isRaw(f.baseline()) ? "" : " after GC");
    }

    /** The last line: what the exit code will say, in words (see {@link Conclusion}). */
    static String conclusion(MemoryAnalysis analysis) {
        return Conclusion.of(analysis).words(analysis);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}

package io.leakhound.report;

import io.leakhound.series.GcSeries;
import io.leakhound.series.Human;
import io.leakhound.series.verdict.AlertLevel;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.GcPressure;
import io.leakhound.series.verdict.MemoryAnalysis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link MemoryAnalysis} as one self-contained HTML page: inline CSS, one inline SVG chart per
 * finding ({@link SvgChart}), no script and nothing fetched from the network, so the file can be mailed or
 * attached to a ticket and opened anywhere. Every text taken from the input is escaped. Costs one pass over
 * the events per chart; the page stays under a few hundred KB however long the log (charts are thinned).
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    /** The page as a string. */
    public static String render(MemoryAnalysis analysis) {
        StringBuilder s = new StringBuilder(128 * 1024);
        Html.pageStart(s, analysis.source(), CSS);
        header(s, analysis);
        int id = 0;
        for (Finding f : analysis.findings()) {
            finding(s, f, analysis.events(), id++);
        }
        if (analysis.findings().isEmpty()) {
            s.append("<section class=\"card\"><p>No finding: the input held no usable memory figures.</p></section>\n");
        }
        pressure(s, analysis);
        warnings(s, analysis.warnings());
        Html.pageEnd(s, "verdicts come from the post-GC baseline: the memory that survives collection");
        return s.toString();
    }

    /** Writes the page to {@code file} (UTF-8), replacing it. */
    public static void write(MemoryAnalysis analysis, Path file) throws IOException {
        Files.writeString(file, render(analysis), StandardCharsets.UTF_8);
    }

    private static void header(StringBuilder s, MemoryAnalysis a) {
        s.append("<header>\n<div class=\"brand\">leakhound &middot; memory report</div>\n");
        s.append("<h1>").append(Html.escape(a.source())).append("</h1>\n");
        s.append("<p class=\"meta\">").append(Html.escape(TextReport.header(a).substring(a.source().length() + 2)));
        GcSeries events = a.events();
        if (events != null && !events.isEmpty()) {
            s.append(" &middot; collector ").append(Html.escape(events.collector(0).name()));
        }
        s.append("</p>\n");
        String overall = Conclusion.of(a).cssClass();
        s.append("<p class=\"overall ").append(overall).append("\">")
                .append(Html.escape(TextReport.conclusion(a).replace("=> ", ""))).append("</p>\n");
        s.append("</header>\n");
    }

    private static void finding(StringBuilder s, Finding f, GcSeries events, int id) {
        finding(s, f, events, id, List.of());
    }

    /** One finding's card, its chart with {@code markers}; shared with {@link WatchHistoryHtmlReport}. */
    static void finding(StringBuilder s, Finding f, GcSeries events, int id, List<SvgChart.Marker> markers) {
        String cls = SvgChart.verdictClass(f.verdict());
        s.append("<section class=\"card finding\">\n<div class=\"head\"><span class=\"badge ").append(cls).append("\">")
                .append(TextReport.label(f.verdict())).append("</span><h2>").append(Html.escape(f.resource()))
                .append("</h2>");
        if (f.alert() != AlertLevel.NONE) {
            s.append("<span class=\"alert ").append(f.alert().name().toLowerCase(Locale.ROOT)).append("\">")
                    .append(f.alert().name()).append("</span>");
        }
        s.append("</div>\n");
        s.append("<p class=\"words\">").append(Html.escape(inWords(f))).append("</p>\n");
        s.append("<p class=\"summary\">").append(Html.escape(f.summary())).append("</p>\n");
        s.append("<dl class=\"figures\">\n");
        FindingFigures figures = FindingFigures.of(f);
        figure(s, "growth", figures.growthText(f));
        figure(s, "growth since", figures.onsetText());
        figure(s, "exhausted in", figures.exhaustionText());
        boolean raw = SvgChart.isRaw(f.baseline());
        figure(s, raw ? "now" : "after GC now",
                f.lastBaselineBytes() < 0 ? "unknown" : Human.amount(f.lastBaselineBytes(), f.unit()));
        figure(s, "maximum", f.limitBytes() <= 0 ? "unknown" : Human.amount(f.limitBytes(), f.unit()));
        if (f.limitBytes() > 0 && f.lastBaselineBytes() >= 0) {
            figure(s, raw ? "used" : "used after GC", Human.percent((double) f.lastBaselineBytes() / f.limitBytes()));
        }
        figure(s, "confidence", String.format(Locale.ROOT, "%.2f", f.confidence()));
        s.append("</dl>\n");
        if (SvgChart.hasData(f, events)) {
            s.append(SvgChart.render(f, events, id, markers));
        } else {
            s.append("<p class=\"hint\">No data points to chart for ").append(Html.escape(f.resource()))
                    .append(".</p>\n");
        }
        s.append("</section>\n");
    }

    /** The verdict in plain words, for a reader who does not know what a post-GC baseline is. */
    static String inWords(Finding f) {
        String r = f.resource();
        if (SvgChart.isRaw(f.baseline())) {
            return switch (f.verdict()) {
                case LEAK -> "The low points of " + r + " keep rising: this looks like a leak."
                        + (f.timeToExhaustion() != null
                                ? " At this rate it reaches the limit in " + Human.duration(f.timeToExhaustion()) + "."
                                : "");
                case BOUNDED_GROWTH -> "The low points of " + r + " rose and then levelled off: bounded growth, not a leak.";
                case STABLE -> "The low points of " + r + " do not rise: no leak.";
                case INCONCLUSIVE -> "Too little data to decide whether " + r + " leaks.";
            };
        }
        return switch (f.verdict()) {
            case LEAK -> "The memory that survives garbage collection (" + r + ") keeps growing: this looks like a leak."
                    + (f.timeToExhaustion() != null
                            ? " At this rate it runs out in " + Human.duration(f.timeToExhaustion()) + "."
                            : "");
            case BOUNDED_GROWTH -> "The " + r + " baseline grew and then levelled off: bounded growth such as a cache"
                    + " filling up or a warm-up, not a leak.";
            case STABLE -> "The " + r + " baseline after garbage collection does not grow: no leak.";
            case INCONCLUSIVE -> "Too little data to decide whether " + r + " leaks.";
        };
    }

    /** One term and its value in a {@code dl.figures}, shared with {@link HeapHtmlReport}. */
    static void figure(StringBuilder s, String term, String value) {
        s.append("<div><dt>").append(Html.escape(term)).append("</dt><dd>").append(Html.escape(value))
                .append("</dd></div>\n");
    }

    private static void pressure(StringBuilder s, MemoryAnalysis a) {
        GcPressure gc = a.gc();
        if (gc == null) {
            return;
        }
        s.append("<section class=\"card\">\n<h2>GC pressure</h2>\n<dl class=\"figures\">\n");
        figure(s, "GC events", Long.toString(gc.events()));
        figure(s, "pause time", Human.duration(gc.pauseTotal()));
        figure(s, "pause fraction", Human.percent(gc.pauseFraction()));
        figure(s, "recently", Human.percent(gc.recentPauseFraction()));
        figure(s, "full GCs", Long.toString(gc.fullCollections()));
        GcSeries events = a.events();
        if (events != null && events.thinnedEvents() > 0) {
            figure(s, "events thinned for the chart", Long.toString(events.thinnedEvents()));
        }
        figure(s, "span", Human.duration(a.span()));
        s.append("</dl>\n");
        s.append("<p class=\"hint\">A pause fraction rising towards the end of the log is an early sign of memory")
                .append(" pressure: the collector works harder as less memory is freed.</p>\n</section>\n");
    }

    /** The warnings card, shared with {@link HeapHtmlReport}; nothing when there is no warning. */
    static void warnings(StringBuilder s, List<String> warnings) {
        if (warnings.isEmpty()) {
            return;
        }
        s.append("<section class=\"card warnings\">\n<h2>Warnings</h2>\n<ul>\n");
        for (String w : warnings) {
            s.append("<li>").append(Html.escape(w)).append("</li>\n");
        }
        s.append("</ul>\n</section>\n");
    }

    static final String CSS = """
            :root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --bg: #f5f7fa;
                    --leak: #c62828; --bounded: #d97706; --stable: #2e7d32; --inconclusive: #607d8b; }
            * { box-sizing: border-box; }
            body { margin: 0; background: var(--bg); color: var(--ink);
                   font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 1160px; margin: 0 auto; padding: 24px; }
            header { margin-bottom: 18px; }
            .brand { color: var(--muted); font-size: 13px; letter-spacing: .06em; text-transform: uppercase; }
            h1 { margin: 4px 0 2px; font-size: 24px; word-break: break-all; }
            h2 { margin: 0; font-size: 19px; }
            .meta { margin: 0; color: var(--muted); }
            .overall { display: inline-block; margin: 10px 0 0; padding: 4px 12px; border-radius: 4px; font-weight: 600; }
            .overall.leak { background: #fdecea; color: var(--leak); }
            .overall.no-leak { background: #e8f5e9; color: var(--stable); }
            .overall.inconclusive { background: #eceff1; color: var(--inconclusive); }
            .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 18px 20px;
                    margin-bottom: 18px; box-shadow: 0 1px 2px rgba(0,0,0,.04); }
            .head { display: flex; align-items: center; gap: 12px; }
            .badge { color: #fff; font-weight: 700; font-size: 13px; padding: 3px 10px; border-radius: 4px;
                     letter-spacing: .04em; }
            .badge.leak { background: var(--leak); }
            .badge.bounded-growth { background: var(--bounded); }
            .badge.stable { background: var(--stable); }
            .badge.inconclusive { background: var(--inconclusive); }
            .alert { margin-left: auto; font-weight: 700; font-size: 13px; padding: 3px 10px; border-radius: 4px; }
            .alert.warning { background: #fff8e1; color: #a15c00; }
            .alert.escalate { background: #fff3e0; color: #c2410c; }
            .alert.critical { background: #fdecea; color: var(--leak); }
            .words { margin: 12px 0 2px; font-size: 17px; }
            .advice { margin: 6px 0 2px; padding: 6px 10px; border-left: 3px solid var(--muted); font-size: 14px; }
            .summary { margin: 0 0 10px; color: var(--muted); }
            .figures { display: flex; flex-wrap: wrap; gap: 8px 28px; margin: 8px 0 12px; }
            .figures div { min-width: 100px; }
            dt { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .05em; }
            dd { margin: 0; font-size: 17px; font-weight: 600; font-variant-numeric: tabular-nums; }
            .hint { color: var(--muted); font-size: 13px; margin: 0; }
            .warnings li { color: #8a4b00; }
            footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 8px; }
            svg.chart { width: 100%; height: auto; display: block; font-size: 12px; }
            svg .plot { fill: #fcfdfe; stroke: var(--line); }
            svg .axis text { fill: var(--muted); }
            svg .axis .title { fill: var(--ink); font-size: 12px; }
            svg .grid { stroke: #edf1f5; }
            svg .tick { stroke: #9aa5b1; }
            svg .legend text { fill: var(--ink); }
            svg .note { fill: var(--muted); font-style: italic; }
            svg .raw { fill: none; stroke: #9fb3c8; stroke-width: 1; stroke-linejoin: round; }
            svg .baseline-line { fill: none; stroke: #1565c0; stroke-width: 1; stroke-opacity: .35; }
            svg .base { fill: #1565c0; }
            svg .base.partial { fill: #90caf9; }
            svg line.trend { stroke-width: 2.5; stroke-linecap: round; }
            svg line.trend.leak { stroke: var(--leak); }
            svg line.trend.bounded-growth { stroke: var(--bounded); }
            svg line.trend.stable { stroke: var(--stable); }
            svg line.trend.inconclusive { stroke: var(--inconclusive); }
            svg line.limit { stroke-width: 1.2; stroke-dasharray: 6 4; }
            svg line.limit.warning { stroke: #e3a008; }
            svg line.limit.escalate { stroke: #ea580c; }
            svg line.limit.critical { stroke: #c62828; }
            svg line.limit.max { stroke: #1f2933; stroke-dasharray: none; }
            svg text.limit.warning { fill: #a15c00; }
            svg text.limit.escalate { fill: #c2410c; }
            svg text.limit.critical { fill: #c62828; }
            svg text.limit.max { fill: #1f2933; }
            svg text.limit, svg text.onset, svg .note { paint-order: stroke; stroke: #fff; stroke-width: 3px;
                    stroke-linejoin: round; }
            svg text.limit { font-weight: 600; }
            svg line.onset { stroke: #7b1fa2; stroke-width: 1.5; stroke-dasharray: 3 3; }
            svg text.onset { fill: #7b1fa2; }
            @media print { body { background: #fff; } .card { box-shadow: none; } }
            """;
}

package io.leakhound.report;

import io.leakhound.series.history.WatchHistory;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.series.history.Alert;
import io.leakhound.series.history.Annotation;
import io.leakhound.series.history.Capture;
import io.leakhound.series.history.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders stored watch histories ({@code leakhound report --db FILE --html OUT.html}) as one self-contained page,
 * like {@link HtmlReport}: per target, one card per finding with its chart over the whole stored history (the
 * heap before and after each GC with its post-GC baseline; each sampled resource), the person's markers, the
 * alert changes of that resource and the captures drawn as vertical lines on the time axis; then the alerts and
 * captures tables (with a link to each capture's diff report), and the markers. Charts are thinned by
 * {@link MinMaxDownsampler}, so a week of history stays a page of a few hundred KB per target.
 */
public final class WatchHistoryHtmlReport {

    private WatchHistoryHtmlReport() {
    }

    /** The page as a string; {@code store} names the file in the title. */
    public static String render(List<WatchHistory> histories, Path store) {
        StringBuilder s = new StringBuilder(256 * 1024);
        Html.pageStart(s, "watch history " + store.getFileName(), HtmlReport.CSS + CSS);
        s.append("<header>\n<div class=\"brand\">leakhound &middot; watch history</div>\n<h1>")
                .append(Html.escape(store.toAbsolutePath().normalize().toString())).append("</h1>\n<p class=\"meta\">")
                .append(histories.size()).append(histories.size() == 1 ? " watched process" : " watched processes")
                .append(", most recently active first</p>\n");
        boolean leak = histories.stream().anyMatch(WatchHistory::hasLeak);
        s.append("<p class=\"overall ").append(leak ? "leak" : "no-leak").append("\">")
                .append(leak ? "leak found" : "no leak found").append("</p>\n</header>\n");
        int chartId = 0;
        for (WatchHistory h : histories) {
            chartId = target(s, h, chartId);
        }
        List<Annotation> annotations = histories.isEmpty() ? List.of() : histories.get(0).annotations();
        annotationsCard(s, annotations);
        Html.pageEnd(s, "verdicts come from the post-GC baseline over the whole stored history");
        return s.toString();
    }

    /** Writes the page to {@code file} (UTF-8), replacing it. */
    public static void write(List<WatchHistory> histories, Path store, Path file) throws IOException {
        Files.writeString(file, render(histories, store), StandardCharsets.UTF_8);
    }

    private static int target(StringBuilder s, WatchHistory h, int chartId) {
        MemoryAnalysis a = h.analysis();
        s.append("<section class=\"target\">\n<h2 class=\"target-title\">")
                .append(Html.escape(WatchHistoryTextReport.title(h.target()))).append("</h2>\n<p class=\"meta\">")
                .append(Html.escape(TextReport.header(a))).append("</p>\n");
        s.append("<p class=\"overall ").append(Conclusion.of(a).cssClass()).append("\">")
                .append(Html.escape(TextReport.conclusion(a).replace("=> ", ""))).append("</p>\n");
        int id = chartId;
        for (Finding f : a.findings()) {
            HtmlReport.finding(s, f, a.events(), id++, markers(h, f.resource()));
        }
        if (a.findings().isEmpty()) {
            s.append("<section class=\"card\"><p>No finding: nothing sampled yet.</p></section>\n");
        }
        alertsCard(s, h.alerts());
        capturesCard(s, h.captures());
        HtmlReport.warnings(s, a.warnings());
        s.append("</section>\n");
        return id;
    }

    /**
     * The moments drawn on one resource's chart, in the series' time base (since the process start): every
     * marker, the alert changes of this resource, and the captures (on the heap's chart).
     */
    static List<SvgChart.Marker> markers(WatchHistory h, String resource) {
        Instant origin = h.target().processStart();
        List<SvgChart.Marker> markers = new ArrayList<>();
        for (Annotation a : h.annotations()) {
            markers.add(new SvgChart.Marker(millis(origin, a.at()), a.text(), "annotation"));
        }
        for (Alert a : h.alerts()) {
            if (a.resource().equals(resource)) {
                markers.add(new SvgChart.Marker(millis(origin, a.at()), a.level().name(), "alert"));
            }
        }
        if ("heap".equals(resource)) {
            for (Capture c : h.captures()) {
                markers.add(new SvgChart.Marker(millis(origin, c.started()), "capture " + c.state(), "capture"));
            }
        }
        markers.sort((x, y) -> Long.compare(x.millis(), y.millis()));
        return markers;
    }

    private static long millis(Instant origin, Instant at) {
        return Duration.between(origin, at).toMillis();
    }

    private static void alertsCard(StringBuilder s, List<Alert> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        s.append("<section class=\"card\">\n<h2>Alerts</h2>\n<table>\n<tr><th>at</th><th>resource</th><th>kind</th>")
                .append("<th>change</th><th>message</th></tr>\n");
        for (Alert a : alerts) {
            s.append("<tr><td>").append(Html.escape(a.at().toString())).append("</td><td>")
                    .append(Html.escape(a.resource())).append("</td><td>").append(Html.escape(a.kind().label()))
                    .append("</td><td>").append(Html.escape(a.previous().name())).append(" &rarr; <span class=\"level ")
                    .append(Html.escape(a.level().name().toLowerCase(Locale.ROOT))).append("\">")
                    .append(Html.escape(a.level().name())).append("</span></td><td>").append(Html.escape(a.message()))
                    .append("</td></tr>\n");
        }
        s.append("</table>\n</section>\n");
    }

    private static void capturesCard(StringBuilder s, List<Capture> captures) {
        if (captures.isEmpty()) {
            return;
        }
        s.append("<section class=\"card\">\n<h2>Captures</h2>\n<table>\n<tr><th>started</th><th>state</th>")
                .append("<th>trigger</th><th>holder</th><th>path</th><th>report</th><th>message</th></tr>\n");
        for (Capture c : captures) {
            s.append("<tr><td>").append(Html.escape(c.started().toString())).append("</td><td>")
                    .append(Html.escape(c.state().label())).append("</td><td>").append(Html.escape(c.trigger()))
                    .append("</td><td><code>").append(Html.escape(c.holder())).append("</code></td><td><code>")
                    .append(Html.escape(c.path())).append("</code></td><td>");
            if (c.report() != null) {
                s.append("<a href=\"").append(Html.escape(c.report().toAbsolutePath().toUri().toString()))
                        .append("\">diff report</a>");
            }
            s.append("</td><td>").append(Html.escape(c.message())).append("</td></tr>\n");
        }
        s.append("</table>\n</section>\n");
    }

    private static void annotationsCard(StringBuilder s, List<Annotation> annotations) {
        if (annotations.isEmpty()) {
            return;
        }
        s.append("<section class=\"card\">\n<h2>Markers</h2>\n<table>\n<tr><th>at</th><th>text</th></tr>\n");
        for (Annotation a : annotations) {
            s.append("<tr><td>").append(Html.escape(a.at().toString())).append("</td><td>")
                    .append(Html.escape(a.text())).append("</td></tr>\n");
        }
        s.append("</table>\n</section>\n");
    }

    static final String CSS = """
            .target { margin-bottom: 34px; }
            .target-title { font-size: 20px; margin: 8px 0 2px; word-break: break-all; }
            table { border-collapse: collapse; width: 100%; font-size: 14px; margin-top: 8px; }
            th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
            th { color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; }
            td code { word-break: break-all; }
            .level.warning { color: #a15c00; font-weight: 700; }
            .level.escalate { color: #c2410c; font-weight: 700; }
            .level.critical, .level.leak { color: var(--leak); font-weight: 700; }
            svg .marker line { stroke-width: 1.3; }
            svg .marker text { font-size: 11px; paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
            svg .marker.annotation line { stroke: #0f766e; stroke-dasharray: 5 3; }
            svg .marker.annotation text { fill: #0f766e; font-weight: 600; }
            svg .marker.alert line { stroke: #ea580c; stroke-dasharray: 2 3; }
            svg .marker.alert text { fill: #c2410c; }
            svg .marker.capture line { stroke: #4338ca; }
            svg .marker.capture text { fill: #4338ca; }
            """;
}

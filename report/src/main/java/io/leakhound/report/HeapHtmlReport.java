package io.leakhound.report;

import io.leakhound.heap.FixAdvice;
import io.leakhound.heap.GcRootKind;
import io.leakhound.heap.HeapAnalysis;
import io.leakhound.heap.LeakSuspect;
import io.leakhound.series.Human;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders a {@link HeapAnalysis} as one self-contained HTML page in the style of the GC report
 * ({@link HtmlReport}'s stylesheet): the leak suspects first, each with its sentence, its figures and its
 * path from a GC root as a chain of hops; then an inline SVG bar chart and a table of the classes that
 * retain most, the top of the dominator tree with each entry's biggest children nested under it, the
 * warnings and the size model. No script, nothing fetched; every name taken from the dump is escaped.
 * Costs one pass over the rows shown; the page stays small whatever the dump's size.
 */
public final class HeapHtmlReport {

    /** Bars in the chart: enough to see the shape, few enough to read every label. */
    private static final int CHART_BARS = 10;

    private HeapHtmlReport() {
    }

    /** The page as a string; the histogram and the dominators are cut to {@code top} rows. */
    public static String render(HeapAnalysis a, int top) {
        StringBuilder s = new StringBuilder(64 * 1024);
        Html.pageStart(s, a.source(), HtmlReport.CSS + CSS);
        header(s, a);
        int n = 1;
        for (LeakSuspect suspect : a.suspects()) {
            suspect(s, suspect, n++);
        }
        classes(s, a, top);
        dominators(s, a, top);
        HtmlReport.warnings(s, a.warnings());
        sizeModel(s, a);
        Html.pageEnd(s, "retained size: the memory freed if the object were gone");
        return s.toString();
    }

    /** Writes the page to {@code file} (UTF-8), replacing it. */
    public static void write(HeapAnalysis analysis, int top, Path file) throws IOException {
        Files.writeString(file, render(analysis, top), StandardCharsets.UTF_8);
    }

    private static void header(StringBuilder s, HeapAnalysis a) {
        s.append("<header>\n<div class=\"brand\">leakhound &middot; heap report</div>\n");
        s.append("<h1>").append(Html.escape(a.source())).append("</h1>\n");
        s.append("<p class=\"meta\">").append(Html.escape(HeapTextReport.header(a)));
        if (a.timestamp() != null) {
            s.append(" &middot; dumped ").append(Html.escape(a.timestamp().toString()));
        }
        s.append("</p>\n");
        int count = a.suspects().size();
        s.append("<p class=\"overall ").append(count > 0 ? "leak" : "no-leak").append("\">")
                .append(count == 0 ? "no leak suspect" : count == 1 ? "1 leak suspect" : count + " leak suspects")
                .append("</p>\n</header>\n");
    }

    /** The pattern and what to do, under a suspect's sentence; shared with {@link HeapDiffHtmlReport}. */
    static void advice(StringBuilder s, Optional<FixAdvice> advice) {
        advice.ifPresent(a -> s.append("<p class=\"advice\"><strong>Fix (").append(Html.escape(a.pattern().id()))
                .append(")</strong>: ").append(Html.escape(a.advice())).append("</p>\n"));
    }

    private static void suspect(StringBuilder s, LeakSuspect suspect, int n) {
        s.append("<section class=\"card finding\">\n<div class=\"head\"><span class=\"badge leak\">SUSPECT ")
                .append(n).append("</span><h2>").append(Html.escape(suspect.holderReference())).append("</h2></div>\n");
        s.append("<p class=\"words\">").append(Html.escape(SuspectSentence.of(suspect))).append("</p>\n");
        advice(s, suspect.fixAdvice());
        s.append("<dl class=\"figures\">\n");
        HtmlReport.figure(s, "retained", Human.bytes(suspect.retainedBytes()));
        HtmlReport.figure(s, "of the heap", Human.percent(suspect.retainedFraction()));
        if (!SuspectSentence.isLeaf(suspect)) {
            HtmlReport.figure(s, suspect.kind() == LeakSuspect.Kind.CLASS_INSTANCES ? "instances" : "elements",
                    SuspectSentence.count(suspect.elementCount()));
            HtmlReport.figure(s, "they retain", Human.bytes(suspect.elementRetainedBytes()));
        }
        s.append("</dl>\n<dl class=\"objects\">\n");
        object(s, suspect.kind() == LeakSuspect.Kind.CLASS_INSTANCES ? "biggest instance" : "holder", suspect.holder());
        if (suspect.accumulationPoint().objectId() != suspect.holder().objectId()) {
            object(s, "accumulation point", suspect.accumulationPoint());
        }
        if (!suspect.elementClass().equals(suspect.accumulationPoint().className())) {
            s.append("<div><dt>element class</dt><dd><code>").append(Html.escape(suspect.elementClass()))
                    .append("</code></dd></div>\n");
        }
        s.append("</dl>\n");
        path(s, suspect.path());
        s.append("</section>\n");
    }

    private static void object(StringBuilder s, String term, HeapAnalysis.ObjectRef ref) {
        s.append("<div><dt>").append(term).append("</dt><dd><code>").append(Html.escape(ref.className()))
                .append("</code> <span class=\"addr\">@ ").append(HeapJsonReport.address(ref.objectId()))
                .append("</span></dd></div>\n");
    }

    /** The path from a GC root as a chain of hops, the root first; shared with {@link HeapDiffHtmlReport}. */
    static void path(StringBuilder s, List<String> path) {
        if (path.isEmpty()) {
            return;
        }
        s.append("<div class=\"pathhead\">shortest path from a GC root</div>\n<ol class=\"path\">\n");
        for (String hop : path) {
            s.append("<li><code>").append(Html.escape(hop)).append("</code></li>\n");
        }
        s.append("</ol>\n");
    }

    private static void classes(StringBuilder s, HeapAnalysis a, int top) {
        List<HeapAnalysis.ClassRow> rows = a.histogram().subList(0, Math.min(top, a.histogram().size()));
        s.append("<section class=\"card\">\n<h2>Classes by retained size</h2>\n");
        s.append("<p class=\"hint\">Top ").append(rows.size()).append(" of ")
                .append(SuspectSentence.count(a.histogram().size()))
                .append(" classes. A class retains what its instances keep alive together, each object counted once.</p>\n");
        List<HeapAnalysis.ClassRow> charted = rows.subList(0, Math.min(CHART_BARS, rows.size()));
        barChart(s, "classes by retained size", charted.stream().map(HeapAnalysis.ClassRow::className).toList(),
                charted.stream().map(HeapAnalysis.ClassRow::retainedBytes).toList(), a.reachableBytes());
        s.append("<table class=\"rows\">\n<thead><tr><th>class</th><th>instances</th><th>shallow</th><th>retained</th>")
                .append("<th>of the heap</th></tr></thead>\n<tbody>\n");
        for (HeapAnalysis.ClassRow row : rows) {
            s.append("<tr><td><code>").append(Html.escape(row.className())).append("</code></td><td>")
                    .append(SuspectSentence.count(row.count())).append("</td><td>").append(Human.bytes(row.shallowBytes()))
                    .append("</td><td>").append(Human.bytes(row.retainedBytes())).append("</td><td>")
                    .append(a.reachableBytes() > 0 ? Human.percent((double) row.retainedBytes() / a.reachableBytes()) : "")
                    .append("</td></tr>\n");
        }
        s.append("</tbody>\n</table>\n</section>\n");
    }

    /**
     * Horizontal bars of byte counts, one per label, scaled to {@code whole} so that a bar's length is its
     * share of it (the reachable heap); shared with {@link HeapDiffHtmlReport}.
     */
    static void barChart(StringBuilder s, String title, List<String> labels, List<Long> bytes, long whole) {
        if (labels.isEmpty() || whole <= 0) {
            return;
        }
        int rowHeight = 24;
        int labelWidth = 420;
        int barSpace = 520;
        int height = labels.size() * rowHeight + 8;
        s.append("<svg class=\"bars\" viewBox=\"0 0 1080 ").append(height)
                .append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\">\n");
        for (int i = 0; i < labels.size(); i++) {
            double share = Math.min(1, (double) bytes.get(i) / whole);
            int y = 4 + i * rowHeight;
            String width = String.format(Locale.ROOT, "%.1f", Math.max(1, share * barSpace));
            s.append("<text class=\"label\" x=\"").append(labelWidth - 8).append("\" y=\"").append(y + 16).append("\">")
                    .append(Html.escape(shorten(labels.get(i), 56))).append("</text>")
                    .append("<rect class=\"bar\" x=\"").append(labelWidth).append("\" y=\"").append(y + 3)
                    .append("\" width=\"").append(width).append("\" height=\"").append(rowHeight - 6).append("\"/>")
                    .append("<text class=\"value\" x=\"")
                    .append(String.format(Locale.ROOT, "%.1f", labelWidth + Math.max(1, share * barSpace) + 6))
                    .append("\" y=\"").append(y + 16).append("\">").append(Human.bytes(bytes.get(i)))
                    .append(" · ").append(Human.percent(share)).append("</text>\n");
        }
        s.append("</svg>\n");
    }

    /** Keeps the end of a long class name, which is the part that tells classes apart. */
    private static String shorten(String name, int max) {
        return name.length() <= max ? name : "…" + name.substring(name.length() - max + 1);
    }

    private static void dominators(StringBuilder s, HeapAnalysis a, int top) {
        List<HeapAnalysis.Dominator> rows = a.dominators().subList(0, Math.min(top, a.dominators().size()));
        s.append("<section class=\"card\">\n<h2>Biggest objects: the top of the dominator tree</h2>\n")
                .append("<p class=\"hint\">Objects that only GC roots keep alive, with the biggest objects each one")
                .append(" alone keeps alive nested under it.</p>\n<ul class=\"tree\">\n");
        for (HeapAnalysis.Dominator d : rows) {
            dominator(s, d);
        }
        s.append("</ul>\n</section>\n");
    }

    private static void dominator(StringBuilder s, HeapAnalysis.Dominator d) {
        s.append("<li><span class=\"size\">").append(Human.bytes(d.retainedBytes())).append("</span><span class=\"share\">")
                .append(Human.percent(d.retainedFraction())).append("</span><code>").append(Html.escape(d.className()))
                .append("</code> <span class=\"addr\">@ ").append(HeapJsonReport.address(d.objectId())).append("</span>");
        if (!d.path().isEmpty()) {
            s.append(" <span class=\"via\">via ").append(Html.escape(String.join(" → ", d.path()))).append("</span>");
        }
        if (!d.children().isEmpty()) {
            s.append("\n<ul>\n");
            for (HeapAnalysis.Dominator child : d.children()) {
                dominator(s, child);
            }
            s.append("</ul>");
        }
        s.append("</li>\n");
    }

    private static void sizeModel(StringBuilder s, HeapAnalysis a) {
        s.append("<section class=\"card\">\n<h2>The dump and the size model</h2>\n<dl class=\"figures\">\n");
        HtmlReport.figure(s, "objects", SuspectSentence.count(a.objects()));
        HtmlReport.figure(s, "shallow size", Human.bytes(a.shallowBytes()));
        HtmlReport.figure(s, "reachable", SuspectSentence.count(a.reachableObjects()) + " · " + Human.bytes(a.reachableBytes()));
        HtmlReport.figure(s, "unreachable", SuspectSentence.count(a.unreachableObjects()) + " · " + Human.bytes(a.unreachableBytes()));
        HtmlReport.figure(s, "classes", SuspectSentence.count(a.classes()));
        HtmlReport.figure(s, "GC roots", SuspectSentence.count(a.gcRoots()));
        HtmlReport.figure(s, "format", a.format() + ", " + a.identifierSize() + "-byte ids");
        s.append("</dl>\n<dl class=\"figures roots\">\n");
        for (GcRootKind kind : GcRootKind.values()) {
            Integer count = a.gcRootsByKind().get(kind);
            if (count != null && count > 0) {
                HtmlReport.figure(s, kind.description() + " roots", SuspectSentence.count(count));
            }
        }
        s.append("</dl>\n<p class=\"hint\">Sizes follow the ").append(Html.escape(a.sizeModel()))
                .append(". Percentages are of the reachable heap: what a full GC would keep.</p>\n</section>\n");
    }

    /** The heap pages' additions to {@link HtmlReport#CSS}; shared with {@link HeapDiffHtmlReport}. */
    static final String CSS = """
            code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
            .finding h2 code, .finding h2 { font-size: 17px; word-break: break-all; }
            .objects { display: flex; flex-wrap: wrap; gap: 6px 28px; margin: 0 0 10px; }
            .objects dd { font-size: 14px; font-weight: 400; }
            .addr, .via { color: var(--muted); font-size: 12px; }
            .pathhead { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .05em; }
            ol.path { list-style: none; margin: 4px 0 0; padding: 0; }
            ol.path li { position: relative; padding: 3px 0 3px 22px; }
            ol.path li::before { content: "→"; position: absolute; left: 2px; color: var(--leak); font-weight: 700; }
            ol.path li:first-child::before { content: "●"; font-size: 11px; top: 5px; color: var(--ink); }
            table.rows { width: 100%; border-collapse: collapse; margin-top: 10px; font-variant-numeric: tabular-nums; }
            table.rows th { text-align: right; color: var(--muted); font-size: 12px; font-weight: 600;
                            text-transform: uppercase; letter-spacing: .05em; border-bottom: 1px solid var(--line);
                            padding: 4px 8px; }
            table.rows td { text-align: right; padding: 3px 8px; border-bottom: 1px solid #f0f3f7; white-space: nowrap; }
            table.rows th:first-child, table.rows td:first-child { text-align: left; white-space: normal; }
            svg.bars { width: 100%; height: auto; display: block; margin: 12px 0 4px; font-size: 12px; }
            svg.bars .label { text-anchor: end; fill: var(--ink);
                              font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
            svg.bars .bar { fill: #1565c0; fill-opacity: .8; }
            svg.bars .value { fill: var(--muted); }
            ul.tree, ul.tree ul { list-style: none; margin: 0; padding: 0; }
            ul.tree ul { margin-left: 26px; border-left: 1px solid var(--line); padding-left: 10px; }
            ul.tree li { padding: 3px 0; }
            ul.tree .size { display: inline-block; min-width: 76px; font-weight: 600; font-variant-numeric: tabular-nums; }
            ul.tree .share { display: inline-block; min-width: 58px; color: var(--muted); font-variant-numeric: tabular-nums; }
            .roots dd { font-size: 15px; }
            """;
}

package io.leakhound.report;

import io.leakhound.heap.HeapDiff;
import io.leakhound.heap.HeapDiff.ClassDelta;
import io.leakhound.heap.HeapDiff.GrowthSuspect;
import io.leakhound.jfr.alloc.AllocationProfile;
import io.leakhound.jfr.alloc.ClassProfile;
import io.leakhound.series.Human;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders a {@link HeapDiff} as one self-contained HTML page in the style of the heap report
 * ({@link HeapHtmlReport}): the growth suspects first, each with its sentence, its figures, a small SVG
 * chart of what it retained in each dump (a line over the dumps when there are three or more, a
 * before/after bar pair for two) and its path from a GC root; then the table of classes that changed, the
 * dumps compared and the warnings. No script, nothing fetched; every name taken from a dump is escaped.
 * Costs one pass over the rows shown; the page stays small whatever the dumps' sizes.
 */
public final class HeapDiffHtmlReport {

    private static final int CHART_WIDTH = 1080;
    private static final int CHART_HEIGHT = 220;
    private static final int CHART_LEFT = 90;
    private static final int CHART_RIGHT = 40;
    private static final int CHART_TOP = 16;
    private static final int CHART_BOTTOM = 46;

    private HeapDiffHtmlReport() {
    }

    /** The page as a string; the class table is cut to {@code top} rows. */
    public static String render(HeapDiff d, int top) {
        return render(d, top, null);
    }

    /** As {@link #render(HeapDiff, int)}, each suspect with its allocation sites in {@code profile} (may be null). */
    public static String render(HeapDiff d, int top, AllocationProfile profile) {
        StringBuilder s = new StringBuilder(64 * 1024);
        HeapDiff.Dump first = d.dumps().get(0);
        HeapDiff.Dump last = d.dumps().get(d.dumps().size() - 1);
        Html.pageStart(s, first.source() + " → " + last.source(), HtmlReport.CSS + HeapHtmlReport.CSS + CSS
                + AllocationHtmlReport.CSS);
        header(s, d, first, last);
        int n = 1;
        for (GrowthSuspect suspect : d.suspects()) {
            suspect(s, d, suspect, n++, profile);
        }
        if (d.suspects().isEmpty()) {
            s.append("<section class=\"card\"><p>Nothing grew materially: no holder's retained size grew enough")
                    .append(" to suspect a leak.</p></section>\n");
        }
        classes(s, d.classes(), top);
        dumps(s, d);
        HtmlReport.warnings(s, d.warnings());
        Html.pageEnd(s, "holders are matched across dumps by their path from the GC roots, not by address");
        return s.toString();
    }

    /** Writes the page to {@code file} (UTF-8), replacing it. */
    public static void write(HeapDiff diff, int top, Path file) throws IOException {
        write(diff, top, null, file);
    }

    /** Writes the page with the allocation sites of {@code profile} (may be null) to {@code file}. */
    public static void write(HeapDiff diff, int top, AllocationProfile profile, Path file) throws IOException {
        Files.writeString(file, render(diff, top, profile), StandardCharsets.UTF_8);
    }

    private static void header(StringBuilder s, HeapDiff d, HeapDiff.Dump first, HeapDiff.Dump last) {
        s.append("<header>\n<div class=\"brand\">leakhound &middot; heap diff</div>\n");
        s.append("<h1>").append(Html.escape(first.source())).append(" → ").append(Html.escape(last.source()))
                .append("</h1>\n");
        s.append("<p class=\"meta\">").append(Html.escape(HeapDiffTextReport.summary(d))).append("</p>\n");
        int count = d.suspects().size();
        s.append("<p class=\"overall ").append(count > 0 ? "leak" : "no-leak").append("\">")
                .append(count == 0 ? "nothing grew materially" : count == 1 ? "1 growth suspect" : count + " growth suspects")
                .append("</p>\n</header>\n");
    }

    private static void suspect(StringBuilder s, HeapDiff d, GrowthSuspect suspect, int n, AllocationProfile profile) {
        s.append("<section class=\"card finding\">\n<div class=\"head\"><span class=\"badge leak\">GROWTH ")
                .append(n).append("</span><h2>").append(Html.escape(suspect.holderReference())).append("</h2></div>\n");
        s.append("<p class=\"words\">").append(Html.escape(GrowthSentence.of(suspect, d.dumps().size()))).append("</p>\n");
        HeapHtmlReport.advice(s, suspect.fixAdvice());
        s.append("<dl class=\"figures\">\n");
        HtmlReport.figure(s, "elements", SuspectSentence.count(suspect.countBefore()) + " → "
                + SuspectSentence.count(suspect.countAfter()));
        HtmlReport.figure(s, "retained", Human.bytes(suspect.retainedBytesBefore()) + " → "
                + Human.bytes(suspect.retainedBytesAfter()));
        HtmlReport.figure(s, "growth", GrowthSentence.signed(suspect.growthBytes()));
        if (suspect.growthBytesPerHour() != null) {
            HtmlReport.figure(s, "per hour", Human.ratePerHour(suspect.growthBytesPerHour()));
        }
        HtmlReport.figure(s, "of the heap", Human.percent(suspect.growthFraction()));
        if (suspect.holderCount() > 1) {
            HtmlReport.figure(s, "holders", SuspectSentence.count(suspect.holderCount()));
        }
        s.append("</dl>\n<dl class=\"objects\">\n");
        s.append("<div><dt>").append(suspect.holderCount() > 1 ? "biggest holder" : "holder").append("</dt><dd><code>")
                .append(Html.escape(suspect.holderClass())).append("</code> <span class=\"addr\">@ ")
                .append(HeapJsonReport.address(suspect.holderObjectId())).append(" in the last dump</span></dd></div>\n");
        s.append("<div><dt>element class</dt><dd><code>").append(Html.escape(suspect.elementClass()))
                .append("</code></dd></div>\n</dl>\n");
        chart(s, d, suspect);
        HeapHtmlReport.path(s, suspect.path());
        if (profile != null) {
            Optional<ClassProfile> sites = AllocationSites.of(profile, suspect);
            s.append("<div class=\"pathhead\">allocation sites in ").append(Html.escape(String.valueOf(profile.source().getFileName())))
                    .append(sites.map(c -> ": " + Html.escape(AllocationSites.heading(c, suspect))).orElse(": none of "
                            + Html.escape(suspect.elementClass()) + " or " + Html.escape(suspect.holderClass())))
                    .append("</div>\n");
            sites.ifPresent(c -> AllocationHtmlReport.siteBars(s, c, AllocationSites.byKept(c)));
        }
        s.append("</section>\n");
    }

    /** A line of retained bytes over the dumps when there are three or more, else a before/after bar pair. */
    private static void chart(StringBuilder s, HeapDiff d, GrowthSuspect suspect) {
        List<Long> retained = suspect.retainedBytes();
        if (retained.size() < 3) {
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < d.dumps().size(); i++) {
                labels.add((i == 0 ? "before: " : "after: ") + d.dumps().get(i).source());
            }
            long heap = Math.max(d.dumps().get(d.dumps().size() - 1).reachableBytes(),
                    retained.stream().mapToLong(Long::longValue).max().orElse(0));
            HeapHtmlReport.barChart(s, "retained before and after", labels, retained, heap);
            return;
        }
        lineChart(s, d, retained);
    }

    /**
     * Retained bytes at each dump, the dumps spaced evenly (their timestamps may not advance, or not evenly)
     * and labelled with their number and time since the first; the axis runs from zero so that growth is
     * seen at its true proportion.
     */
    private static void lineChart(StringBuilder s, HeapDiff d, List<Long> retained) {
        long max = Math.max(1, retained.stream().mapToLong(Long::longValue).max().orElse(1));
        int plotWidth = CHART_WIDTH - CHART_LEFT - CHART_RIGHT;
        int plotHeight = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM;
        s.append("<svg class=\"chart growth\" viewBox=\"0 0 ").append(CHART_WIDTH).append(' ').append(CHART_HEIGHT)
                .append("\" role=\"img\" aria-label=\"retained bytes in each dump\">\n");
        s.append("<rect class=\"plot\" x=\"").append(CHART_LEFT).append("\" y=\"").append(CHART_TOP)
                .append("\" width=\"").append(plotWidth).append("\" height=\"").append(plotHeight).append("\"/>\n");
        s.append("<g class=\"axis\">\n");
        for (int i = 0; i <= 2; i++) {
            long value = max * i / 2;
            double y = CHART_TOP + plotHeight - (double) plotHeight * i / 2;
            s.append("<line class=\"grid\" x1=\"").append(CHART_LEFT).append("\" x2=\"").append(CHART_LEFT + plotWidth)
                    .append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y)).append("\"/>")
                    .append("<text x=\"").append(CHART_LEFT - 8).append("\" y=\"").append(f(y + 4))
                    .append("\" text-anchor=\"end\">").append(Human.bytes(value)).append("</text>\n");
        }
        StringBuilder points = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < retained.size(); i++) {
            double x = CHART_LEFT + (double) plotWidth * i / (retained.size() - 1);
            double y = CHART_TOP + plotHeight - (double) plotHeight * retained.get(i) / max;
            points.append(f(x)).append(',').append(f(y)).append(' ');
            dots.append("<circle class=\"dot\" cx=\"").append(f(x)).append("\" cy=\"").append(f(y))
                    .append("\" r=\"4\"><title>").append(Html.escape(d.dumps().get(i).source())).append(": ")
                    .append(Human.bytes(retained.get(i))).append("</title></circle>\n");
            HeapDiff.Dump dump = d.dumps().get(i);
            HeapDiff.Dump first = d.dumps().get(0);
            Duration since = dump.timestamp() == null || first.timestamp() == null ? null
                    : Duration.between(first.timestamp(), dump.timestamp());
            s.append("<text x=\"").append(f(x)).append("\" y=\"").append(CHART_TOP + plotHeight + 18)
                    .append("\" text-anchor=\"middle\">dump ").append(i + 1).append("</text>")
                    .append("<text x=\"").append(f(x)).append("\" y=\"").append(CHART_TOP + plotHeight + 34)
                    .append("\" text-anchor=\"middle\">").append(since == null ? "" : Human.clock(since))
                    .append("</text>\n");
        }
        s.append("</g>\n<polyline class=\"line\" points=\"").append(points.toString().trim()).append("\"/>\n")
                .append(dots).append("</svg>\n");
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static void classes(StringBuilder s, List<ClassDelta> classes, int top) {
        List<ClassDelta> rows = classes.subList(0, Math.min(top, classes.size()));
        s.append("<section class=\"card\">\n<h2>Classes that changed</h2>\n");
        s.append("<p class=\"hint\">Top ").append(rows.size()).append(" of ").append(SuspectSentence.count(classes.size()))
                .append(" classes by shallow growth, shrinking classes last. Retained: what the class's instances")
                .append(" keep alive together.</p>\n");
        s.append("<table class=\"rows\">\n<thead><tr><th>class</th><th>count before</th><th>count after</th>")
                .append("<th>shallow before</th><th>shallow after</th><th>shallow growth</th>")
                .append("<th>retained before</th><th>retained after</th></tr></thead>\n<tbody>\n");
        for (ClassDelta c : rows) {
            s.append("<tr><td><code>").append(Html.escape(c.className())).append("</code></td>");
            cell(s, SuspectSentence.count(c.countBefore()));
            cell(s, SuspectSentence.count(c.countAfter()));
            cell(s, Human.bytes(c.shallowBytesBefore()));
            cell(s, Human.bytes(c.shallowBytesAfter()));
            cell(s, GrowthSentence.signed(c.shallowBytesAfter() - c.shallowBytesBefore()));
            cell(s, Human.bytes(c.retainedBytesBefore()));
            cell(s, Human.bytes(c.retainedBytesAfter()));
            s.append("</tr>\n");
        }
        s.append("</tbody>\n</table>\n</section>\n");
    }

    private static void dumps(StringBuilder s, HeapDiff d) {
        s.append("<section class=\"card\">\n<h2>The dumps compared</h2>\n<table class=\"rows\">\n")
                .append("<thead><tr><th>dump</th><th>timestamp</th><th>objects</th><th>reachable objects</th>")
                .append("<th>reachable</th><th>size model</th></tr></thead>\n<tbody>\n");
        for (HeapDiff.Dump dump : d.dumps()) {
            s.append("<tr><td><code>").append(Html.escape(dump.source())).append("</code></td>");
            cell(s, dump.timestamp() == null ? "" : dump.timestamp().toString());
            cell(s, SuspectSentence.count(dump.objects()));
            cell(s, SuspectSentence.count(dump.reachableObjects()));
            cell(s, Human.bytes(dump.reachableBytes()));
            cell(s, dump.sizeModel());
            s.append("</tr>\n");
        }
        s.append("</tbody>\n</table>\n");
        List<String> dumpWarnings = new ArrayList<>();
        for (HeapDiff.Dump dump : d.dumps()) {
            dump.warnings().forEach(w -> dumpWarnings.add(dump.source() + ": " + w));
        }
        for (String w : dumpWarnings) {
            s.append("<p class=\"hint\">").append(Html.escape(w)).append("</p>\n");
        }
        s.append("</section>\n");
    }

    private static void cell(StringBuilder s, String text) {
        s.append("<td>").append(Html.escape(text)).append("</td>");
    }

    private static final String CSS = """
            svg.growth { margin: 10px 0 6px; }
            svg.growth .line { fill: none; stroke: var(--leak); stroke-width: 2.5; stroke-linejoin: round; }
            svg.growth .dot { fill: var(--leak); }
            """;
}

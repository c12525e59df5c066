package io.leakhound.report;

import io.leakhound.jfr.alloc.AllocationProfile;
import io.leakhound.jfr.alloc.ClassProfile;
import io.leakhound.jfr.alloc.Frame;
import io.leakhound.jfr.alloc.Site;
import io.leakhound.jfr.alloc.SurvivorPath;
import io.leakhound.jfr.alloc.Survivors;
import io.leakhound.series.Human;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders an {@link AllocationProfile} as one self-contained HTML page in the style of the heap report: the
 * growing classes first, each a card with why, a bar per site (its survivors' estimated bytes), the allocating
 * line's callers and the survivors' path from a GC root (sites and bars count the survivors allocated before
 * the recording's last tenth: the younger ones may be garbage not yet collected); then the classes that allocate most (a bar per class,
 * then a bar per site of each). No script, nothing fetched; every name taken from the recording is escaped.
 * Costs one pass over the rows shown.
 */
public final class AllocationHtmlReport {

    private AllocationHtmlReport() {
    }

    /** The page as a string; the class list is cut to {@code top} classes. */
    public static String render(AllocationProfile p, int top) {
        StringBuilder s = new StringBuilder(64 * 1024);
        Html.pageStart(s, p.source().getFileName() + " allocations", HtmlReport.CSS + HeapHtmlReport.CSS + CSS);
        List<ClassProfile> growing = p.growing();
        s.append("<header>\n<div class=\"brand\">leakhound &middot; allocations</div>\n<h1>")
                .append(Html.escape(String.valueOf(p.source().getFileName()))).append("</h1>\n<p class=\"meta\">")
                .append(Html.escape(AllocationTextReport.summary(p))).append("</p>\n<p class=\"overall ")
                .append(growing.isEmpty() ? "no-leak" : "leak").append("\">")
                .append(growing.isEmpty() ? (p.oldObjectSamples() ? "nothing grows" : "growth unknown: no old-object samples")
                        : growing.size() == 1 ? "1 growing class" : growing.size() + " growing classes")
                .append("</p>\n</header>\n");
        int n = 1;
        for (ClassProfile c : growing) {
            growingCard(s, c, n++);
        }
        allocating(s, p, top);
        HtmlReport.warnings(s, p.warnings());
        Html.pageEnd(s, "growth is judged from the old-object samples alive at the end of the recording");
        return s.toString();
    }

    /** Writes the page to {@code file} (UTF-8), replacing it. */
    public static void write(AllocationProfile p, int top, Path file) throws IOException {
        Files.writeString(file, render(p, top), StandardCharsets.UTF_8);
    }

    private static void growingCard(StringBuilder s, ClassProfile c, int n) {
        s.append("<section class=\"card finding\">\n<div class=\"head\"><span class=\"badge leak\">GROWING ").append(n)
                .append("</span><h2>").append(Html.escape(c.className())).append("</h2></div>\n");
        s.append("<p class=\"words\">").append(Html.escape(c.growthReason())).append("</p>\n");
        Survivors survivors = c.survivors();
        s.append("<dl class=\"figures\">\n");
        HtmlReport.figure(s, "surviving samples", SuspectSentence.count(survivors.count()));
        HtmlReport.figure(s, "their estimated size", Human.bytes(survivors.estimatedBytes()));
        HtmlReport.figure(s, "oldest", Human.duration(survivors.oldestAge()) + " old");
        HtmlReport.figure(s, "allocated (sampled)", Human.bytes(c.allocatedBytes()));
        s.append("</dl>\n");
        siteBars(s, c, AllocationTextReport.byKept(c));
        for (SurvivorPath path : survivors.paths().subList(0, Math.min(1, survivors.paths().size()))) {
            s.append("<p class=\"hint\">").append(SuspectSentence.count(path.count()))
                    .append(" of the survivors are reached from ").append(Html.escape(path.root())).append("</p>\n");
            HeapHtmlReport.path(s, path.chain());
        }
        s.append("</section>\n");
    }

    /** A bar per site and the callers of the top ones; shared with the diff page. */
    static void siteBars(StringBuilder s, ClassProfile c, boolean bySurvivors) {
        List<Site> sites = c.sites().stream().filter(site -> !bySurvivors || site.settledSurvivors() > 0)
                .limit(AllocationTextReport.SITES * 2L).toList();
        if (sites.isEmpty()) {
            return;
        }
        List<Long> bytes = sites.stream().map(site -> bySurvivors ? site.settledSurvivorBytes() : site.allocatedBytes())
                .toList();
        long whole = bySurvivors ? sites.stream().mapToLong(Site::settledSurvivorBytes).sum() : c.allocatedBytes();
        HeapHtmlReport.barChart(s, "allocation sites of " + c.className(),
                sites.stream().map(site -> site.allocatingLine().toString()).toList(), bytes, Math.max(1, whole));
        s.append("<ol class=\"sites\">\n");
        for (Site site : sites.subList(0, Math.min(AllocationTextReport.SITES, sites.size()))) {
            s.append("<li><code>").append(Html.escape(site.allocatingLine().toString())).append("</code>");
            if (site.application() != null && !site.application().equals(site.top())) {
                s.append(" <span class=\"via\">in ").append(Html.escape(site.top().toString())).append("</span>");
            }
            s.append(" <span class=\"via\">").append(SuspectSentence.count(site.settledSurvivors())).append(" kept, ")
                    .append(Html.escape(Human.bytes(site.allocatedBytes()))).append(" allocated</span>");
            for (Frame caller : AllocationTextReport.callers(site)) {
                s.append("<br><span class=\"via\">← </span><code>").append(Html.escape(caller.toString())).append("</code>");
            }
            s.append("</li>\n");
        }
        s.append("</ol>\n");
    }

    private static void allocating(StringBuilder s, AllocationProfile p, int top) {
        List<ClassProfile> rows = p.classes().stream().filter(c -> c.allocatedBytes() > 0)
                .sorted((a, b) -> Long.compare(b.allocatedBytes(), a.allocatedBytes())).limit(top).toList();
        s.append("<section class=\"card\">\n<h2>Classes by allocated bytes</h2>\n");
        if (rows.isEmpty()) {
            s.append("<p>No allocation recorded.</p>\n</section>\n");
            return;
        }
        s.append("<p class=\"hint\">Top ").append(rows.size()).append(" of ").append(SuspectSentence.count(p.classes().size()))
                .append(" classes, from ").append(Html.escape(p.allocationEvents().eventNames()))
                .append(". Allocated is not kept: a class allocated a lot is garbage unless it grows.</p>\n");
        HeapHtmlReport.barChart(s, "classes by allocated bytes", rows.stream().map(ClassProfile::className).toList(),
                rows.stream().map(ClassProfile::allocatedBytes).toList(), Math.max(1, p.allocatedBytes()));
        for (ClassProfile c : rows.subList(0, Math.min(5, rows.size()))) {
            s.append("<h3><code>").append(Html.escape(c.className())).append("</code></h3>\n");
            siteBars(s, c, false);
        }
        s.append("</section>\n");
    }

    /** The allocation pages' additions to the heap pages' CSS; shared with {@link HeapDiffHtmlReport}. */
    static final String CSS = """
            ol.sites { margin: 6px 0 10px; padding-left: 22px; }
            ol.sites li { padding: 3px 0; }
            h3 { font-size: 15px; margin: 16px 0 0; }
            """;
}

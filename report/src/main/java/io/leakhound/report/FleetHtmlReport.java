package io.leakhound.report;

import io.leakhound.fleet.FleetFinding;
import io.leakhound.fleet.FleetInstance;
import io.leakhound.fleet.FleetResult;
import io.leakhound.series.verdict.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code fleet --html}: one self-contained page, a table of every instance the most urgent first, then a card
 * with its chart for each finding of each leaking instance. Healthy instances are table rows only, so a fleet of a
 * thousand stays a page a browser opens at once.
 */
public final class FleetHtmlReport {

    private FleetHtmlReport() {
    }

    public static String render(FleetResult fleet) {
        StringBuilder s = new StringBuilder(256 * 1024);
        String title = "fleet " + fleet.prometheus();
        Html.pageStart(s, title, HtmlReport.CSS + WatchHistoryHtmlReport.CSS);
        s.append("<header>\n<div class=\"brand\">leakhound &middot; fleet report</div>\n");
        s.append("<h1>").append(Html.escape(fleet.prometheus())).append("</h1>\n");
        s.append("<p class=\"meta\">").append(fleet.instances().size()).append(" instances from ")
                .append(Html.escape(fleet.start().toString())).append(" to ").append(Html.escape(fleet.end().toString()))
                .append(" &middot; step ").append(fleet.step().toSeconds()).append(" s</p>\n");
        s.append("<p class=\"overall ").append(fleet.leaking() > 0 ? "leak" : "no-leak").append("\">")
                .append(fleet.leaking() == 0 ? "no instance leaks" : fleet.leaking() + " leaking")
                .append("</p>\n</header>\n");
        s.append("<section class=\"card\">\n<table>\n<tr><th>verdict</th><th>instance</th><th>runtime</th>"
                + "<th>metrics</th><th>restarts</th><th>findings</th></tr>\n");
        for (FleetInstance i : fleet.instances()) {
            s.append("<tr><td><span class=\"badge ").append(i.leak() ? "leak" : "stable").append("\">")
                    .append(i.leak() ? "LEAK" : "ok").append("</span></td><td>");
            if (i.leak()) {
                s.append("<a href=\"#").append(anchor(i)).append("\">").append(Html.escape(i.key().toString()))
                        .append("</a>");
            } else {
                s.append(Html.escape(i.key().toString()));
            }
            s.append("</td><td>").append(i.runtime().jsonName()).append("</td><td>").append(i.metrics().jsonName())
                    .append("</td><td>").append(i.restarts()).append("</td><td>")
                    .append(Html.escape(i.findings().stream()
                            .map(f -> f.finding().resource() + " " + f.finding().verdict().name())
                            .collect(Collectors.joining(", "))))
                    .append("</td></tr>\n");
        }
        s.append("</table>\n</section>\n");
        int id = 0;
        for (FleetInstance i : fleet.instances()) {
            if (!i.leak()) {
                continue;
            }
            s.append("<div class=\"target\" id=\"").append(anchor(i)).append("\">\n<h2 class=\"target-title\">")
                    .append(Html.escape(i.key().toString())).append("</h2>\n<p class=\"meta\">")
                    .append(i.runtime().jsonName()).append(", ").append(i.metrics().jsonName()).append(" metrics")
                    .append(i.restarts() == 0 ? "" : ", restarted " + i.restarts() + " times").append("</p>\n");
            for (FleetFinding f : leakingFirst(i.findings())) {
                HtmlReport.finding(s, f.finding(), null, id++, List.of());
                s.append("<p class=\"hint\">judged on <code>").append(Html.escape(f.metric())).append("</code>");
                if (!f.summary().equals(f.finding().summary())) {
                    s.append(": ").append(Html.escape(f.summary().substring(f.finding().summary().length())
                            .replaceFirst("^; ", "")));
                }
                s.append("</p>\n");
            }
            s.append("</div>\n");
        }
        Html.pageEnd(s, "verdicts per instance from Prometheus, by the engine that judges a GC log");
        return s.toString();
    }

    public static void write(FleetResult fleet, Path file) throws IOException {
        Files.writeString(file, render(fleet), StandardCharsets.UTF_8);
    }

    private static List<FleetFinding> leakingFirst(List<FleetFinding> findings) {
        return findings.stream().sorted((a, b) -> Boolean.compare(b.finding().verdict() == Verdict.LEAK,
                a.finding().verdict() == Verdict.LEAK)).toList();
    }

    private static String anchor(FleetInstance i) {
        return "i-" + Integer.toHexString(i.key().toString().hashCode());
    }
}

package io.leakhound.report;

import io.leakhound.series.history.WatchHistory;
import io.leakhound.series.verdict.AlertLevel;
import io.leakhound.series.history.AlertState;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leakhound.series.GcEvent;
import io.leakhound.series.GcSeries;
import io.leakhound.series.Unit;
import io.leakhound.series.verdict.LeakAnalyzer;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.series.verdict.PointQuality;
import io.leakhound.series.verdict.UsageSeries;
import io.leakhound.series.verdict.Verdict;
import io.leakhound.series.history.Alert;
import io.leakhound.series.history.Annotation;
import io.leakhound.series.history.Capture;
import io.leakhound.series.history.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch history renderers on a real store file: the leaking heap of {@link Analyses} (live set 40 MB until
 * 72 s, then +2.5 MB/s) stored as GC events, a thread count sampled every second, a marker at 60 s (before the
 * onset), an alert at 140 s and a finished capture.
 */
class WatchHistoryReportsTest {

    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path dir;

    WatchHistory history;

    // the records as a store hands them back: the report reads them, never the store's SQLite
    @BeforeEach
    void history() {
        Target target = new Target(1, Target.JVM, 4242, START, "java -jar shop.jar", Analyses.LIMIT);
        List<GcEvent> list = new ArrayList<>();
        Analyses.leakingSeries(300).forEach(list::add);
        Capture done = new Capture(1, START.plusSeconds(120), Capture.DONE, "heap LEAK", dir.resolve("base.hprof"),
                dir.resolve("second.hprof"), dir.resolve("diff.html"), "static shop.Cache.entries",
                "GC root -> shop.Cache.entries -> java.util.HashMap", "diffed: +52 MB in shop.Cache.entries",
                START.plusSeconds(150));
        history = new WatchHistory(target, analyze(target, list), List.of(new Alert(START.plusSeconds(140), "heap",
                Alert.Kind.USAGE, AlertState.of(AlertLevel.ESCALATE), AlertState.of(AlertLevel.WARNING),
                "heap at 86 % of 256 MB after GC")), List.of(done),
                List.of(new Annotation(START.plusSeconds(60), "deploy v1.4.2")));
    }

    // what the watch module's WatchAnalysis does, without its marker sentence (report cannot depend on watch)
    static MemoryAnalysis analyze(Target target, List<GcEvent> gcEvents) {
        GcSeries events = new GcSeries();
        gcEvents.forEach(events::add);
        UsageSeries.Builder threads = UsageSeries.builder("threads").unit(Unit.COUNT);
        for (int s = 0; s < 150; s++) {
            threads.add(Duration.between(target.processStart(), START.plusSeconds(s + 1)).toMillis(), 20 + s % 3,
                    PointQuality.RAW);
        }
        return LeakAnalyzer.analyze("pid 4242", events, target.maxHeapBytes(), List.of(threads.build()),
                new ArrayList<>());
    }

    @Test
    void html_storedLeakingHeap_chartsMarkersFindingTables() {
        assertThat(history.analysis().findings().get(0).verdict()).isEqualTo(Verdict.LEAK);
        String html = WatchHistoryHtmlReport.render(List.of(history), dir.resolve("watch.db"));
        // heap (sawtooth of every event, 600 points), metaspace, threads
        assertThat(SvgChart.countPolylinePoints(html, "raw")).isEqualTo(600);
        assertThat(Pattern.compile("<svg ").matcher(html).results().count())
                .isEqualTo(history.analysis().findings().size());
        // the marker on every chart, the alert and the capture on the heap's only
        assertThat(Pattern.compile("<g class=\"marker annotation\"><title>deploy v1.4.2</title>").matcher(html)
                .results().count()).isEqualTo(history.analysis().findings().size());
        assertThat(Pattern.compile("<g class=\"marker alert\"><title>ESCALATE</title>").matcher(html).results()
                .count()).isEqualTo(1);
        assertThat(html).contains("<g class=\"marker capture\"><title>capture done</title>")
                .contains("jvm pid 4242 (java -jar shop.jar), started 2026-11-24T10:00:00Z, max heap 256 MB")
                .contains("keeps growing: this looks like a leak")
                .contains(">WARNING &rarr; <span class=\"level escalate\">ESCALATE</span>")
                .contains("<code>static shop.Cache.entries</code>")
                .contains("<a href=\"" + dir.resolve("diff.html").toUri() + "\">diff report</a>")
                .contains("<td>2026-11-24T10:01:00Z</td><td>deploy v1.4.2</td>");
    }

    @Test
    void html_markerAt60s_drawnWhereTheAxisPutsSixtySeconds() {
        String html = WatchHistoryHtmlReport.render(List.of(history), dir.resolve("watch.db"));
        // heap axis from 0 to the last event at 150 s over the 854 px plot that starts at x=78: 60 s is x=419.6
        assertThat(html).contains("<g class=\"marker annotation\"><title>deploy v1.4.2</title><line x1=\"419.6\"");
    }

    @Test
    void svgChart_withoutMarkers_sameAsBefore() {
        MemoryAnalysis a = Analyses.leakingHeap();
        assertThat(SvgChart.render(a.findings().get(0), a.events(), 3, List.of()))
                .isEqualTo(SvgChart.render(a.findings().get(0), a.events(), 3))
                .doesNotContain("marker");
    }

    @Test
    void text_storedHistory_findingsAlertsCapturesMarkers() {
        String text = WatchHistoryTextReport.render(List.of(history));
        assertThat(text).startsWith("== jvm pid 4242 (java -jar shop.jar), started 2026-11-24T10:00:00Z, max heap 256 MB\n"
                        + "pid 4242: ")
                .contains("\nLEAK ")
                .contains("alerts:\n  2026-11-24T10:02:20Z  heap usage WARNING -> ESCALATE: heap at 86 % of 256 MB after GC\n")
                .contains("captures:\n  2026-11-24T10:02:00Z  done (heap LEAK): diffed: +52 MB in shop.Cache.entries\n"
                        + "    holder: static shop.Cache.entries\n")
                .endsWith("markers:\n  2026-11-24T10:01:00Z  deploy v1.4.2\n");
    }

    @Test
    void json_oneTarget_analyzeFieldsPlusTargetAlertsCapturesAnnotations() throws Exception {
        JsonNode root = JsonReport.MAPPER.readTree(WatchHistoryJsonReport.render(List.of(history), true));
        assertThat(root.get("leak").asBoolean()).isTrue();
        assertThat(root.get("findings").get(0).get("verdict").asText()).isEqualTo("LEAK");
        assertThat(root.get("target").get("pid").asLong()).isEqualTo(4242);
        assertThat(root.get("target").get("processStart").asText()).isEqualTo("2026-11-24T10:00:00Z");
        assertThat(root.get("alerts").get(0).get("level").asText()).isEqualTo("ESCALATE");
        assertThat(root.get("captures").get(0).get("holder").asText()).isEqualTo("static shop.Cache.entries");
        assertThat(root.get("captures").get(0).get("finished").asText()).isEqualTo("2026-11-24T10:02:30Z");
        assertThat(root.get("annotations").get(0).get("text").asText()).isEqualTo("deploy v1.4.2");
    }

    @Test
    void json_severalTargets_targetsArray() throws Exception {
        JsonNode root = JsonReport.MAPPER.readTree(WatchHistoryJsonReport.render(List.of(history, history), false));
        assertThat(root.get("targets").size()).isEqualTo(2);
        assertThat(root.get("leak").asBoolean()).isTrue();
        ObjectNode one = WatchHistoryJsonReport.toTree(history);
        // compared as parsed text: the tree built in memory holds longs where the parsed one holds ints
        assertThat(root.get("targets").get(1)).isEqualTo(JsonReport.MAPPER.readTree(one.toString()));
    }
}

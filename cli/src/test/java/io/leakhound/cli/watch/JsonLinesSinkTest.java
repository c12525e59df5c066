package io.leakhound.cli.watch;

import io.leakhound.watch.WatchEvent;
import static io.leakhound.cli.watch.Events.MB;
import static io.leakhound.cli.watch.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakhound.report.JsonReport;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.series.verdict.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesSinkTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static List<JsonNode> write(WatchEvent... events) throws Exception {
        StringWriter text = new StringWriter();
        try (JsonLinesSink sink = new JsonLinesSink(new PrintWriter(text))) {
            for (WatchEvent e : events) {
                sink.accept(e);
            }
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.toString().split("\n")) {
            lines.add(MAPPER.readTree(line));
        }
        return lines;
    }

    private static List<String> names(JsonNode n) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void everyEvent_oneParsableLineEach_typesInOrder() throws Exception {
        MemoryAnalysis analysis = Events.growingRss();
        List<JsonNode> lines = write(
                Events.heapSample(5, 120 * MB),
                new WatchEvent.FindingChanged(T0.plusSeconds(6), analysis.findings().get(0)),
                new WatchEvent.AlertChanged(Events.alert(7, "heap after GC at 87 % of 256 MB")),
                new WatchEvent.CaptureChanged(T0.plusSeconds(8), Events.baselineCapture()),
                new WatchEvent.Message(T0.plusSeconds(9), "attached to pid 4242"),
                new WatchEvent.Summary(T0.plusSeconds(10), Events.target(), analysis,
                        List.of(Events.alert(7, "up")), List.of(Events.doneCapture())));
        assertThat(lines).extracting(n -> n.get("type").asText())
                .containsExactly("sample", "finding", "alert", "capture", "message", "summary");
        assertThat(lines).extracting(n -> n.get("time").asText()).containsExactly("2026-03-01T10:00:05Z",
                "2026-03-01T10:00:06Z", "2026-03-01T10:00:07Z", "2026-03-01T10:00:08Z", "2026-03-01T10:00:09Z",
                "2026-03-01T10:00:10Z");
    }

    @Test
    void sample_heapAfterGc_contractFields() throws Exception {
        JsonNode n = write(Events.heapSample(5, 120 * MB)).get(0);
        assertThat(names(n)).containsExactly("type", "time", "resource", "unit", "value", "limit", "gc");
        assertThat(n.get("resource").asText()).isEqualTo("heap");
        assertThat(n.get("unit").asText()).isEqualTo("bytes");
        assertThat(n.get("value").asLong()).isEqualTo(120 * MB);
        assertThat(n.get("limit").asLong()).isEqualTo(256 * MB);
        assertThat(n.get("gc").asText()).isEqualTo("G1 Young");
    }

    @Test
    void sample_periodicCount_noGcAndUnknownLimit() throws Exception {
        JsonNode n = write(Events.threadSample(5, 23)).get(0);
        assertThat(n.has("gc")).isFalse();
        assertThat(n.get("unit").asText()).isEqualTo("count");
        assertThat(n.get("value").asLong()).isEqualTo(23);
        assertThat(n.get("limit").asLong()).isEqualTo(-1);
    }

    @Test
    void finding_sameFieldsAsAnalyze() throws Exception {
        MemoryAnalysis analysis = Events.growingRss();
        assertThat(analysis.findings().get(0).verdict()).isEqualTo(Verdict.LEAK);
        JsonNode n = write(new WatchEvent.FindingChanged(T0, analysis.findings().get(0))).get(0);
        // through text as analyze writes it, so that number node types compare equal
        JsonNode analyzes = MAPPER.readTree(JsonReport.render(analysis)).get("findings").get(0);
        for (String field : names(analyzes)) {
            assertThat(n.get(field)).as(field).isEqualTo(analyzes.get(field));
        }
        assertThat(names(n)).hasSize(names(analyzes).size() + 2);
        assertThat(n.get("verdict").asText()).isEqualTo("LEAK");
    }

    @Test
    void alert_contractFields() throws Exception {
        JsonNode n = write(new WatchEvent.AlertChanged(Events.alert(7, "heap after GC at 87 % of 256 MB"))).get(0);
        assertThat(names(n)).containsExactly("type", "time", "resource", "kind", "level", "previous", "message");
        assertThat(n.get("kind").asText()).isEqualTo("usage");
        assertThat(n.get("level").asText()).isEqualTo("ESCALATE");
        assertThat(n.get("previous").asText()).isEqualTo("WARNING");
        assertThat(n.get("message").asText()).isEqualTo("heap after GC at 87 % of 256 MB");
    }

    @Test
    void capture_inProgress_unknownsAreJsonNull() throws Exception {
        JsonNode n = write(new WatchEvent.CaptureChanged(T0, Events.baselineCapture())).get(0);
        assertThat(names(n)).containsSequence("type", "time", "id", "state", "trigger", "baselineDump", "secondDump",
                "report", "holder", "path", "message");
        assertThat(n.get("state").asText()).isEqualTo("baseline");
        assertThat(n.get("baselineDump").asText()).isEqualTo("/tmp/base.hprof");
        assertThat(n.get("secondDump").isNull()).isTrue();
        assertThat(n.get("holder").isNull()).isTrue();
        assertThat(n.get("finished").isNull()).isTrue();
    }

    @Test
    void summary_findingsAsAnalyze_targetAlertsCaptures() throws Exception {
        MemoryAnalysis analysis = Events.growingRss();
        JsonNode n = write(new WatchEvent.Summary(T0, Events.target(), analysis, List.of(Events.alert(7, "up")),
                List.of(Events.doneCapture()))).get(0);
        JsonNode analyze = MAPPER.readTree(JsonReport.render(analysis));
        for (String field : names(analyze)) {
            assertThat(n.get(field)).as(field).isEqualTo(analyze.get(field));
        }
        assertThat(n.get("leak").asBoolean()).isTrue();
        JsonNode target = n.get("target");
        assertThat(target.get("pid").asLong()).isEqualTo(4242);
        assertThat(target.get("kind").asText()).isEqualTo("process");
        assertThat(target.get("processStart").asText()).isEqualTo("2026-03-01T09:00:00Z");
        assertThat(target.get("command").asText()).isEqualTo("node server.js");
        assertThat(n.get("alerts")).hasSize(1);
        assertThat(n.get("alerts").get(0).get("time").asText()).isEqualTo("2026-03-01T10:00:07Z");
        assertThat(n.get("captures").get(0).get("holder").asText())
                .isEqualTo("static io.leakhound.demo.DemoService.active");
        assertThat(n.get("captures").get(0).get("report").asText()).isEqualTo("/tmp/diff-7.html");
    }
}

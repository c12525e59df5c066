package io.leakhound.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.MemoryAnalysis;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void leakingHeap_everyContractField() throws Exception {
        JsonNode root = MAPPER.readTree(JsonReport.render(Analyses.leakingHeap()));
        assertThat(root.get("source").asText()).isEqualTo("gc.log");
        assertThat(root.get("span").asText()).isEqualTo("PT2M30S");
        JsonNode heap = root.get("findings").get(0);
        assertThat(heap.get("resource").asText()).isEqualTo("heap");
        assertThat(heap.get("verdict").asText()).isEqualTo("LEAK");
        assertThat(heap.get("confidence").asDouble()).isEqualTo(0.97);
        assertThat(heap.get("growthBytesPerHour").asLong()).isEqualTo(9000L << 20);
        assertThat(heap.get("onsetSeconds").asDouble()).isEqualTo(72.0);
        assertThat(heap.get("timeToExhaustion").asText()).isEqualTo("PT8.4S");
        assertThat(heap.get("limitBytes").asLong()).isEqualTo(256L << 20);
        assertThat(heap.get("lastBaselineBytes").asLong()).isEqualTo(235L << 20);
        assertThat(heap.get("alert").asText()).isEqualTo("ESCALATE");
        assertThat(heap.get("summary").asText()).startsWith("heap after GC grows");
        JsonNode gc = root.get("gc");
        assertThat(gc.get("events").asLong()).isEqualTo(300);
        assertThat(gc.get("pauseTotalMillis").asDouble()).isEqualTo(1200.0);
        assertThat(gc.get("pauseFraction").asDouble()).isEqualTo(0.008);
        assertThat(gc.get("fullCollections").asLong()).isZero();
        assertThat(gc.get("collector").asText()).isEqualTo("G1");
        assertThat(root.get("warnings").get(0).asText()).isEqualTo("12 lines not recognised were skipped");
    }

    @Test
    void heapThatRanOut_exhaustedAtSecondsAndGcPressure() throws Exception {
        MemoryAnalysis leaking = Analyses.leakingHeap();
        Finding f = leaking.findings().get(0);
        Finding ranOut = new Finding(f.resource(), f.verdict(), f.confidence(), f.growthBytesPerHour(), f.onset(),
                f.timeToExhaustion(), f.limitBytes(), f.lastBaselineBytes(), f.alert(), f.summary(), f.baseline(),
                f.trend(), f.unit(), Duration.ofSeconds(140));
        MemoryAnalysis analysis = new MemoryAnalysis(leaking.source(), leaking.span(), List.of(ranOut),
                leaking.gc(), leaking.events(), leaking.warnings());

        JsonNode root = MAPPER.readTree(JsonReport.render(analysis));

        assertThat(root.get("findings").get(0).get("exhaustedAtSeconds").asDouble()).isEqualTo(140.0);
        assertThat(root.get("gc").get("pressure").asText()).isEqualTo("NONE");
    }

    @Test
    void unknownValues_areJsonNull() throws Exception {
        JsonNode root = MAPPER.readTree(JsonReport.render(Analyses.leakingHeap()));
        JsonNode metaspace = root.get("findings").get(1);
        assertThat(metaspace.get("onsetSeconds").isNull()).isTrue();
        assertThat(metaspace.get("timeToExhaustion").isNull()).isTrue();
        assertThat(metaspace.get("limitBytes").isNull()).isTrue();
        assertThat(metaspace.get("trend").isNull()).isTrue();
        assertThat(metaspace.get("exhaustedAtSeconds").isNull()).isTrue();
    }

    @Test
    void csvSeries_gcIsNull_sourceEscaped() throws Exception {
        String json = JsonReport.render(Analyses.stableCsv("odd \"name\"\n.csv"));
        JsonNode root = MAPPER.readTree(json);
        assertThat(root.has("gc")).isTrue();
        assertThat(root.get("gc").isNull()).isTrue();
        assertThat(root.get("source").asText()).isEqualTo("odd \"name\"\n.csv");
        assertThat(root.get("leak").asBoolean()).isFalse();
    }

    @Test
    void render_exactlyOneObject() throws Exception {
        String json = JsonReport.render(Analyses.leakingHeap());
        var parser = MAPPER.getFactory().createParser(json);
        MAPPER.readTree(parser);
        assertThat(parser.nextToken()).isNull();
    }
}

package io.leakhound.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakhound.report.JsonReport;
import io.leakhound.series.Unit;
import io.leakhound.series.history.Target;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.series.verdict.Verdict;
import io.leakhound.store.Sample;
import io.leakhound.watch.WatchAnalysis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /health's body: valid JSON whose findings are exactly analyze's (report's JsonReport.finding). */
class HealthJsonTest {

    private static final long MB = 1L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    /** RSS flat for 40 minutes then 1 MB a minute (a LEAK), threads flat (STABLE), one sample a minute; one LEAK. */
    static MemoryAnalysis leakingRss() {
        List<Sample> samples = new ArrayList<>();
        for (int minute = 0; minute <= 120; minute++) {
            Instant at = START.plus(Duration.ofMinutes(minute));
            samples.add(new Sample("rss", Unit.BYTES, at,
                    200 * MB + Math.max(0, minute - 40) * MB + (minute % 3) * 64 * 1024, 2048 * MB));
            samples.add(new Sample("threads", Unit.COUNT, at, 20 + minute % 2, -1));
        }
        Target self = new Target(1, Target.JVM, 42, START, "app", 512 * MB);
        return WatchAnalysis.analyze(self, List.of(), samples, List.of());
    }

    @Test
    void findings_equalTheReportsRendering_fieldForField() throws Exception {
        MemoryAnalysis analysis = leakingRss();
        assertThat(analysis.findings()).extracting(Finding::verdict).contains(Verdict.LEAK, Verdict.INCONCLUSIVE);

        JsonNode health = JSON.readTree(HealthJson.render(HealthJson.Status.DEGRADED, new FixedPressure(1, 0.72,
                512 * MB), analysis));

        assertThat(health.get("findings")).hasSize(analysis.findings().size());
        for (int i = 0; i < analysis.findings().size(); i++) {
            JsonNode expected = JSON.readTree(JSON.writeValueAsString(JsonReport.finding(analysis.findings().get(i))));
            assertThat(health.get("findings").get(i)).as(analysis.findings().get(i).resource()).isEqualTo(expected);
        }
        assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.get("pressure").asText()).isEqualTo("WARNING");
        assertThat(health.get("usedFraction").asDouble()).isEqualTo(0.72);
        assertThat(health.get("limitBytes").asLong()).isEqualTo(512 * MB);
    }

    @Test
    void status_downAtCritical_degradedAtWarningOrLeak_elseUp() {
        MemoryAnalysis leak = leakingRss();
        assertThat(HealthJson.status(3, null)).isEqualTo(HealthJson.Status.DOWN);
        assertThat(HealthJson.status(2, null)).isEqualTo(HealthJson.Status.DEGRADED);
        assertThat(HealthJson.status(0, leak)).isEqualTo(HealthJson.Status.DEGRADED);
        assertThat(HealthJson.status(0, null)).isEqualTo(HealthJson.Status.UP);
    }

    @Test
    void beforeTheFirstPass_unknownFiguresAreNull() throws Exception {
        JsonNode health = JSON.readTree(HealthJson.render(HealthJson.Status.UP, new FixedPressure(0, Double.NaN, -1),
                null));

        assertThat(health.get("usedFraction").isNull()).isTrue();
        assertThat(health.get("limitBytes").isNull()).isTrue();
        assertThat(health.get("findings")).isEmpty();
    }

    @Test
    void strings_escaped() throws Exception {
        String nasty = "a \"quoted\" \\ path\n\ttab \u0001";
        assertThat(JSON.readTree(HealthJson.string(nasty)).asText()).isEqualTo(nasty);
    }

    record FixedPressure(int level, double usedFraction, long limitBytes) implements MemoryPressure {
    }
}

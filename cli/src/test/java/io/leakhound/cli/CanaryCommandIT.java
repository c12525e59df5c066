package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakhound.testing.PrometheusServer;
import io.leakhound.testing.SyntheticFleet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leakhound canary} as a user runs it, against a real Prometheus over a canary rollout. */
class CanaryCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    static PrometheusServer prometheus;
    static Instant end;

    @BeforeAll
    static void backfillAndStart(@TempDir Path dir) throws Exception {
        assumeTrue(PrometheusServer.missing().isEmpty(), () -> PrometheusServer.missing().orElse(""));
        end = Instant.now().minusSeconds(60);
        prometheus = PrometheusServer.start(dir, SyntheticFleet.canaryRollout(
                end.minus(Duration.ofHours(6)).getEpochSecond(), end.getEpochSecond()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void leakingCanary_json_worseHeapAndExit1() throws Exception {
        Run run = Run.of("canary", "--prometheus", prometheus.url().toString(), "--end", end.toString(),
                "--canary", "{job=\"checkout\",version=\"v2\"}", "--baseline", "{job=\"checkout\",version=\"v1\"}",
                "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.LEAK);
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("worse").asBoolean()).isTrue();
        JsonNode heap = root.get("findings").get(0);
        assertThat(heap.get("resource").asText()).isEqualTo("heap");
        assertThat(heap.get("verdict").asText()).isEqualTo("WORSE");
        assertThat(heap.get("canaryGrowthBytesPerHour").asLong())
                .isGreaterThan(10 * heap.get("baselineGrowthBytesPerHour").asLong());
        assertThat(heap.get("pValue").asDouble()).isPositive();
        assertThat(heap.get("summary").asText()).isNotEmpty();
        assertThat(root.get("canary").get("instances")).hasSize(2);
        assertThat(root.get("baseline").get("instances")).hasSize(4);
    }

    @Test
    void healthyGroups_textSameAndExit0() {
        Run run = Run.of("canary", "--prometheus", prometheus.url().toString(), "--end", end.toString(),
                "--canary", "{job=\"search\",pool=\"a\"}", "--baseline", "{job=\"search\",pool=\"b\"}");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.NO_LEAK);
        assertThat(run.out()).contains("SAME         heap: canary").endsWith("=> the canary is not worse\n");
    }

    @Test
    void aBaselineOfOne_exit3SayingWhatIsMissing() {
        Run run = Run.of("canary", "--prometheus", prometheus.url().toString(), "--end", end.toString(),
                "--canary", "{job=\"checkout\",version=\"v2\"}", "--baseline", "{instance=\"checkout-1\"}");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.NOT_ENOUGH_DATA);
        assertThat(run.out()).contains("INCONCLUSIVE").contains("comparing needs at least 2");
    }

    @Test
    void aCanaryThatMatchesNothing_exit2() {
        Run run = Run.of("canary", "--prometheus", prometheus.url().toString(), "--canary", "{job=\"nope\"}",
                "--baseline", "{job=\"checkout\"}");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("no instance in " + prometheus.url()).contains("canary's selector");
    }
}

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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leakhound fleet} as a user runs it, against a real Prometheus over a backfilled {@link SyntheticFleet}. */
class FleetCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    static PrometheusServer prometheus;
    static Instant end;

    @BeforeAll
    static void backfillAndStart(@TempDir Path dir) throws Exception {
        assumeTrue(PrometheusServer.missing().isEmpty(), () -> PrometheusServer.missing().orElse(""));
        end = Instant.now().minusSeconds(60);
        prometheus = PrometheusServer.start(dir, SyntheticFleet.between(end.minus(Duration.ofHours(6)).getEpochSecond(),
                end.getEpochSecond()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void json_onesObjectWithEveryInstanceTheMostUrgentFirstAndExit1() throws Exception {
        Run run = Run.of("fleet", "--prometheus", prometheus.url().toString(), "--last", "6h", "--end",
                end.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.LEAK);
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("prometheus").asText()).isEqualTo(prometheus.url().toString());
        assertThat(root.get("leaking").asInt()).isEqualTo(7);
        assertThat(root.get("leakhoundVersion").asText()).isNotEmpty();
        assertThat(Instant.parse(root.get("end").asText())).isEqualTo(end);
        JsonNode instances = root.get("instances");
        assertThat(instances).hasSize(10);
        List<String> order = new ArrayList<>();
        instances.forEach(i -> order.add(i.get("instance").asText()));
        // the loop that runs out every 80 minutes is the most urgent: its heap is at ~97 %
        assertThat(order.get(0)).isEqualTo("billing-2");
        JsonNode looping = instances.get(0);
        assertThat(looping.get("job").asText()).isEqualTo("billing");
        assertThat(looping.get("runtime").asText()).isEqualTo("jvm");
        assertThat(looping.get("metrics").asText()).isEqualTo("client_java");
        assertThat(looping.get("leak").asBoolean()).isTrue();
        assertThat(looping.get("restarts").asInt()).isEqualTo(4);
        assertThat(looping.get("labels").get("instance").asText()).isEqualTo("billing-2");
        JsonNode heap = looping.get("findings").get(0);
        assertThat(heap.get("resource").asText()).isEqualTo("heap");
        assertThat(heap.get("verdict").asText()).isEqualTo("LEAK");
        assertThat(heap.get("metric").asText()).isEqualTo("jvm_memory_pool_collection_used_bytes");
        assertThat(heap.get("lifetimes").asInt()).isEqualTo(5);
        assertThat(heap.get("summary").asText()).contains("restarted 4 times");
        // analyze's finding fields are all there
        assertThat(heap.has("growthBytesPerHour") && heap.has("timeToExhaustionSeconds") && heap.has("alert")
                && heap.has("limitBytes") && heap.has("trend")).isTrue();
        JsonNode py = instances.get(instances.size() - 1);
        assertThat(py.get("leak").asBoolean()).isFalse();
    }

    @Test
    void html_aTableOfEveryInstanceAndAChartPerFindingOfTheLeakingOnes(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("fleet.html");
        Run run = Run.of("fleet", "--prometheus", prometheus.url().toString(), "--last", "6h", "--end",
                end.toString(), "--html", page.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.LEAK);
        assertThat(run.out()).contains("HTML report: " + page.toAbsolutePath());
        String html = java.nio.file.Files.readString(page);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("7 leaking").contains("billing/billing-2")
                .contains("py/py-1").contains("<svg").contains("judged on <code>jvm_memory_pool_collection_used_bytes</code>")
                .contains("restarted 4 times, each time at ~9").doesNotContain("<script");
        // a healthy instance is a row, not a card with charts
        assertThat(html.split("<h2 class=\"target-title\">", -1)).hasSize(8);
    }

    @Test
    void text_aHeadlineThenTheLeaksWithTheSeriesTheyWereJudgedOn() {
        Run run = Run.of("fleet", "--prometheus", prometheus.url().toString(), "--last", "6h", "--end",
                end.toString(), "--selector", "{job=\"api\"}");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.LEAK);
        assertThat(run.out()).startsWith("1 instance in " + prometheus.url())
                .contains("LEAK  api/api-1 (go, go metrics)")
                .contains("goroutines").contains("[go_goroutines]");
    }

    @Test
    void healthySelection_exit0() {
        Run run = Run.of("fleet", "--prometheus", prometheus.url().toString(), "--last", "6h", "--end",
                end.toString(), "--selector", "job=\"py\"", "--selector", "{instance=\"orders-2\"}");
        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(ExitCodes.NO_LEAK);
        assertThat(run.out()).contains(": no leak").contains("ok    orders/orders-2").contains("ok    py/py-1");
    }

    @Test
    void aRefusedQueryStep_exit2WithWhatPrometheusAllows() {
        Run run = Run.of("fleet", "--prometheus", prometheus.url().toString(), "--last", "24h", "--step", "1s");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("Prometheus allows 11000").contains("choose a step of at least");
    }
}

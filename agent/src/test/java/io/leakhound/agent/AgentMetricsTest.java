package io.leakhound.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.watch.Evaluation;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mapping of findings and this JVM's pools to the contract's metric names and labels. */
class AgentMetricsTest {

    private static String scrape(PrometheusRegistry registry) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void verdictMetrics_perResource() throws Exception {
        MemoryAnalysis analysis = HealthJsonTest.leakingRss();
        AgentState state = new AgentState(new HealthJsonTest.FixedPressure(2, 0.9, 1000));
        state.onEvaluation(new Evaluation(Instant.now(), analysis, Map.of(), -1, -1));

        String text = scrape(AgentMetrics.registry(state));

        assertThat(text).contains("leakhound_leak{resource=\"rss\"} 1.0");
        assertThat(text).contains("leakhound_verdict{resource=\"rss\",verdict=\"LEAK\"} 1.0");
        assertThat(text).contains("leakhound_verdict{resource=\"rss\",verdict=\"STABLE\"} 0.0");
        assertThat(text).contains("leakhound_memory_pressure_level 2.0");
        assertThat(text).contains("leakhound_captures_total{state=\"done\"} 0.0");
        assertThat(text).containsPattern("leakhound_confidence\\{resource=\"rss\"} 0\\.\\d+");
        // 1 MB a minute: about 60 MB/h
        double growth = Double.parseDouble(text.lines().filter(l -> l.startsWith(
                "leakhound_growth_bytes_per_hour{resource=\"rss\"}")).findFirst().orElseThrow().split(" ")[1]);
        assertThat(growth).isBetween(55.0 * (1 << 20), 65.0 * (1 << 20));
        assertThat(text).containsPattern("leakhound_time_to_exhaustion_seconds\\{resource=\"rss\"} \\d");
    }

    @Test
    void beforeTheFirstPass_noVerdictSamples_butTheJvmOnes() throws Exception {
        String text = scrape(AgentMetrics.registry(new AgentState(new MemoryPressure.Unavailable())));

        assertThat(text).doesNotContain("leakhound_leak{");
        assertThat(text).contains("leakhound_memory_pressure_level 0.0");
        assertThat(text).containsPattern("jvm_memory_used_bytes\\{jvm_memory_pool_name=\"[^\"]+\",jvm_memory_type=\"heap\"}");
        assertThat(text).containsPattern("jvm_memory_used_bytes\\{jvm_memory_pool_name=\"Metaspace\",jvm_memory_type=\"non_heap\"}");
        assertThat(text).contains("jvm_memory_committed_bytes{", "jvm_memory_limit_bytes{",
                "jvm_memory_used_after_last_gc_bytes{", "jvm_thread_count{jvm_thread_daemon=\"true\"}",
                "jvm_class_count ", "jvm_buffer_memory_used_bytes{jvm_buffer_pool_name=\"direct\"}");
    }
}

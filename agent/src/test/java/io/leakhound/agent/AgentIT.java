package io.leakhound.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakhound.testing.ChildJvm;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two child JVMs started with the built agent jar, side by side for the whole class (one minute and a half in
 * all): the demo's listener leak and its steady churn. Their {@code /metrics} is scraped over HTTP and read by
 * Prometheus's own parsers ({@link PrometheusParser}); the leak must be flagged within two minutes with its holder
 * captured, the steady one never.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FLAG_WITHIN = Duration.ofMinutes(2);

    @TempDir
    static Path dumps;

    private static ChildJvm leaking;
    private static ChildJvm steady;
    private static int leakPort;
    private static int steadyPort;
    private static long startNanos;
    /** Every heap verdict of the steady child seen while the leak was awaited. */
    private static final List<String> steadyHeapVerdicts = new ArrayList<>();

    @BeforeAll
    static void startBoth() throws Exception {
        assumeTrue(PrometheusParser.pythonParserInstalled(), "the Prometheus text parser is not installed:"
                + " apt-get install python3-prometheus-client");
        leakPort = AgentChild.freePort();
        steadyPort = AgentChild.freePort();
        startNanos = System.nanoTime();
        leaking = AgentChild.start("port=" + leakPort + ";interval=2s;dumpDir=" + dumps, List.of("-Xmx128m"),
                "--mode", "LISTENER_LEAK", "--duration", "180s", "--leak-rate", "400k");
        steady = AgentChild.start("port=" + steadyPort + ";interval=2s;capture=off", List.of("-Xmx128m"),
                "--mode", "STEADY_CHURN", "--duration", "180s");
        leaking.awaitLine("serving http://127.0.0.1:" + leakPort, Duration.ofSeconds(30));
        steady.awaitLine("serving http://127.0.0.1:" + steadyPort, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBoth() throws Exception {
        if (leaking != null) {
            leaking.close();
        }
        if (steady != null) {
            steady.close();
        }
    }

    private static List<PrometheusParser.Sample> scrape(int port) throws Exception {
        HttpResponse<String> r = AgentChild.get(port, "/metrics", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        return PrometheusParser.parse(r.body(), "text");
    }

    private static Double value(List<PrometheusParser.Sample> samples, String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .map(PrometheusParser.Sample::value).findFirst().orElse(null);
    }

    private static String heapVerdict(List<PrometheusParser.Sample> samples) {
        return samples.stream().filter(s -> s.name().equals("leakhound_verdict") && s.value() == 1.0
                && "heap".equals(s.labels().get("resource"))).map(s -> s.labels().get("verdict")).findFirst()
                .orElse("none yet");
    }

    @Test
    @Order(1)
    void leakingChild_heapLeakFlagged_withinTwoMinutes_andItsHolderCaptured() throws Exception {
        Double leak = null;
        List<PrometheusParser.Sample> samples = List.of();
        while (System.nanoTime() - startNanos < FLAG_WITHIN.toNanos()) {
            samples = scrape(leakPort);
            leak = value(samples, "leakhound_leak", Map.of("resource", "heap"));
            steadyHeapVerdicts.add(heapVerdict(scrape(steadyPort)));
            if (leak != null && leak == 1.0) {
                break;
            }
            Thread.sleep(2000);
        }
        assertThat(leak).as("leakhound_leak{resource=heap} within " + FLAG_WITHIN + "; the child said "
                + String.join("\n", leaking.lines())).isEqualTo(1.0);
        // a LEAK of a bounded heap projects its exhaustion, in the same scrape
        assertThat(value(samples, "leakhound_time_to_exhaustion_seconds", Map.of("resource", "heap"))).isPositive();
        assertThat(value(samples, "leakhound_growth_bytes_per_hour", Map.of("resource", "heap"))).isPositive();

        HttpResponse<String> health = AgentChild.get(leakPort, "/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode h = JSON.readTree(health.body());
        assertThat(h.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(h.get("pressure").asText()).isEqualTo("NONE");
        assertThat(h.get("limitBytes").asLong()).isEqualTo(128L << 20);
        JsonNode heap = h.get("findings").get(0);
        assertThat(heap.get("resource").asText()).isEqualTo("heap");
        assertThat(heap.get("verdict").asText()).isEqualTo("LEAK");
        assertThat(heap.get("growthBytesPerHour").asLong()).isPositive();

        String holder = leaking.awaitLine("  holder: ", Duration.ofSeconds(60));
        assertThat(holder).endsWith("io.leakhound.demo.ModeBehaviour$ListenerLeak.listeners");
        ChildJvm.await("leakhound_captures_total{state=done} 1", Duration.ofSeconds(10),
                () -> Double.valueOf(1.0).equals(value(scrape(leakPort), "leakhound_captures_total",
                        Map.of("state", "done"))));
        // the dumps were deleted after the diff, and none was left readable by others while it existed
        try (var files = Files.list(dumps)) {
            assertThat(files.filter(f -> f.toString().endsWith(".hprof")).toList()).isEmpty();
        }
    }

    @Test
    @Order(2)
    void steadyChild_noFalseAlarm() throws Exception {
        ChildJvm.await("a judged heap verdict of the steady child", Duration.ofSeconds(60), () -> {
            String v = heapVerdict(scrape(steadyPort));
            steadyHeapVerdicts.add(v);
            return !v.equals("none yet") && !v.equals("INCONCLUSIVE");
        });
        List<PrometheusParser.Sample> last = scrape(steadyPort);
        assertThat(value(last, "leakhound_leak", Map.of("resource", "heap"))).isEqualTo(0.0);
        assertThat(steadyHeapVerdicts).as("every heap verdict of the steady child").doesNotContain("LEAK");
        HttpResponse<String> health = AgentChild.get(steadyPort, "/health", null);
        assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("UP");
    }

    @Test
    @Order(3)
    void scrape_isValidForPromtool_andForTheOpenMetricsParser_withTheContractsNames() throws Exception {
        String text = AgentChild.get(leakPort, "/metrics", null).body();
        if (PrometheusParser.promtoolInstalled()) {
            // exit 3 is lint only (a parse error is exit 1); the OpenTelemetry names jvm.class.count and
            // jvm.thread.count become *_count gauges, which Prometheus's naming lint dislikes: they are the
            // contract, and the only complaints
            assertThat(PrometheusParser.promtoolProblems(text)).as("promtool check metrics").isEqualTo("exit 3: "
                    + "jvm_class_count non-histogram and non-summary metrics should not have \"_count\" suffix\n"
                    + "jvm_thread_count non-histogram and non-summary metrics should not have \"_count\" suffix\n");
        }
        HttpResponse<String> om = AgentChild.get(leakPort, "/metrics",
                "application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(om.headers().firstValue("Content-Type").orElse("")).startsWith("application/openmetrics-text");
        assertThat(om.body()).endsWith("# EOF\n");
        List<PrometheusParser.Sample> samples = PrometheusParser.parse(om.body(), "openmetrics");
        Set<String> names = samples.stream().map(PrometheusParser.Sample::name).collect(Collectors.toSet());
        assertThat(names).contains("jvm_memory_used_bytes", "jvm_memory_used_after_last_gc_bytes",
                "jvm_memory_limit_bytes", "jvm_memory_committed_bytes", "jvm_thread_count", "jvm_class_count",
                "jvm_buffer_memory_used_bytes", "leakhound_leak", "leakhound_verdict",
                // leakhound_time_to_exhaustion_seconds is absent while nothing is projected (checked at the LEAK)
                "leakhound_growth_bytes_per_hour", "leakhound_baseline_bytes",
                "leakhound_confidence", "leakhound_memory_pressure_level", "leakhound_gc_pause_fraction",
                "leakhound_captures_total");
        assertThat(value(samples, "jvm_memory_used_bytes", Map.of("jvm_memory_type", "heap",
                "jvm_memory_pool_name", "G1 Old Gen"))).isPositive();
        assertThat(value(samples, "jvm_memory_limit_bytes", Map.of("jvm_memory_pool_name", "G1 Old Gen")))
                .isEqualTo((double) (128L << 20));
    }

    @Test
    @Order(4)
    void agentThreads_areDaemons_namedLeakhound() throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(leaking.pid()), "Thread.print").redirectErrorStream(true).start();
        String dump = new String(jcmd.getInputStream().readAllBytes());
        assertThat(jcmd.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> headers = dump.lines().filter(l -> l.startsWith("\"")).toList();
        List<String> ours = headers.stream().filter(l -> l.startsWith("\"leakhound-")).toList();
        assertThat(ours).as(dump).extracting(l -> l.substring(1, l.indexOf('"', 1)))
                .contains("leakhound-agent", "leakhound-http-1");
        assertThat(ours).allSatisfy(l -> assertThat(l).contains(" daemon "));
        assertThat(headers).noneMatch(l -> l.startsWith("\"HTTP-Dispatcher\""));
    }
}

package io.leakhound.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leakhound.series.verdict.Verdict;
import io.leakhound.testing.PrometheusServer;
import io.leakhound.testing.SyntheticFleet;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleet}'s reader against a real Prometheus over six hours of {@link SyntheticFleet} backfilled with
 * promtool: several naming conventions, leaks in heap, threads, direct buffers, goroutines and RSS, an instance
 * in an OOM-restart loop, and healthy instances with traffic cycles, warm-ups and spikes that must not alarm.
 */
class FleetReaderIT {

    static final double MB = 1 << 20;
    static final long HOURS = 6;

    static PrometheusServer prometheus;
    static Instant end;
    static Instant start;

    @BeforeAll
    static void backfillAndStart(@TempDir Path dir) throws Exception {
        assumeTrue(PrometheusServer.missing().isEmpty(), () -> PrometheusServer.missing().orElse(""));
        end = Instant.now().minusSeconds(60);
        start = end.minus(Duration.ofHours(HOURS));
        long from = start.getEpochSecond();
        long to = end.getEpochSecond();
        prometheus = PrometheusServer.start(dir, SyntheticFleet.between(from, to));
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void everyLeakIsFlaggedWithItsResourceAndNoHealthyInstanceAlarms() throws Exception {
        FleetResult fleet = read(List.of());
        Map<String, FleetInstance> byName = fleet.instances().stream()
                .collect(Collectors.toMap(i -> i.key().instance(), i -> i));
        assertThat(byName).containsOnlyKeys("orders-1", "orders-2", "billing-1", "billing-2", "billing-3",
                "gateway-1", "gateway-2", "api-1", "web-1", "py-1");
        assertThat(leaking(byName.get("orders-1"))).containsExactly("heap");
        assertThat(leaking(byName.get("billing-1"))).containsExactly("threads");
        assertThat(leaking(byName.get("billing-2"))).containsExactly("heap");
        assertThat(leaking(byName.get("billing-3"))).containsExactly("heap");
        assertThat(leaking(byName.get("gateway-1"))).containsExactly("direct");
        assertThat(leaking(byName.get("api-1"))).containsExactly("goroutines");
        assertThat(leaking(byName.get("web-1"))).containsExactly("rss");
        for (String healthy : List.of("orders-2", "gateway-2", "py-1")) {
            assertThat(byName.get(healthy).findings()).as(healthy)
                    .allSatisfy(f -> assertThat(f.finding().verdict()).as(f.summary()).isNotEqualTo(Verdict.LEAK));
        }
        assertThat(fleet.leaking()).isEqualTo(7);
        // the most urgent first: leaks before the healthy instances
        assertThat(fleet.instances().subList(0, 7)).allMatch(FleetInstance::leak);
    }

    @Test
    void eachInstanceSaysWhichConventionItSpeaksAndWhichSeriesItWasJudgedOn() throws Exception {
        Map<String, FleetInstance> byName = read(List.of()).instances().stream()
                .collect(Collectors.toMap(i -> i.key().instance(), i -> i));
        assertThat(byName.get("orders-1").metrics()).isEqualTo(MetricConvention.MICROMETER);
        assertThat(byName.get("billing-1").metrics()).isEqualTo(MetricConvention.CLIENT_JAVA);
        assertThat(byName.get("gateway-1").metrics()).isEqualTo(MetricConvention.OTEL);
        assertThat(byName.get("api-1").runtime()).isEqualTo(InstanceRuntime.GO);
        assertThat(byName.get("web-1").runtime()).isEqualTo(InstanceRuntime.NODE);
        assertThat(byName.get("py-1").runtime()).isEqualTo(InstanceRuntime.PYTHON);
        assertThat(metric(byName.get("orders-1"), "heap")).isEqualTo("jvm_gc_live_data_size_bytes");
        assertThat(metric(byName.get("billing-1"), "heap")).isEqualTo("jvm_memory_pool_collection_used_bytes");
        // a post-GC series that never moved gives way to heap in use
        assertThat(metric(byName.get("billing-3"), "heap")).isEqualTo("jvm_memory_used_bytes");
        assertThat(metric(byName.get("gateway-1"), "heap")).isEqualTo("jvm_memory_used_after_last_gc_bytes");
        assertThat(metric(byName.get("api-1"), "heap")).isEqualTo("go_memstats_heap_inuse_bytes");
        FleetFinding heap = finding(byName.get("orders-1"), "heap");
        assertThat(heap.finding().limitBytes()).isEqualTo((long) (1024 * MB));
        assertThat(byName.get("orders-1").labels()).containsEntry("application", "orders")
                .doesNotContainKeys("area", "id", "__name__");
    }

    @Test
    void aLeakThatRestartsIsJudgedPerLifetimeAndItsRestartsCounted() throws Exception {
        FleetInstance looping = read(List.of()).instances().stream()
                .filter(i -> i.key().instance().equals("billing-2")).findFirst().orElseThrow();
        assertThat(looping.restarts()).isEqualTo(4);
        FleetFinding heap = finding(looping, "heap");
        assertThat(heap.lifetimes()).isEqualTo(5);
        assertThat(heap.finding().verdict()).isEqualTo(Verdict.LEAK);
        assertThat(heap.summary()).contains("restarted 4 times, each time at ~9").contains("% of its heap");
        FleetInstance steady = read(List.of()).instances().stream()
                .filter(i -> i.key().instance().equals("billing-1")).findFirst().orElseThrow();
        assertThat(steady.restarts()).isZero();
    }

    @Test
    void withoutAStartTime_theResetOfACounterIsTheRestart_andAWarmUpAfterItNoLeak() throws Exception {
        FleetInstance restarted = read(List.of()).instances().stream()
                .filter(i -> i.key().instance().equals("gateway-2")).findFirst().orElseThrow();
        assertThat(restarted.restarts()).isEqualTo(1);
        assertThat(restarted.leak()).isFalse();
        assertThat(finding(restarted, "heap").lifetimes()).isEqualTo(2);
    }

    @Test
    void aNewVersionLabelIsADeploy_andTheGrowthThatFollowedItNamesIt() throws Exception {
        FleetInstance deployed = read(List.of()).instances().stream()
                .filter(i -> i.key().instance().equals("orders-1")).findFirst().orElseThrow();
        assertThat(deployed.deploys()).singleElement().satisfies(a -> {
            assertThat(a.text()).isEqualTo("version v2");
            assertThat(Duration.between(start.plus(Duration.ofHours(HOURS / 2)), a.at()).abs())
                    .isLessThan(Duration.ofMinutes(1));
        });
        assertThat(deployed.restarts()).isZero();
        assertThat(finding(deployed, "heap").summary()).contains("after 'version v2'");
        assertThat(read(List.of()).instances()).filteredOn(i -> !i.key().instance().equals("orders-1"))
                .allSatisfy(i -> assertThat(i.deploys()).isEmpty());
    }

    @Test
    void aSeriesOfDeploys_marksTheInstancesOfItsJob() throws Exception {
        PrometheusApi api = new PrometheusApi(prometheus.url(), Duration.ofSeconds(30));
        FleetResult fleet = FleetReader.read(api, new FleetReader.Query(List.of(), start, end,
                FleetReader.Query.defaultStep(start, end), "deploy_info"), (d, t) -> { });
        FleetInstance api1 = fleet.instances().stream().filter(i -> i.key().instance().equals("api-1")).findFirst()
                .orElseThrow();
        assertThat(api1.deploys()).singleElement().satisfies(a -> {
            assertThat(a.text()).isEqualTo("deploy version=1.8.0");
            assertThat(Duration.between(start.plus(Duration.ofHours(2)), a.at()).abs()).isLessThan(Duration.ofMinutes(1));
        });
        assertThat(fleet.instances()).filteredOn(i -> !i.key().job().equals("api") && !i.key().instance().equals("orders-1"))
                .allSatisfy(i -> assertThat(i.deploys()).isEmpty());
    }

    @Test
    void aSelectorReadsOnlyTheInstancesItMatches() throws Exception {
        FleetResult fleet = read(List.of(FleetReader.matchers("{job=~\"orders|api\"}")));
        assertThat(fleet.instances()).extracting(i -> i.key().instance())
                .containsExactlyInAnyOrder("orders-1", "orders-2", "api-1");
    }

    @Test
    void anUnreachablePrometheus_isAnErrorNamingTheUrl() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        PrometheusApi api = new PrometheusApi(URI.create("http://127.0.0.1:" + closed), Duration.ofSeconds(5));
        assertThatThrownBy(() -> FleetReader.read(api, query(List.of()), (d, t) -> { }))
                .isInstanceOf(PrometheusException.class)
                .hasMessageContaining("http://127.0.0.1:" + closed).hasMessageContaining("connection refused");
    }

    @Test
    void aQueryPrometheusRefuses_isAnErrorWithItsStatusAndMessage() {
        PrometheusApi api = new PrometheusApi(prometheus.url(), Duration.ofSeconds(5));
        assertThatThrownBy(() -> api.queryRange("sum by (", start, end, Duration.ofMinutes(1), (l, t, v) -> { }))
                .isInstanceOf(PrometheusException.class)
                .hasMessageContaining("HTTP 400").hasMessageContaining("bad_data");
    }

    private static FleetResult read(List<List<String>> selectors) throws Exception {
        PrometheusApi api = new PrometheusApi(prometheus.url(), Duration.ofSeconds(30));
        return FleetReader.read(api, query(selectors), (d, t) -> { });
    }

    private static FleetReader.Query query(List<List<String>> selectors) {
        return new FleetReader.Query(selectors, start, end, FleetReader.Query.defaultStep(start, end));
    }

    private static List<String> leaking(FleetInstance i) {
        return i.findings().stream().filter(f -> f.finding().verdict() == Verdict.LEAK)
                .map(f -> f.finding().resource()).toList();
    }

    private static FleetFinding finding(FleetInstance i, String resource) {
        return i.findings().stream().filter(f -> f.finding().resource().equals(resource)).findFirst().orElseThrow();
    }

    private static String metric(FleetInstance i, String resource) {
        return finding(i, resource).metric();
    }
}

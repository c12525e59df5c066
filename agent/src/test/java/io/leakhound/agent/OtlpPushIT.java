package io.leakhound.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.leakhound.testing.ChildJvm;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code otlp=URL} in a child JVM started with the built agent jar: an OTLP/HTTP receiver on loopback (the JDK's
 * HTTP server) decodes every pushed request with the protocol's own generated classes, as a collector does.
 */
class OtlpPushIT {

    private final List<ExportMetricsServiceRequest> received = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();

    @Test
    void otlpOption_pushesTheJvmMetricsUnderSemanticConventionNamesAndTheVerdicts() throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/v1/metrics", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
                received.add(ExportMetricsServiceRequest.parseFrom(body.readAllBytes()));
                exchange.sendResponseHeaders(200, -1);
            } finally {
                exchange.close();
            }
        });
        receiver.start();
        String endpoint = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/v1/metrics";
        try (ChildJvm child = AgentChild.start("port=0;capture=off;interval=2s;otlp=" + endpoint,
                List.of("-Xmx96m", "-Dotel.service.name=orders"), "--mode", "STEADY_CHURN", "--duration", "60s")) {
            child.awaitLine("pushing the metrics of /metrics to " + endpoint, Duration.ofSeconds(30));
            Metric verdict = awaitMetric("leakhound_verdict", Duration.ofSeconds(45));

            // the verdict of each resource, with the same labels as on /metrics
            Map<String, Long> heapVerdicts = verdict.getGauge().getDataPointsList().stream()
                    .filter(p -> attribute(p, "resource").equals("heap"))
                    .collect(Collectors.toMap(p -> attribute(p, "verdict"), p -> (long) p.getAsDouble()));
            assertThat(heapVerdicts).containsKeys("LEAK", "STABLE", "INCONCLUSIVE");
            assertThat(heapVerdicts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);

            // the JVM's memory under jvm.memory.used in bytes, attribute jvm.memory.type
            Metric used = metric(latest(), "jvm.memory.used");
            assertThat(used.getUnit()).isEqualTo("By");
            assertThat(used.getGauge().getDataPointsList())
                    .anySatisfy(p -> {
                        assertThat(attribute(p, "jvm.memory.type")).isEqualTo("heap");
                        assertThat(attribute(p, "jvm.memory.pool.name")).isNotEmpty();
                        assertThat(p.getAsDouble()).isPositive();
                    });
            assertThat(metric(latest(), "jvm.memory.used_after_last_gc").getUnit()).isEqualTo("By");
            assertThat(metric(latest(), "jvm.thread.count").getGauge().getDataPointsList()).isNotEmpty();
            Metric captures = metric(latest(), "leakhound_captures");
            assertThat(captures.getSum().getIsMonotonic()).isTrue();

            ResourceMetrics resource = latest().getResourceMetrics(0);
            Map<String, String> resourceAttributes = resource.getResource().getAttributesList().stream()
                    .collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue()
                            + (kv.getValue().hasIntValue() ? String.valueOf(kv.getValue().getIntValue()) : "")));
            assertThat(resourceAttributes).containsEntry("service.name", "orders")
                    .containsEntry("process.pid", String.valueOf(child.pid()));
            // the SDK may add a scope of its own (its self-telemetry, io.opentelemetry.sdk.metrics) in any order:
            // ours is found by name, and it holds the bridged metrics
            assertThat(resource.getScopeMetricsList())
                    .filteredOn(s -> s.getScope().getName().equals(OtlpPush.SCOPE))
                    .singleElement()
                    .satisfies(s -> assertThat(s.getMetricsList()).extracting(Metric::getName)
                            .contains("jvm.memory.used", "leakhound_verdict"));
            assertThat(contentTypes).allMatch(t -> t.startsWith("application/x-protobuf"));
            assertThat(child.process().isAlive()).as("the host runs on").isTrue();
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void unreachableEndpoint_isOneLineOfTheAgentsLogAndTheHostRunsToItsEnd() throws Exception {
        int closed = AgentChild.freePort();
        try (ChildJvm child = AgentChild.start("port=0;capture=off;interval=1s;otlp=http://127.0.0.1:" + closed
                + "/v1/metrics", List.of("-Xmx64m"), "--mode", "STEADY_CHURN", "--duration", "12s")) {
            child.awaitLine("WARNING OTLP push: Failed to export", Duration.ofSeconds(30));
            assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).as("the host ends on its own").isTrue();
            assertThat(child.process().exitValue()).isZero();
            assertThat(child.lines()).anyMatch(l -> l.startsWith("DONE"))
                    .noneMatch(l -> l.startsWith("SEVERE") || l.contains("\tat "));
        }
    }

    private Metric awaitMetric(String name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!received.isEmpty()) {
                Metric m = find(latest(), name);
                if (m != null && !m.getGauge().getDataPointsList().isEmpty()) {
                    return m;
                }
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new AssertionError("no push with " + name + " within " + timeout + "; " + received.size()
                + " requests received");
    }

    private ExportMetricsServiceRequest latest() {
        return received.get(received.size() - 1);
    }

    private static Metric metric(ExportMetricsServiceRequest request, String name) {
        Metric m = find(request, name);
        assertThat(m).as("metric " + name + " in the push").isNotNull();
        return m;
    }

    private static Metric find(ExportMetricsServiceRequest request, String name) {
        for (ResourceMetrics r : request.getResourceMetricsList()) {
            for (ScopeMetrics s : r.getScopeMetricsList()) {
                for (Metric m : s.getMetricsList()) {
                    if (m.getName().equals(name)) {
                        return m;
                    }
                }
            }
        }
        return null;
    }

    private static String attribute(NumberDataPoint point, String key) {
        return point.getAttributesList().stream().filter(kv -> kv.getKey().equals(key))
                .map(kv -> kv.getValue().getStringValue()).findFirst().orElse("");
    }
}

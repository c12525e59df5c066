package io.leakhound.agent;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableMeasurement;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * {@code otlp=URL}: pushes what {@code /metrics} serves to an OTLP/HTTP metrics endpoint (a collector, Prometheus'
 * OTLP receiver, a vendor) through the OpenTelemetry SDK's own exporter and periodic reader. The metrics are
 * those of the agent's one Prometheus registry ({@link AgentMetrics}), read once per push by a single batch
 * callback, so the two outputs never disagree: the JVM's metrics under their semantic-convention names
 * ({@code jvm_memory_used_bytes} is pushed as {@code jvm.memory.used} in {@code By}, label
 * {@code jvm_memory_type} as attribute {@code jvm.memory.type}), leakhound's own under the names
 * {@code /metrics} uses, which an OTLP-to-Prometheus translation gives back unchanged.
 *
 * <p>The SDK's threads are daemons; a failed export is one line of the agent's log ({@link #sdkLog}) and the
 * next push goes on, nothing is thrown into the host.
 */
final class OtlpPush implements AutoCloseable {

    /** Instrumentation scope of the pushed metrics. */
    static final String SCOPE = "io.leakhound.agent";

    private record OtelName(String name, String unit) {
    }

    /**
     * The semantic-convention name and unit of each JVM metric that {@code /metrics} serves in its Prometheus form;
     * the conventions' names cannot be recovered from the Prometheus ones by rule ({@code used_after_last_gc}).
     */
    private static final Map<String, OtelName> JVM_NAMES = Map.of(
            "jvm_memory_used_bytes", new OtelName("jvm.memory.used", "By"),
            "jvm_memory_committed_bytes", new OtelName("jvm.memory.committed", "By"),
            "jvm_memory_limit_bytes", new OtelName("jvm.memory.limit", "By"),
            "jvm_memory_used_after_last_gc_bytes", new OtelName("jvm.memory.used_after_last_gc", "By"),
            "jvm_thread_count", new OtelName("jvm.thread.count", "{thread}"),
            "jvm_class_count", new OtelName("jvm.class.count", "{class}"),
            "jvm_buffer_memory_used_bytes", new OtelName("jvm.buffer.memory.used", "By"));

    /**
     * The SDK's (shaded) logger root, held so that java.util.logging, which keeps loggers weakly, does not drop
     * the handler set on it.
     */
    private static final Logger SDK_LOG = sdkLog();

    private final SdkMeterProvider provider;

    private OtlpPush(SdkMeterProvider provider) {
        this.provider = provider;
    }

    /** Starts pushing every {@code interval}; the first push comes one interval after the start. */
    static OtlpPush start(String endpoint, Duration interval, PrometheusRegistry registry) {
        OtlpHttpMetricExporter exporter = OtlpHttpMetricExporter.builder().setEndpoint(endpoint)
                .setTimeout(Duration.ofSeconds(10)).build();
        SdkMeterProvider provider = SdkMeterProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(hostAttributes())))
                .registerMetricReader(PeriodicMetricReader.builder(exporter).setInterval(interval).build())
                .build();
        bridge(provider.get(SCOPE), registry);
        return new OtlpPush(provider);
    }

    /** The OpenTelemetry attribute of a label: {@code jvm_memory_type} is {@code jvm.memory.type}. */
    static String otelAttribute(String metric, String label) {
        return JVM_NAMES.containsKey(metric) ? label.replace('_', '.') : label;
    }

    /**
     * One observer per metric family of the registry (a gauge, or a monotonic sum for a counter), all filled by
     * one callback that scrapes the registry once per push. The families are fixed when the agent starts.
     */
    private static void bridge(Meter meter, PrometheusRegistry registry) {
        Map<String, ObservableDoubleMeasurement> observers = new HashMap<>();
        List<ObservableMeasurement> all = new ArrayList<>();
        for (MetricSnapshot family : registry.scrape()) {
            String name = family.getMetadata().getName();
            OtelName n = JVM_NAMES.getOrDefault(name, new OtelName(name, ""));
            String help = family.getMetadata().getHelp() == null ? "" : family.getMetadata().getHelp();
            ObservableDoubleMeasurement observer;
            if (family instanceof CounterSnapshot) {
                observer = meter.counterBuilder(n.name()).ofDoubles().setDescription(help).setUnit(n.unit())
                        .buildObserver();
            } else if (family instanceof GaugeSnapshot) {
                observer = meter.gaugeBuilder(n.name()).setDescription(help).setUnit(n.unit()).buildObserver();
            } else {
                continue;
            }
            observers.put(name, observer);
            all.add(observer);
        }
        if (all.isEmpty()) {
            return;
        }
        meter.batchCallback(() -> record(registry.scrape(), observers), all.get(0),
                all.subList(1, all.size()).toArray(ObservableMeasurement[]::new));
    }

    private static void record(MetricSnapshots snapshots, Map<String, ObservableDoubleMeasurement> observers) {
        for (MetricSnapshot family : snapshots) {
            String name = family.getMetadata().getName();
            ObservableDoubleMeasurement observer = observers.get(name);
            if (observer == null) {
                continue;
            }
            for (DataPointSnapshot point : family.getDataPoints()) {
                double value = point instanceof GaugeSnapshot.GaugeDataPointSnapshot g ? g.getValue()
                        : ((CounterSnapshot.CounterDataPointSnapshot) point).getValue();
                observer.record(value, attributes(name, point.getLabels()));
            }
        }
    }

    private static Attributes attributes(String metric, Labels labels) {
        AttributesBuilder b = Attributes.builder();
        for (Label label : labels) {
            b.put(otelAttribute(metric, label.getName()), label.getValue());
        }
        return b.build();
    }

    /**
     * The SDK reports a failed export through java.util.logging, with a stack trace, into the host's own log: here
     * it becomes one line of the agent's log instead (the SDK already throttles it to a few a minute), and the
     * host's logging configuration is left alone. The logger's name is taken from a class, so it is the shaded
     * package in the agent jar.
     */
    private static Logger sdkLog() {
        String api = OpenTelemetry.class.getPackageName();
        Logger log = Logger.getLogger(api.substring(0, api.lastIndexOf('.')));
        try {
            log.setUseParentHandlers(false);
            log.addHandler(new Handler() {
                @Override
                public void publish(LogRecord record) {
                    if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                        AgentLog.warn("OTLP push: " + record.getMessage() + rootCause(record.getThrown()));
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            });
        } catch (SecurityException e) {
            // a host that forbids changing its logging keeps the SDK's own messages
        }
        return log;
    }

    private static String rootCause(Throwable thrown) {
        if (thrown == null) {
            return "";
        }
        Throwable root = thrown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return " (" + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage())
                + ")";
    }

    /** {@code service.name} as OpenTelemetry's own SDK would take it (the variable, then the property), and the pid. */
    private static Attributes hostAttributes() {
        String service = System.getenv("OTEL_SERVICE_NAME");
        if (service == null || service.isBlank()) {
            service = System.getProperty("otel.service.name");
        }
        AttributesBuilder b = Attributes.builder()
                .put(AttributeKey.longKey("process.pid"), ManagementFactory.getRuntimeMXBean().getPid());
        if (service != null && !service.isBlank()) {
            b.put(AttributeKey.stringKey("service.name"), service);
        }
        return b.build();
    }

    /** Pushes once more and stops. */
    @Override
    public void close() {
        provider.close();
    }
}

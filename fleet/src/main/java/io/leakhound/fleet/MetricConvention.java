package io.leakhound.fleet;

import static io.leakhound.fleet.MetricSelector.of;
import static io.leakhound.fleet.ResourceMetric.bytes;
import static io.leakhound.fleet.ResourceMetric.count;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The naming conventions {@code fleet} reads, each told by metric names only it exports (its markers), and
 * where each resource is in it. An instance speaks the first convention, in this order, whose markers it has;
 * every instance's RSS ({@code process_resident_memory_bytes}) is judged as well, whatever its convention.
 *
 * <p>The names are those of the Prometheus exposition: OpenTelemetry's semantic conventions through its
 * Prometheus exporter or a Collector ({@code jvm.memory.used_after_last_gc} as
 * {@code jvm_memory_used_after_last_gc_bytes}), Micrometer's registry, Prometheus' client_java (1.x, and 0.x's
 * {@code simpleclient_hotspot} names where they differ), client_golang, Node's prom-client, Python's client.
 */
public enum MetricConvention {

    OTEL(InstanceRuntime.JVM, Set.of("jvm_memory_used_after_last_gc_bytes", "jvm_thread_count", "jvm_class_count"),
            List.of(
                    bytes("heap",
                            ResourceMetric.afterGc(of("jvm_memory_used_after_last_gc_bytes", "jvm_memory_type=\"heap\""),
                                    of("jvm_memory_limit_bytes", "jvm_memory_type=\"heap\"").positive()),
                            ResourceMetric.of(of("jvm_memory_used_bytes", "jvm_memory_type=\"heap\""),
                                    of("jvm_memory_limit_bytes", "jvm_memory_type=\"heap\"").positive())),
                    bytes("metaspace", ResourceMetric.of(of("jvm_memory_used_bytes", "jvm_memory_pool_name=\"Metaspace\""))),
                    count("threads", of("jvm_thread_count")),
                    bytes("direct",
                            ResourceMetric.of(of("jvm_buffer_memory_used_bytes", "jvm_buffer_pool_name=\"direct\"")),
                            ResourceMetric.of(of("jvm_buffer_memory_usage_bytes", "jvm_buffer_pool_name=\"direct\""))),
                    count("classes", of("jvm_class_count"))),
            of("jvm_class_loaded_total")),

    MICROMETER(InstanceRuntime.JVM, Set.of("jvm_threads_live_threads", "jvm_gc_live_data_size_bytes",
            "jvm_classes_loaded_classes"),
            List.of(
                    // live data is the old generation after a collection that cleaned it, against its own maximum
                    bytes("heap",
                            ResourceMetric.afterGc(of("jvm_gc_live_data_size_bytes"), of("jvm_gc_max_data_size_bytes").positive()),
                            ResourceMetric.of(of("jvm_memory_used_bytes", "area=\"heap\""),
                                    of("jvm_memory_max_bytes", "area=\"heap\"").positive())),
                    bytes("metaspace", ResourceMetric.of(of("jvm_memory_used_bytes", "area=\"nonheap\"", "id=\"Metaspace\""))),
                    count("threads", of("jvm_threads_live_threads")),
                    bytes("direct", ResourceMetric.of(of("jvm_buffer_memory_used_bytes", "id=\"direct\""))),
                    count("classes", of("jvm_classes_loaded_classes"))),
            of("jvm_gc_pause_seconds_count")),

    CLIENT_JAVA(InstanceRuntime.JVM, Set.of("jvm_threads_current", "jvm_memory_pool_collection_used_bytes",
            "jvm_memory_bytes_used", "jvm_classes_currently_loaded"),
            List.of(
                    // each pool's usage after its last collection: summed, the heap after GC (pools that are
                    // never collected, such as Metaspace, have none)
                    bytes("heap",
                            ResourceMetric.afterGc(of("jvm_memory_pool_collection_used_bytes"),
                                    of("jvm_memory_max_bytes", "area=\"heap\"").positive(),
                                    of("jvm_memory_bytes_max", "area=\"heap\"").positive()),
                            ResourceMetric.of(of("jvm_memory_used_bytes", "area=\"heap\""),
                                    of("jvm_memory_max_bytes", "area=\"heap\"").positive()),
                            ResourceMetric.of(of("jvm_memory_bytes_used", "area=\"heap\""),
                                    of("jvm_memory_bytes_max", "area=\"heap\"").positive())),
                    bytes("metaspace",
                            ResourceMetric.of(of("jvm_memory_pool_used_bytes", "pool=\"Metaspace\"")),
                            ResourceMetric.of(of("jvm_memory_pool_bytes_used", "pool=\"Metaspace\""))),
                    count("threads", of("jvm_threads_current")),
                    bytes("direct", ResourceMetric.of(of("jvm_buffer_pool_used_bytes", "pool=\"direct\""))),
                    count("classes", of("jvm_classes_currently_loaded"))),
            of("jvm_gc_collection_seconds_count")),

    GO(InstanceRuntime.GO, Set.of("go_goroutines"),
            List.of(
                    // the live heap after the last GC where the client exports runtime/metrics, else heap in use
                    bytes("heap", ResourceMetric.afterGc(of("go_gc_heap_live_bytes")),
                            ResourceMetric.of(of("go_memstats_heap_inuse_bytes"))),
                    count("goroutines", of("go_goroutines"))),
            of("go_gc_duration_seconds_count")),

    NODE(InstanceRuntime.NODE, Set.of("nodejs_heap_size_used_bytes"),
            List.of(
                    bytes("heap", ResourceMetric.of(of("nodejs_heap_size_used_bytes"))),
                    bytes("external", ResourceMetric.of(of("nodejs_external_memory_bytes")))),
            of("nodejs_gc_duration_seconds_count")),

    PYTHON(InstanceRuntime.PYTHON, Set.of("python_info"), List.of(), of("python_gc_collections_total")),

    /** Anything with process metrics only. */
    PROCESS(InstanceRuntime.PROCESS, Set.of(MetricConvention.RSS_METRIC), List.of(), null);

    /** Every convention's process RSS, judged as resource {@code rss}. */
    public static final String RSS_METRIC = "process_resident_memory_bytes";
    /** The start time of the process, whose changes are restarts. */
    public static final String START_TIME_METRIC = "process_start_time_seconds";

    static final ResourceMetric RSS = bytes("rss", ResourceMetric.of(of(RSS_METRIC)));

    private final InstanceRuntime runtime;
    private final Set<String> markers;
    private final List<ResourceMetric> resources;
    private final MetricSelector restartCounter;

    MetricConvention(InstanceRuntime runtime, Set<String> markers, List<ResourceMetric> resources,
                     MetricSelector restartCounter) {
        this.runtime = runtime;
        this.markers = markers;
        this.resources = resources;
        this.restartCounter = restartCounter;
    }

    public InstanceRuntime runtime() {
        return runtime;
    }

    /** The metric names that tell this convention from the others. */
    public Set<String> markers() {
        return markers;
    }

    /** Its resources besides {@code rss}, in the order they are reported. */
    public List<ResourceMetric> resources() {
        return resources;
    }

    /**
     * A counter of the process whose resets tell its restarts where it exports no
     * {@value #START_TIME_METRIC} (OpenTelemetry's JVM metrics have none); null when there is none.
     */
    public MetricSelector restartCounter() {
        return restartCounter;
    }

    /** The name in {@code fleet --json}: {@code otel}, {@code micrometer}, {@code client_java}, ... */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The convention of an instance with these metric names, or null when it has none leakhound reads. */
    static MetricConvention spokenBy(Set<String> metricNames) {
        for (MetricConvention c : values()) {
            for (String m : c.markers) {
                if (metricNames.contains(m)) {
                    return c;
                }
            }
        }
        return null;
    }
}

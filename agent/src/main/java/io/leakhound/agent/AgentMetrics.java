package io.leakhound.agent;

import io.leakhound.series.history.Capture;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.series.verdict.Verdict;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The agent's metrics in a Prometheus registry (client_java 1.x), each read when scraped: the JVM's memory under
 * the OpenTelemetry semantic-convention names in their Prometheus form ({@code jvm.memory.used} becomes
 * {@code jvm_memory_used_bytes}, labels {@code jvm_memory_type} and {@code jvm_memory_pool_name}), and leakhound's
 * verdict per {@code resource}. The names are a contract (docs/agent.md).
 *
 * <p>Cost: nothing between scrapes; a scrape asks the memory pool, thread, class-loading and buffer-pool MXBeans
 * and reads the latest verdict pass (computed by the watch, never by a scrape).
 */
final class AgentMetrics {

    private AgentMetrics() {
    }

    static PrometheusRegistry registry(AgentState state) {
        PrometheusRegistry registry = new PrometheusRegistry();
        registerJvm(registry);
        registerVerdicts(registry, state);
        return registry;
    }

    private static void registerJvm(PrometheusRegistry registry) {
        pools(registry, "jvm_memory_used_bytes", "Measure of memory used.", MemoryPoolMXBean::getUsage,
                MemoryUsage::getUsed);
        pools(registry, "jvm_memory_committed_bytes", "Measure of memory committed.", MemoryPoolMXBean::getUsage,
                MemoryUsage::getCommitted);
        pools(registry, "jvm_memory_limit_bytes", "Measure of max obtainable memory.", MemoryPoolMXBean::getUsage,
                MemoryUsage::getMax);
        pools(registry, "jvm_memory_used_after_last_gc_bytes",
                "Measure of memory used, as measured after the most recent garbage collection event on this pool.",
                MemoryPoolMXBean::getCollectionUsage, MemoryUsage::getUsed);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        GaugeWithCallback.builder().name("jvm_thread_count").help("Number of executing platform threads.")
                .labelNames("jvm_thread_daemon")
                .callback(cb -> {
                    int all = threads.getThreadCount();
                    int daemons = threads.getDaemonThreadCount();
                    cb.call(daemons, "true");
                    cb.call(Math.max(0, all - daemons), "false");
                }).register(registry);
        GaugeWithCallback.builder().name("jvm_class_count").help("Number of classes currently loaded.")
                .callback(cb -> cb.call(ManagementFactory.getClassLoadingMXBean().getLoadedClassCount()))
                .register(registry);
        GaugeWithCallback.builder().name("jvm_buffer_memory_used_bytes").help("Measure of memory used by buffers.")
                .labelNames("jvm_buffer_pool_name")
                .callback(cb -> {
                    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
                        if (pool.getMemoryUsed() >= 0) {
                            cb.call(pool.getMemoryUsed(), pool.getName());
                        }
                    }
                }).register(registry);
    }

    /** One gauge over every memory pool; a pool without the figure (-1, or no collection usage) is left out. */
    private static void pools(PrometheusRegistry registry, String name, String help,
            Function<MemoryPoolMXBean, MemoryUsage> usage, java.util.function.ToLongFunction<MemoryUsage> figure) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("jvm_memory_type", "jvm_memory_pool_name")
                .callback(cb -> {
                    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                        MemoryUsage u = pool.isValid() ? usage.apply(pool) : null;
                        long value = u == null ? -1 : figure.applyAsLong(u);
                        if (value >= 0) {
                            cb.call(value, memoryType(pool.getType()), pool.getName());
                        }
                    }
                }).register(registry);
    }

    /** {@code heap} or {@code non_heap}, the semantic convention's values of {@code jvm.memory.type}. */
    static String memoryType(MemoryType type) {
        return type == MemoryType.HEAP ? "heap" : "non_heap";
    }

    private static void registerVerdicts(PrometheusRegistry registry, AgentState state) {
        perFinding(registry, state, "leakhound_leak", "1 when the resource's verdict is LEAK, else 0.",
                (f, cb) -> cb.call(f.verdict() == Verdict.LEAK ? 1 : 0, f.resource()));
        GaugeWithCallback.builder().name("leakhound_verdict")
                .help("1 for the resource's current verdict, 0 for the others.")
                .labelNames("resource", "verdict")
                .callback(cb -> {
                    MemoryAnalysis a = state.analysis();
                    if (a == null) {
                        return;
                    }
                    for (Finding f : a.findings()) {
                        for (Verdict v : Verdict.values()) {
                            cb.call(f.verdict() == v ? 1 : 0, f.resource(), v.name());
                        }
                    }
                }).register(registry);
        perFinding(registry, state, "leakhound_growth_bytes_per_hour",
                "The post-GC baseline's robust slope, per hour (things per hour for classes and threads).",
                (f, cb) -> {
                    if (f.judged()) {
                        cb.call(f.growthBytesPerHour(), f.resource());
                    }
                });
        perFinding(registry, state, "leakhound_time_to_exhaustion_seconds",
                "When the baseline reaches the resource's limit at its rate; absent when it does not grow or the"
                        + " limit is unknown.",
                (f, cb) -> {
                    if (f.timeToExhaustion() != null) {
                        cb.call(f.timeToExhaustion().toMillis() / 1000.0, f.resource());
                    }
                });
        perFinding(registry, state, "leakhound_baseline_bytes",
                "The post-GC usage at the end of the series (a count for classes and threads).",
                (f, cb) -> {
                    if (f.lastBaselineBytes() >= 0 && f.judged()) {
                        cb.call(f.lastBaselineBytes(), f.resource());
                    }
                });
        perFinding(registry, state, "leakhound_confidence", "How sure the engine is of the verdict, 0 to 1.",
                (f, cb) -> cb.call(f.confidence(), f.resource()));
        GaugeWithCallback.builder().name("leakhound_memory_pressure_level")
                .help("The memory-pressure level: 0 NONE, 1 WARNING, 2 ESCALATE, 3 CRITICAL.")
                .callback(cb -> cb.call(state.pressure().level())).register(registry);
        GaugeWithCallback.builder().name("leakhound_gc_pause_fraction")
                .help("The fraction of time in GC pauses over the judged window.")
                .callback(cb -> {
                    MemoryAnalysis a = state.analysis();
                    if (a != null && a.gc() != null) {
                        cb.call(a.gc().pauseFraction());
                    }
                }).register(registry);
        CounterWithCallback.builder().name("leakhound_captures")
                .help("Automatic captures (two heap dumps and their diff) ended, by final state.")
                .labelNames("state")
                .callback(cb -> {
                    for (Map.Entry<Capture.State, Long> e : state.captures().entrySet()) {
                        cb.call(e.getValue(), e.getKey().name().toLowerCase(Locale.ROOT));
                    }
                }).register(registry);
    }

    private static void perFinding(PrometheusRegistry registry, AgentState state, String name, String help,
            BiConsumer<Finding, GaugeWithCallback.Callback> each) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("resource")
                .callback(cb -> {
                    MemoryAnalysis a = state.analysis();
                    if (a != null) {
                        for (Finding f : a.findings()) {
                            each.accept(f, cb);
                        }
                    }
                }).register(registry);
    }
}

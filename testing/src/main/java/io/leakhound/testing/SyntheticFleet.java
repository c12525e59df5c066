package io.leakhound.testing;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * A small fleet with known truth, as {@code fleet} would find it in Prometheus: ten instances in six naming
 * conventions (Micrometer, client_java, OpenTelemetry, Go, Node.js, Python), scraped every 30 s. Seven leak, each
 * in one resource: {@code orders-1} heap after a deploy, {@code billing-1} threads, {@code billing-2} heap running
 * out every 80 minutes and restarting, {@code billing-3} heap in use (its post-GC series never moved),
 * {@code gateway-1} direct buffers, {@code api-1} goroutines, {@code web-1} RSS. Three
 * are healthy with a traffic cycle, a warm-up and spikes that return: {@code orders-2}, {@code gateway-2},
 * {@code py-1}.
 */
public final class SyntheticFleet {

    static final double MB = 1 << 20;
    /** The scrape interval of every series. */
    public static final long SCRAPE = 30;
    /** billing-2's lifetime: it restarts at 97 % of its 1 GiB heap every this many seconds. */
    public static final long LIFETIME_SECONDS = 80 * 60;

    private SyntheticFleet() {
    }

    /** The fleet between two Unix times (at least a few hours, for billing-2 to restart). */
    public static OpenMetrics between(long from, long to) {
        OpenMetrics om = new OpenMetrics();

        // orders-1 (Micrometer): flat at 200 MB until version v2 is deployed, halfway, then its old generation
        // after collections grows 70 MB/h; the version is a label of every series, as a target label would be
        long deployAt = (to - from) / 2;
        DoubleUnaryOperator orders1 = noisy(1, t -> 200 * MB + (t < deployAt ? 0 : 70 * MB * (t - deployAt) / 3600),
                8 * MB);
        micrometer(om, "orders", "orders-1", List.of("version", "v1"), from, from + deployAt - SCRAPE, from - 600,
                orders1, flat(60));
        micrometer(om, "orders", "orders-1", List.of("version", "v2"), from + deployAt, to, from - 600,
                t -> orders1.applyAsDouble(t + deployAt), flat(60));
        // orders-2 (Micrometer): healthy, a 400 MB live set with a traffic cycle of +-15 % over 3 hours
        micrometer(om, "orders", "orders-2", List.of(), from, to, from - 600,
                noisy(2, t -> 400 * MB * (1 + 0.15 * Math.sin(2 * Math.PI * t / 10_800)), 8 * MB), flat(62));
        // billing-1 (client_java): flat heap, threads leak from 40 to 400
        clientJava(om, "billing", "billing-1", from, to, noisy(3, t -> 300 * MB, 6 * MB),
                t -> 40 + Math.floor(t / 60), t -> from);
        // billing-2 (client_java): a heap leak that runs out every 80 minutes and restarts
        long lifetime = LIFETIME_SECONDS;
        clientJava(om, "billing", "billing-2", from, to,
                noisy(4, t -> 100 * MB + (0.97 * 1024 * MB - 100 * MB) * (t % lifetime) / (lifetime - SCRAPE), 4 * MB),
                flat(50), t -> from + lifetime * Math.floor(t / lifetime));
        // billing-3 (client_java): a quiet G1 service whose old generation no collection has cleaned yet, so its
        // usage after the last collection never moved (0), while the heap in use leaks 50 MB/h under the
        // saw-tooth of young collections
        List<String> b3 = List.of("job", "billing", "instance", "billing-3");
        for (String pool : List.of("G1 Eden Space", "G1 Old Gen", "G1 Survivor Space")) {
            om.gauge("jvm_memory_pool_collection_used_bytes", with(b3, "pool", pool), from, to, SCRAPE,
                    pool.startsWith("G1 Survivor") ? t -> 4 * MB : t -> 0);
        }
        om.gauge("jvm_memory_max_bytes", with(b3, "area", "heap"), from, to, SCRAPE, t -> 1024 * MB);
        om.gauge("jvm_memory_used_bytes", with(b3, "area", "heap"), from, to, SCRAPE,
                noisy(13, t -> 300 * MB + 50 * MB * t / 3600 + 200 * MB * (t % 300) / 300, 3 * MB));
        om.gauge("jvm_threads_current", b3, from, to, SCRAPE, t -> 45);
        om.gauge("process_start_time_seconds", b3, from, to, SCRAPE, t -> from - 900);
        // gateway-1 (OpenTelemetry): heap after GC with spikes that return, direct buffers leak 16 -> 160 MB
        otel(om, "gateway", "gateway-1", from, to,
                noisy(5, t -> 250 * MB + ((long) t % 3600 < 300 ? 150 * MB : 0), 5 * MB),
                t -> 16 * MB + 24 * MB * t / 3600, Long.MAX_VALUE);
        // gateway-2 (OpenTelemetry): healthy, a warm-up to 300 MB after each start; restarted once, at 60 % of
        // the window, which only its counters tell (OpenTelemetry's JVM metrics have no process start time)
        long restartAt = (to - from) * 3 / 5;
        otel(om, "gateway", "gateway-2", from, to,
                noisy(6, t -> 100 * MB + 200 * MB * (1 - Math.exp(-(t % restartAt) / 800)), 5 * MB), t -> 16 * MB,
                restartAt);
        // api-1 (Go): goroutines leak 20 -> 3,000; heap flat
        List<String> api = List.of("job", "api", "instance", "api-1");
        om.gauge("go_goroutines", api, from, to, SCRAPE, t -> 20 + Math.floor(t / 7));
        om.gauge("go_memstats_heap_inuse_bytes", api, from, to, SCRAPE, noisy(7, t -> 80 * MB, 10 * MB));
        om.gauge("process_resident_memory_bytes", api, from, to, SCRAPE, noisy(8, t -> 150 * MB, 5 * MB));
        om.gauge("process_start_time_seconds", api, from, to, SCRAPE, t -> from - 3600);
        // a series of deploys of its own, for `fleet --deploys deploy_info`: job api's 1.8.0, two hours in
        om.gauge("deploy_info", List.of("job", "api", "version", "1.8.0"), from + 7200, to, SCRAPE, t -> 1);
        // web-1 (Node): heap healthy, RSS grows 200 -> 500 MB
        List<String> web = List.of("job", "web", "instance", "web-1");
        om.gauge("nodejs_heap_size_used_bytes", web, from, to, SCRAPE, noisy(9, t -> 60 * MB, 15 * MB));
        om.gauge("nodejs_external_memory_bytes", web, from, to, SCRAPE, noisy(10, t -> 3 * MB, 0.2 * MB));
        om.gauge("process_resident_memory_bytes", web, from, to, SCRAPE, noisy(11, t -> 200 * MB + 50 * MB * t / 3600,
                6 * MB));
        // py-1 (Python): RSS flat
        List<String> py = List.of("job", "py", "instance", "py-1");
        om.gauge("python_info", List.of("job", "py", "instance", "py-1", "version", "3.11.2"), from, to, SCRAPE,
                t -> 1);
        om.gauge("process_resident_memory_bytes", py, from, to, SCRAPE, noisy(12, t -> 90 * MB, 3 * MB));
        return om;
    }

    /**
     * A canary rollout with known truth: job {@code checkout}, four baseline instances of {@code version="v1"}
     * (one of them noisy, with a slow drift that is not a leak) and, over the last 40 % of the window, two canary
     * instances of {@code version="v2"} whose heap leaks; and job {@code search}, two healthy groups
     * ({@code pool="a"} and {@code pool="b"}) of three instances each at different levels.
     */
    public static OpenMetrics canaryRollout(long from, long to) {
        OpenMetrics om = new OpenMetrics();
        for (int i = 1; i <= 4; i++) {
            double noise = i == 4 ? 40 * MB : 8 * MB;
            double drift = i == 4 ? 4 * MB : 0;
            canaryGroupMember(om, "checkout", "checkout-" + i, "version", "v1", from, to,
                    noisy(20 + i, t -> 300 * MB + drift * t / 3600, noise));
        }
        long canaryFrom = to - (to - from) * 2 / 5;
        for (int i = 1; i <= 2; i++) {
            canaryGroupMember(om, "checkout", "checkout-canary-" + i, "version", "v2", canaryFrom, to,
                    noisy(30 + i, t -> 300 * MB + 90 * MB * t / 3600, 8 * MB));
        }
        for (String pool : List.of("a", "b")) {
            for (int i = 1; i <= 3; i++) {
                double level = pool.equals("a") ? 250 * MB : 420 * MB;
                canaryGroupMember(om, "search", "search-" + pool + i, "pool", pool, from, to,
                        noisy(40 + i + (pool.equals("a") ? 0 : 10), t -> level * (1 + 0.1 * Math.sin(t / 2000.0)),
                                10 * MB));
            }
        }
        return om;
    }

    private static void canaryGroupMember(OpenMetrics om, String job, String instance, String label, String value,
                                          long from, long to, DoubleUnaryOperator liveData) {
        List<String> l = List.of("job", job, "instance", instance, label, value);
        om.gauge("jvm_gc_live_data_size_bytes", l, from, to, SCRAPE, liveData);
        om.gauge("jvm_gc_max_data_size_bytes", l, from, to, SCRAPE, t -> 1024 * MB);
        om.gauge("jvm_threads_live_threads", l, from, to, SCRAPE, t -> 48);
        om.gauge("process_start_time_seconds", l, from, to, SCRAPE, t -> from - 30);
    }

    private static DoubleUnaryOperator noisy(long seed, DoubleUnaryOperator level, double noise) {
        Random r = new Random(seed);
        return t -> Math.max(0, level.applyAsDouble(t) + noise * r.nextGaussian());
    }

    private static DoubleUnaryOperator flat(double threads) {
        return t -> threads;
    }

    /**
     * @param extra        more labels on every series, name, value...
     * @param processStart the value of process_start_time_seconds
     */
    private static void micrometer(OpenMetrics om, String job, String instance, List<String> extra, long from, long to,
                                   long processStart, DoubleUnaryOperator liveData, DoubleUnaryOperator threads) {
        List<String> l = new java.util.ArrayList<>(List.of("job", job, "instance", instance, "application", job));
        l.addAll(extra);
        om.gauge("jvm_gc_live_data_size_bytes", l, from, to, SCRAPE, liveData);
        om.gauge("jvm_gc_max_data_size_bytes", l, from, to, SCRAPE, t -> 1024 * MB);
        om.gauge("jvm_threads_live_threads", l, from, to, SCRAPE, threads);
        om.gauge("jvm_classes_loaded_classes", l, from, to, SCRAPE, t -> 12_000);
        om.gauge("jvm_memory_used_bytes", with(l, "area", "nonheap", "id", "Metaspace"), from, to, SCRAPE,
                t -> 80 * MB);
        om.gauge("jvm_buffer_memory_used_bytes", with(l, "id", "direct"), from, to, SCRAPE, t -> 8 * MB);
        om.gauge("process_start_time_seconds", l, from, to, SCRAPE, t -> processStart);
    }

    private static List<String> with(List<String> labels, String... more) {
        List<String> all = new java.util.ArrayList<>(labels);
        all.addAll(List.of(more));
        return all;
    }

    private static void clientJava(OpenMetrics om, String job, String instance, long from, long to,
                                   DoubleUnaryOperator oldGenAfterGc, DoubleUnaryOperator threads,
                                   DoubleUnaryOperator startTime) {
        List<String> l = List.of("job", job, "instance", instance);
        for (String pool : List.of("G1 Eden Space", "G1 Old Gen", "G1 Survivor Space")) {
            om.gauge("jvm_memory_pool_collection_used_bytes", List.of("job", job, "instance", instance, "pool", pool),
                    from, to, SCRAPE, pool.equals("G1 Old Gen") ? oldGenAfterGc : pool.startsWith("G1 Eden") ? t -> 0
                            : t -> 4 * MB);
        }
        om.gauge("jvm_memory_max_bytes", List.of("job", job, "instance", instance, "area", "heap"), from, to, SCRAPE,
                t -> 1024 * MB);
        om.gauge("jvm_memory_used_bytes", List.of("job", job, "instance", instance, "area", "heap"), from, to, SCRAPE,
                t -> oldGenAfterGc.applyAsDouble(t) + 100 * MB);
        om.gauge("jvm_threads_current", l, from, to, SCRAPE, threads);
        om.gauge("jvm_buffer_pool_used_bytes", List.of("job", job, "instance", instance, "pool", "direct"), from, to,
                SCRAPE, t -> 4 * MB);
        om.gauge("process_resident_memory_bytes", l, from, to, SCRAPE,
                t -> 1400 * MB);
        om.gauge("process_start_time_seconds", l, from, to, SCRAPE, startTime);
    }

    /** @param restartEvery seconds between restarts, seen only in the reset of the class-loading counter */
    private static void otel(OpenMetrics om, String job, String instance, long from, long to,
                             DoubleUnaryOperator heapAfterGc, DoubleUnaryOperator direct, long restartEvery) {
        om.counter("jvm_class_loaded", List.of("job", job, "instance", instance), from, to, SCRAPE,
                t -> 9_000 + 3 * (t % restartEvery));
        List<String> heap = List.of("job", job, "instance", instance, "jvm_memory_type", "heap",
                "jvm_memory_pool_name", "G1 Old Gen");
        om.gauge("jvm_memory_used_after_last_gc_bytes", heap, from, to, SCRAPE, heapAfterGc);
        om.gauge("jvm_memory_limit_bytes", heap, from, to, SCRAPE, t -> 2048 * MB);
        om.gauge("jvm_thread_count", List.of("job", job, "instance", instance, "jvm_thread_daemon", "true"), from, to,
                SCRAPE, t -> 30);
        om.gauge("jvm_buffer_memory_used_bytes", List.of("job", job, "instance", instance, "jvm_buffer_pool_name",
                "direct"), from, to, SCRAPE, direct);
    }
}

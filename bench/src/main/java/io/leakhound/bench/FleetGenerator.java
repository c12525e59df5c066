package io.leakhound.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a large fleet as OpenMetrics for {@code promtool tsdb create-blocks-from openmetrics}, streamed family by
 * family (the format wants each family's samples together), so that a thousand instances over a day never sit in
 * memory. Instance {@code i} speaks Micrometer (i % 4 == 0), client_java (1), Go (2) or Node (3); every tenth
 * leaks (its heap, or goroutines for Go) and the rest are healthy with a daily cycle and noise.
 *
 * <p>usage: FleetGenerator INSTANCES HOURS END_EPOCH_SECONDS OUT.om; prints the number of leaking instances
 */
public final class FleetGenerator {

    private static final double MB = 1 << 20;
    private static final long SCRAPE = 60;

    private FleetGenerator() {
    }

    public static void main(String[] args) throws IOException {
        int instances = Integer.parseInt(args[0]);
        long hours = Long.parseLong(args[1]);
        long end = Long.parseLong(args[2]);
        long start = end - hours * 3600;
        try (BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(
                Files.newOutputStream(Path.of(args[3])), StandardCharsets.UTF_8), 1 << 20)) {
            family(w, "jvm_gc_live_data_size_bytes", instances, 0, start, end, FleetGenerator::heap);
            family(w, "jvm_gc_max_data_size_bytes", instances, 0, start, end, (i, t) -> 1024 * MB);
            family(w, "jvm_threads_live_threads", instances, 0, start, end, (i, t) -> 40);
            family(w, "jvm_memory_pool_collection_used_bytes", instances, 1, start, end, FleetGenerator::heap);
            family(w, "jvm_memory_max_bytes", instances, 1, start, end, (i, t) -> 1024 * MB);
            family(w, "jvm_threads_current", instances, 1, start, end, (i, t) -> 40);
            family(w, "go_goroutines", instances, 2, start, end,
                    (i, t) -> leaks(i) ? 50 + t / 30.0 : 50 + 5 * Math.sin(t / 3000.0));
            family(w, "go_memstats_heap_inuse_bytes", instances, 2, start, end, (i, t) -> 60 * MB + noise(i, t, 4 * MB));
            family(w, "nodejs_heap_size_used_bytes", instances, 3, start, end, FleetGenerator::heap);
            family(w, "process_resident_memory_bytes", instances, -1, start, end,
                    (i, t) -> 300 * MB + noise(i, t, 5 * MB));
            family(w, "process_start_time_seconds", instances, -1, start, end, (i, t) -> start - 600);
            w.write("# EOF\n");
        }
        int leaking = 0;
        for (int i = 0; i < instances; i++) {
            leaking += leaks(i) ? 1 : 0;
        }
        System.out.println(leaking);
    }

    private interface Value {
        double at(int instance, long secondsSinceStart);
    }

    private static boolean leaks(int i) {
        return i % 10 == 9;
    }

    private static double heap(int i, long t) {
        double level = 300 * MB * (1 + 0.15 * Math.sin(2 * Math.PI * t / 86_400 + i));
        return (leaks(i) ? level + 20 * MB * t / 3600 : level) + noise(i, t, 6 * MB);
    }

    private static double noise(int i, long t, double sd) {
        // a pure function of (instance, time): the same value whichever family asks
        return sd * (new SplittableRandom(i * 1_000_003L + t).nextDouble() * 2 - 1) * 1.7;
    }

    /** @param convention i % 4 of the instances that have this family; -1 for all */
    private static void family(BufferedWriter w, String name, int instances, int convention, long start, long end,
                               Value value) throws IOException {
        w.write("# TYPE " + name + " gauge\n");
        for (int i = 0; i < instances; i++) {
            if (convention >= 0 && i % 4 != convention) {
                continue;
            }
            String series = name + "{job=\"svc" + (i % 20) + "\",instance=\"host-" + i + "\"} ";
            for (long t = start; t <= end; t += SCRAPE) {
                w.write(series);
                w.write(Long.toString(Math.round(value.at(i, t - start))));
                w.write(' ');
                w.write(Long.toString(t));
                w.write('\n');
            }
        }
    }
}

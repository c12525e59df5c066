package io.leakhound.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leakhound.testing.PrometheusServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule file of {@code leakhound rules}, checked by {@code promtool check rules} and evaluated minute by minute
 * over a day by {@code promtool test rules}: healthy instances with a daily cycle, a warm-up, hourly spikes and a
 * GC saw-tooth (in the convention that only has heap in use) never raise a leak alert; an instance that leaks to
 * an OutOfMemoryError is caught before its first restart; a restart loop is one.
 */
class AlertRulesIT {

    static final double MB = 1 << 20;
    static final int MINUTES = 26 * 60;

    @Test
    void promtoolChecksTheRulesOfEveryJobAndOfOneRegex(@TempDir Path dir) throws Exception {
        assumeTrue(PrometheusServer.missing().isEmpty(), () -> PrometheusServer.missing().orElse(""));
        for (String job : new String[] {null, "orders|billing", "we\"ird\\\\.job"}) {
            Path rules = dir.resolve("rules.yml");
            Files.writeString(rules, AlertRules.render(new AlertRules.Settings(job, Duration.ofMinutes(30))));
            assertThat(promtool(dir, "check", "rules", rules.toString())).as(String.valueOf(job)).contains("SUCCESS");
        }
    }

    @Test
    void overADay_noLeakAlertOnHealthyInstances_theLeakCaughtBeforeItsFirstRestart_theLoopAlerted(@TempDir Path dir)
            throws Exception {
        assumeTrue(PrometheusServer.missing().isEmpty(), () -> PrometheusServer.missing().orElse(""));
        Files.writeString(dir.resolve("rules.yml"), AlertRules.render(new AlertRules.Settings(null, Duration.ofMinutes(30))));
        double gib = 1024 * MB;
        StringBuilder series = new StringBuilder();
        // a daily cycle of +-25 % around 600 MB: at its peak 73 % of the limit, a pressure warning, never a leak
        micrometer(series, "cycle-1", noisy(1, m -> 600 * MB * (1 + 0.25 * Math.sin(2 * Math.PI * m / 1440)), 0.01),
                m -> 1000);
        // a warm-up to 700 MB within the first hour after its start
        series.append(line("jvm_memory_pool_collection_used_bytes{job=\"svc\",instance=\"warmup-1\",pool=\"G1 Old Gen\"}",
                noisy(2, m -> 100 * MB + 600 * MB * (1 - Math.exp(-m / 15.0)), 0.01)));
        series.append(line("jvm_memory_max_bytes{job=\"svc\",instance=\"warmup-1\",area=\"heap\"}", m -> gib));
        // spikes of +300 MB for 5 minutes every hour on 550 MB
        series.append(line("jvm_memory_used_after_last_gc_bytes{job=\"svc\",instance=\"spikes-1\",jvm_memory_type=\"heap\","
                + "jvm_memory_pool_name=\"G1 Old Gen\"}", noisy(3, m -> 550 * MB + (m % 60 < 5 ? 300 * MB : 0), 0.01)));
        series.append(line("jvm_memory_limit_bytes{job=\"svc\",instance=\"spikes-1\",jvm_memory_type=\"heap\","
                + "jvm_memory_pool_name=\"G1 Old Gen\"}", m -> gib));
        // only heap in use: a GC saw-tooth from 300 to 900 MB every 10 minutes
        series.append(line("jvm_memory_used_bytes{job=\"svc\",instance=\"sawtooth-1\",area=\"heap\",id=\"G1 Old Gen\"}",
                m -> 300 * MB + 600 * MB * (m % 10) / 9.0));
        series.append(line("jvm_memory_max_bytes{job=\"svc\",instance=\"sawtooth-1\",area=\"heap\",id=\"G1 Old Gen\"}",
                m -> gib));
        series.append(line("jvm_threads_live_threads{job=\"svc\",instance=\"sawtooth-1\"}", m -> 40));
        // leaks 150 MB/h from 200 MB: runs out of its 1 GiB after 5 h 22 min, restarts, and leaks again
        double lifetime = (0.98 * gib - 200 * MB) / (150 * MB) * 60;
        micrometer(series, "oom-1", noisy(4, m -> 200 * MB + 150 * MB * (m % lifetime) / 60, 0.01),
                m -> 1000 + 60 * lifetime * Math.floor(m / lifetime));
        // a quiet G1 service: no collection has cleaned its old generation, so the usage after the last collection
        // never moved (the pools read 0, 0, 4 MB); heap in use leaks 150 MB/h under a saw-tooth of 200 MB
        for (String pool : new String[] {"G1 Eden Space", "G1 Old Gen", "G1 Survivor Space"}) {
            series.append(line("jvm_memory_pool_collection_used_bytes{job=\"svc\",instance=\"quiet-1\",pool=\"" + pool
                    + "\"}", m -> pool.startsWith("G1 Survivor") ? 4 * MB : 0));
        }
        series.append(line("jvm_memory_used_bytes{job=\"svc\",instance=\"quiet-1\",area=\"heap\"}",
                m -> 200 * MB + 150 * MB * m / 60 + 200 * MB * (m % 5) / 5.0));
        series.append(line("jvm_memory_max_bytes{job=\"svc\",instance=\"quiet-1\",area=\"heap\"}", m -> gib));
        series.append(line("jvm_threads_current{job=\"svc\",instance=\"quiet-1\"}", m -> 40));
        // restarts every 15 minutes
        micrometer(series, "loop-1", m -> 300 * MB, m -> 1000 + 60 * 15 * Math.floor(m / 15));

        String test = "rule_files: [rules.yml]\n"
                + "evaluation_interval: 1m\n"
                + "tests:\n"
                + "  - interval: 1m\n"
                + "    input_series:\n" + series
                + "    promql_expr_test:\n"
                // no leak alert on any healthy instance at any minute of the day
                + expr("count_over_time(ALERTS{alertname=\"LeakhoundMemoryLeak\",alertstate=\"firing\","
                        + "instance=~\"cycle-1|warmup-1|spikes-1|sawtooth-1|loop-1\"}[1d])", "1d", "")
                // nor a restart loop
                + expr("count_over_time(ALERTS{alertname=\"LeakhoundRestartLoop\",alertstate=\"firing\","
                        + "instance=~\"cycle-1|warmup-1|spikes-1|sawtooth-1|oom-1\"}[1d])", "1d", "")
                // the leak fires before its first restart, at 5 h 22 min; so does the quiet one's, from heap in use
                + expr("ALERTS{alertname=\"LeakhoundMemoryLeak\",alertstate=\"firing\"}", "4h",
                        sample("{__name__=\"ALERTS\",alertname=\"LeakhoundMemoryLeak\",alertstate=\"firing\","
                                + "instance=\"oom-1\",job=\"svc\",severity=\"warning\"}", 1)
                        + sample("{__name__=\"ALERTS\",alertname=\"LeakhoundMemoryLeak\",alertstate=\"firing\","
                                + "instance=\"quiet-1\",job=\"svc\",severity=\"warning\"}", 1))
                + expr("ALERTS{alertname=\"LeakhoundRestartLoop\",alertstate=\"firing\"}", "3h",
                        sample("{__name__=\"ALERTS\",alertname=\"LeakhoundRestartLoop\",alertstate=\"firing\","
                                + "instance=\"loop-1\",job=\"svc\",severity=\"critical\"}", 1))
                // the daily cycle's peak (6 h) is a pressure warning, at 73 % of the limit
                + expr("ALERTS{alertname=\"LeakhoundMemoryPressure\",alertstate=\"firing\",instance=\"cycle-1\"}",
                        "6h", sample("{__name__=\"ALERTS\",alertname=\"LeakhoundMemoryPressure\","
                                + "alertstate=\"firing\",instance=\"cycle-1\",job=\"svc\",level=\"warning\","
                                + "severity=\"warning\"}", 1));
        Files.writeString(dir.resolve("test.yml"), test);
        assertThat(promtool(dir, "test", "rules", "test.yml")).contains("SUCCESS");
    }

    private static void micrometer(StringBuilder out, String instance, DoubleUnaryOperator liveData,
                                   DoubleUnaryOperator startTime) {
        String l = "job=\"svc\",instance=\"" + instance + "\"";
        out.append(line("jvm_gc_live_data_size_bytes{" + l + "}", liveData));
        out.append(line("jvm_gc_max_data_size_bytes{" + l + "}", m -> 1024 * MB));
        out.append(line("jvm_threads_live_threads{" + l + "}", m -> 40));
        out.append(line("process_start_time_seconds{" + l + "}", startTime));
    }

    private static String line(String series, DoubleUnaryOperator perMinute) {
        StringBuilder values = new StringBuilder();
        for (int m = 0; m < MINUTES; m++) {
            values.append(m == 0 ? "" : " ").append(Math.round(perMinute.applyAsDouble(m)));
        }
        return "      - series: '" + series + "'\n        values: '" + values + "'\n";
    }

    private static String expr(String expr, String at, String samples) {
        return "      - expr: '" + expr + "'\n        eval_time: " + at + "\n        exp_samples:"
                + (samples.isEmpty() ? " []\n" : "\n" + samples);
    }

    private static String sample(String labels, double value) {
        return "          - labels: '" + labels + "'\n            value: " + value + "\n";
    }

    private static DoubleUnaryOperator noisy(long seed, DoubleUnaryOperator level, double share) {
        Random r = new Random(seed);
        return m -> level.applyAsDouble(m) * (1 + share * r.nextGaussian());
    }

    private static String promtool(Path dir, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "promtool";
        System.arraycopy(args, 0, command, 1, args.length);
        Path log = dir.resolve("promtool.out");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}

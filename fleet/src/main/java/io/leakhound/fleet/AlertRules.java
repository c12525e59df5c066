package io.leakhound.fleet;

import io.leakhound.series.verdict.AlertLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Prometheus rule file of {@code leakhound rules}: recording rules that give every instance, in whichever
 * convention {@code fleet} reads, one post-GC heap baseline, its limit and its restarts, and three alerts on
 * them, so that a fleet is watched between runs of {@code fleet}. The metric names come from
 * {@link MetricConvention}, the one place that knows them; the pressure levels from {@link AlertLevel}, the
 * thresholds the engine and the watch use.
 */
public final class AlertRules {

    /** Recorded: every instance's heap after GC (or the rolling minimum of heap in use), in bytes. */
    public static final String BASELINE = "leakhound:heap_baseline_bytes";
    /** Recorded: the limit of that heap, in bytes, for instances that export one. */
    public static final String LIMIT = "leakhound:heap_limit_bytes";
    /** Recorded: baseline over limit, 0..1. */
    public static final String RATIO = "leakhound:heap_used_ratio";
    /** Recorded: restarts in the last hour. */
    public static final String RESTARTS = "leakhound:restarts_1h";

    /** How far ahead the leak alert projects the baseline. */
    static final Duration HORIZON = Duration.ofHours(4);
    /** The window the baseline's trend is fitted over, and the recent window it must keep its pace in. */
    static final Duration TREND_WINDOW = Duration.ofHours(6);
    static final Duration RECENT_WINDOW = Duration.ofMinutes(20);
    /** The rolling minimum that stands for heap after GC where no post-GC series exists. */
    static final Duration MINIMUM_WINDOW = Duration.ofMinutes(15);
    /** Restarts within an hour that make a loop. */
    static final int LOOP_RESTARTS = 3;

    /**
     * @param jobRegex only jobs matching this (a PromQL regex); null for every job
     * @param leakFor  how long the leak condition must hold before the alert fires
     */
    public record Settings(String jobRegex, Duration leakFor) {
    }

    private AlertRules() {
    }

    public static String render(Settings settings) {
        List<String> m = settings.jobRegex() == null ? List.of()
                : List.of("job=~\"" + settings.jobRegex().replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        StringBuilder y = new StringBuilder();
        y.append("groups:\n");
        y.append("  - name: leakhound-recording\n");
        y.append("    rules:\n");
        record(y, BASELINE, baseline(m), "every instance's heap after GC; the rolling minimum of heap in use where"
                + " no post-GC series exists");
        record(y, LIMIT, limit(m), "the limit of the same heap, paired with the series the baseline came from");
        record(y, RATIO, BASELINE + "\n/ on (job, instance)\n" + LIMIT, "the baseline as a share of its limit");
        record(y, RESTARTS, restarts(m), "restarts in the last hour: changes of the start time, else resets of a"
                + " counter of the process");
        y.append("  - name: leakhound-alerts\n");
        y.append("    rules:\n");
        alert(y, "LeakhoundMemoryLeak", leak(), settings.leakFor(), "warning", List.of(),
                "heap of {{ $labels.job }}/{{ $labels.instance }} keeps growing toward its limit",
                "Its heap after GC, projected " + HORIZON.toHours() + " h ahead at its " + TREND_WINDOW.toHours()
                        + "-hour trend, passes its limit, and it still grows at half that pace or more over the"
                        + " last " + RECENT_WINDOW.toMinutes() + " minutes, and at half the pace of the "
                        + RECENT_WINDOW.toMinutes() + " minutes before. Run `leakhound fleet --selector"
                        + " '{instance=\"{{ $labels.instance }}\"}'` for the verdict on each resource, and"
                        + " `leakhound diff` on two heap dumps for the holder.");
        AlertLevel[] levels = {AlertLevel.WARNING, AlertLevel.ESCALATE, AlertLevel.CRITICAL};
        for (int i = 0; i < levels.length; i++) {
            double from = levels[i].threshold();
            String expr = RATIO + " >= " + from + (i + 1 < levels.length ? " < " + levels[i + 1].threshold() : "");
            String level = levels[i].name().toLowerCase(Locale.ROOT);
            alert(y, "LeakhoundMemoryPressure", expr, Duration.ofMinutes(10),
                    levels[i] == AlertLevel.CRITICAL ? "critical" : "warning",
                    List.of("level", level),
                    "heap of {{ $labels.job }}/{{ $labels.instance }} after GC is at "
                            + Math.round(100 * from) + " % of its limit or more",
                    "Memory that survives collection is at {{ $value | humanizePercentage }} of the limit"
                            + " (levels: warning " + pct(AlertLevel.WARNING) + ", escalate " + pct(AlertLevel.ESCALATE)
                            + ", critical " + pct(AlertLevel.CRITICAL) + ").");
        }
        alert(y, "LeakhoundRestartLoop", RESTARTS + " >= " + LOOP_RESTARTS, Duration.ofMinutes(5), "critical",
                List.of(), "{{ $labels.job }}/{{ $labels.instance }} restarted {{ $value }} times in an hour",
                "A process that restarts this often is often one that runs out of memory: `leakhound fleet` judges"
                        + " each lifetime on its own and says at what share of its heap it restarted.");
        return y.toString();
    }

    private static String pct(AlertLevel level) {
        return Math.round(100 * level.threshold()) + " %";
    }

    /**
     * Fires when the baseline is projected past its limit within the horizon and is not slowing down: the
     * last minutes must keep at least half the pace of the whole trend and of the minutes before them (a warm-up
     * or a cache that fills slows, a leak does not; the second test also holds while the trend has only the
     * warm-up to fit, in a new process's first hours), and the trend must rise (the downward half of a daily
     * cycle does not).
     */
    private static String leak() {
        String trend = "[" + TREND_WINDOW.toHours() + "h]";
        String recent = "[" + RECENT_WINDOW.toMinutes() + "m]";
        return "predict_linear(" + BASELINE + trend + ", " + HORIZON.toSeconds() + ")\n"
                + "  > on (job, instance) " + LIMIT + "\n"
                + "and on (job, instance)\n"
                + "deriv(" + BASELINE + recent + ") > 0.5 * deriv(" + BASELINE + trend + ")\n"
                + "and on (job, instance)\n"
                + "deriv(" + BASELINE + recent + ") > 0.5 * deriv(" + BASELINE + recent + " offset "
                + RECENT_WINDOW.toMinutes() + "m)\n"
                + "and on (job, instance)\n"
                + "deriv(" + BASELINE + trend + ") > 0";
    }

    private static List<ResourceMetric.Alternative> heapAlternatives() {
        List<ResourceMetric.Alternative> postGc = new ArrayList<>();
        List<ResourceMetric.Alternative> inUse = new ArrayList<>();
        for (MetricConvention c : MetricConvention.values()) {
            for (ResourceMetric r : c.resources()) {
                if (r.resource().equals("heap")) {
                    for (ResourceMetric.Alternative a : r.alternatives()) {
                        (a.afterGc() ? postGc : inUse).add(a);
                    }
                }
            }
        }
        // an instance with a post-GC series is judged on it, whatever else it exports
        postGc.addAll(inUse);
        return postGc;
    }

    private static String value(ResourceMetric.Alternative a, List<String> m) {
        if (a.afterGc()) {
            // only where it moved in the trend's window: a pool's usage after its last collection stays put until
            // a collection of that pool (G1's old generation: mixed or full), and then heap in use must stand in
            return "(" + a.value().perInstance(m) + " and on (job, instance) (sum by (job, instance) (changes("
                    + a.value().selector(m) + "[" + TREND_WINDOW.toHours() + "h])) > 0))";
        }
        return "sum by (job, instance) (min_over_time(" + a.value().selector(m) + "[" + MINIMUM_WINDOW.toMinutes()
                + "m]))";
    }

    private static String baseline(List<String> m) {
        // two conventions may share a series (Micrometer's and client_java's heap in use): once is enough
        Set<String> parts = new LinkedHashSet<>();
        for (ResourceMetric.Alternative a : heapAlternatives()) {
            parts.add(value(a, m));
        }
        return String.join("\nor\n", parts);
    }

    /** Each alternative's limit only where its own value exists: a limit of another series would not match. */
    private static String limit(List<String> m) {
        Set<String> parts = new LinkedHashSet<>();
        for (ResourceMetric.Alternative a : heapAlternatives()) {
            for (MetricSelector l : a.limits()) {
                parts.add("(" + l.perInstance(m) + " and on (job, instance) " + value(a, m) + ")");
            }
        }
        return String.join("\nor\n", parts);
    }

    private static String restarts(List<String> m) {
        List<String> parts = new ArrayList<>();
        parts.add("max by (job, instance) (changes(" + MetricSelector.of(MetricConvention.START_TIME_METRIC)
                .selector(m) + "[1h]))");
        List<String> seen = new ArrayList<>();
        for (MetricConvention c : MetricConvention.values()) {
            MetricSelector counter = c.restartCounter();
            if (counter != null && !seen.contains(counter.name())) {
                seen.add(counter.name());
                parts.add("max by (job, instance) (resets(" + counter.selector(m) + "[1h]))");
            }
        }
        return String.join("\nor\n", parts);
    }

    private static void record(StringBuilder y, String name, String expr, String comment) {
        y.append("      # ").append(comment).append('\n');
        y.append("      - record: ").append(name).append('\n');
        block(y, "expr", expr);
    }

    private static void alert(StringBuilder y, String name, String expr, Duration forDuration, String severity,
                              List<String> labels, String summary, String description) {
        y.append("      - alert: ").append(name).append('\n');
        block(y, "expr", expr);
        y.append("        for: ").append(promDuration(forDuration)).append('\n');
        y.append("        labels:\n");
        y.append("          severity: ").append(severity).append('\n');
        for (int i = 0; i + 1 < labels.size(); i += 2) {
            y.append("          ").append(labels.get(i)).append(": ").append(labels.get(i + 1)).append('\n');
        }
        y.append("        annotations:\n");
        y.append("          summary: ").append(quoted(summary)).append('\n');
        y.append("          description: ").append(quoted(description)).append('\n');
    }

    /** A YAML literal block: PromQL's quotes and braces need no escaping there. */
    private static void block(StringBuilder y, String key, String text) {
        y.append("        ").append(key).append(": |\n");
        for (String line : text.split("\n")) {
            y.append("          ").append(line).append('\n');
        }
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A Prometheus duration: {@code 30m}, {@code 1h}, {@code 90s}. */
    static String promDuration(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0 && s > 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}

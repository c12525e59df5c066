package io.leakhound.fleet;

import io.leakhound.series.Human;
import io.leakhound.series.Unit;
import io.leakhound.series.history.Annotation;
import io.leakhound.series.history.Markers;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.LeakAnalyzer;
import io.leakhound.series.verdict.PointQuality;
import io.leakhound.series.verdict.UsageSeries;
import io.leakhound.series.verdict.Verdict;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A resource judged per lifetime of its process. A leak that restarts the process before it gets far draws a
 * saw-tooth of restarts, which over the whole window is no trend at all; each lifetime on its own rises.
 * So every lifetime goes through the engine, and the resource leaks when its latest judged lifetime does, or
 * when at least half of the lifetimes that could be judged did.
 */
final class Lifetimes {

    private Lifetimes() {
    }

    /**
     * The restart times in a {@code process_start_time_seconds} series: each change of the start time (by more
     * than the second it is rounded to), at the new process's start, kept between the two points it lies between.
     */
    static long[] restarts(long[] millis, double[] startSeconds) {
        long[] out = new long[millis.length];
        int n = 0;
        for (int i = 1; i < millis.length; i++) {
            if (startSeconds[i] - startSeconds[i - 1] > 1) {
                long started = Math.round(startSeconds[i] * 1000);
                out[n++] = Math.max(millis[i - 1] + 1, Math.min(millis[i], started));
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * The restart times a counter's resets tell, for instances without a start time: each fall to under half
     * the value before (a counter only falls when its process starts again; a series of the sum that stops
     * being reported takes a small part with it, not half), halfway between the two points.
     */
    static long[] counterResets(long[] millis, double[] counts) {
        long[] out = new long[millis.length];
        int n = 0;
        for (int i = 1; i < millis.length; i++) {
            if (counts[i] < 0.5 * counts[i - 1]) {
                out[n++] = millis[i - 1] + (millis[i] - millis[i - 1] + 1) / 2;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * @param limit the resource's limit in its unit, or -1 when unknown
     * @param restarts the restart times, ascending
     * @param deploys  the deploy marks of the instance, for the finding to name the one its growth followed
     */
    static FleetFinding judge(String source, ResourceMetric resource, String metric, long[] millis, double[] values,
                              long limit, long[] restarts, List<Annotation> deploys) {
        List<Finding> judged = new ArrayList<>();
        List<Double> endShares = new ArrayList<>();
        Finding last = null;
        int from = 0;
        int lifetimes = 0;
        for (int r = 0; r <= restarts.length; r++) {
            long until = r < restarts.length ? restarts[r] : Long.MAX_VALUE;
            int to = from;
            while (to < millis.length && millis[to] < until) {
                to++;
            }
            if (to > from) {
                lifetimes++;
                // a growth that began within minutes of a deploy names it, as after `annotate`
                Finding f = Markers.withMarker(judgeSpan(source, resource, millis, values, from, to, limit),
                        Instant.ofEpochMilli(millis[from]), deploys);
                last = f;
                if (f.judged()) {
                    judged.add(f);
                }
                if (r < restarts.length && limit > 0) {
                    endShares.add(values[to - 1] / limit);
                }
            }
            from = to;
        }
        if (last == null) {
            last = judgeSpan(source, resource, millis, values, 0, 0, limit);
        }
        Finding chosen = judged.isEmpty() ? last : judged.get(judged.size() - 1);
        long leaking = judged.stream().filter(f -> f.verdict() == Verdict.LEAK).count();
        if (chosen.verdict() != Verdict.LEAK && judged.size() >= 2 && 2 * leaking >= judged.size()) {
            // most lifetimes leaked and the last judged one did not get far enough to show it: the leak stands
            for (int i = judged.size() - 1; i >= 0; i--) {
                if (judged.get(i).verdict() == Verdict.LEAK) {
                    chosen = judged.get(i);
                    break;
                }
            }
        }
        return new FleetFinding(chosen, metric, Math.max(1, lifetimes),
                summary(chosen, resource, restarts.length, endShares));
    }

    private static Finding judgeSpan(String source, ResourceMetric resource, long[] millis, double[] values, int from,
                                     int to, long limit) {
        UsageSeries.Builder b = UsageSeries.builder(resource.resource()).unit(resource.unit()).limitBytes(limit);
        for (int i = from; i < to; i++) {
            b.add(millis[i], Math.round(values[i]), PointQuality.RAW);
        }
        return LeakAnalyzer.analyze(source, List.of(b.build())).findings().get(0);
    }

    private static String summary(Finding f, ResourceMetric resource, int restarts, List<Double> endShares) {
        if (restarts == 0) {
            return f.summary();
        }
        StringBuilder s = new StringBuilder(f.summary());
        s.append(restarts == 1 ? "; restarted once" : "; restarted " + restarts + " times");
        if (!endShares.isEmpty()) {
            double[] shares = endShares.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = shares[shares.length / 2];
            String of = " of its " + (resource.unit() == Unit.COUNT ? "limit" : resource.resource());
            if (shares[shares.length - 1] - shares[0] <= 0.10) {
                s.append(restarts == 1 ? ", at " : ", each time at ~").append(Math.round(100 * median)).append(" %")
                        .append(of);
            } else {
                s.append(", at ").append(Math.round(100 * shares[0])).append("–")
                        .append(Math.round(100 * shares[shares.length - 1])).append(" %").append(of);
            }
        }
        if (!f.judged()) {
            s.append(" (no lifetime long enough to judge: ").append(Human.duration(
                    java.time.Duration.ofSeconds(LeakAnalyzer.SHORTEST_JUDGED_SPAN_SECONDS))).append(" needed)");
        }
        return s.toString();
    }
}

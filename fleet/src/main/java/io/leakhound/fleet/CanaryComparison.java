package io.leakhound.fleet;

import io.leakhound.series.Human;
import io.leakhound.series.Unit;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.MannWhitney;
import io.leakhound.series.verdict.Verdict;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a canary's instances with its baseline's, resource by resource, on what the verdict engine found in
 * each: the growth rate of its post-GC baseline and whether it leaks. A canary is WORSE when at least half of
 * its instances leak while fewer than half of the baseline's do, its median growth stands above the baseline's
 * by more than three robust spreads of the baseline (the median absolute deviation, which one noisy baseline
 * instance barely moves), and, where the groups are large enough for it to say so, the rank test across
 * instances agrees (p at most {@value #ALPHA}). BETTER is the same the other way round.
 */
public final class CanaryComparison {

    static final double ALPHA = 0.05;
    /** Baseline instances needed to know its spread. */
    static final int MIN_BASELINE = 2;

    private CanaryComparison() {
    }

    /**
     * Reads both groups over the same window and compares them. Without a {@code start}, the window begins at
     * the canary's first sample within {@code lookback} before the end: a canary is compared over its own life.
     *
     * @throws PrometheusException when no instance matches the canary's selectors
     */
    public static CanaryResult read(PrometheusApi api, List<List<String>> canarySelectors,
                                    List<List<String>> baselineSelectors, Instant start, Instant end,
                                    Duration lookback, Duration step, String deploysQuery,
                                    FleetReader.Progress progress) throws IOException {
        Instant from = start != null ? start : end.minus(lookback);
        FleetResult canary = FleetReader.read(api, query(canarySelectors, from, end, step, deploysQuery), progress);
        if (canary.instances().isEmpty()) {
            throw new PrometheusException("no instance in " + api.address() + " matches the canary's selector "
                    + canarySelectors + " between " + from + " and " + end);
        }
        if (start == null) {
            Instant first = canary.instances().stream().map(FleetInstance::firstSample).filter(java.util.Objects::nonNull)
                    .min(Instant::compareTo)
                    .orElse(from);
            if (first.isAfter(from) && first.isBefore(end)) {
                from = first;
                canary = FleetReader.read(api, query(canarySelectors, from, end, step, deploysQuery), progress);
            }
        }
        FleetResult baseline = FleetReader.read(api, query(baselineSelectors, from, end, step, deploysQuery), progress);
        return compare(canary, baseline);
    }

    private static FleetReader.Query query(List<List<String>> selectors, Instant from, Instant to, Duration step,
                                           String deploysQuery) {
        return new FleetReader.Query(selectors, from, to, step != null ? step : FleetReader.Query.defaultStep(from, to),
                deploysQuery);
    }

    public static CanaryResult compare(FleetResult canary, FleetResult baseline) {
        Map<String, List<Finding>> c = byResource(canary);
        Map<String, List<Finding>> b = byResource(baseline);
        List<CanaryFinding> out = new ArrayList<>();
        for (Map.Entry<String, List<Finding>> e : c.entrySet()) {
            out.add(compare(e.getKey(), e.getValue(), b.getOrDefault(e.getKey(), List.of()), canary.instances().size()));
        }
        return new CanaryResult(canary, baseline, out);
    }

    private static Map<String, List<Finding>> byResource(FleetResult fleet) {
        Map<String, List<Finding>> out = new LinkedHashMap<>();
        for (FleetInstance i : fleet.instances()) {
            for (FleetFinding f : i.findings()) {
                out.computeIfAbsent(f.finding().resource(), r -> new ArrayList<>()).add(f.finding());
            }
        }
        return out;
    }

    static CanaryFinding compare(String resource, List<Finding> canary, List<Finding> baseline, int canaryCount) {
        Unit unit = canary.get(0).unit();
        double[] c = rates(canary);
        double[] b = rates(baseline);
        if (c.length == 0) {
            return inconclusive(resource, unit, c, b, String.format("%s: none of the %d canary instances could be"
                    + " judged yet (each needs at least %d s of data)", resource, canaryCount,
                    io.leakhound.series.verdict.LeakAnalyzer.SHORTEST_JUDGED_SPAN_SECONDS));
        }
        if (b.length < MIN_BASELINE) {
            return inconclusive(resource, unit, c, b, String.format("%s: %d baseline instance%s judged; comparing"
                    + " needs at least %d", resource, b.length, b.length == 1 ? "" : "s", MIN_BASELINE));
        }
        double mc = median(c);
        double mb = median(b);
        double spread = 1.4826 * mad(b, mb);
        long canaryLeaks = canary.stream().filter(f -> f.verdict() == Verdict.LEAK).count();
        long baselineLeaks = baseline.stream().filter(f -> f.verdict() == Verdict.LEAK).count();
        boolean testCanSay = MannWhitney.smallestP(c.length, b.length) <= ALPHA;
        double pWorse = MannWhitney.pGreater(c, b);
        double pBetter = MannWhitney.pGreater(b, c);
        CanaryVerdict verdict = CanaryVerdict.SAME;
        double p = pWorse;
        if (2 * canaryLeaks >= c.length && 2 * baselineLeaks < b.length && mc > mb + 3 * spread
                && (!testCanSay || pWorse <= ALPHA)) {
            verdict = CanaryVerdict.WORSE;
        } else if (2 * baselineLeaks >= b.length && 2 * canaryLeaks < c.length && mc < mb - 3 * spread
                && (!testCanSay || pBetter <= ALPHA)) {
            verdict = CanaryVerdict.BETTER;
            p = pBetter;
        }
        String summary = String.format("%s: canary %s (median of %d, %d leaking), baseline %s (median of %d,"
                        + " %d leaking): %s (p = %.3f%s)", resource, Human.ratePerHour(mc, unit), c.length, canaryLeaks,
                Human.ratePerHour(mb, unit), b.length, baselineLeaks, words(verdict), p,
                testCanSay ? "" : "; too few instances for the rank test alone to be significant");
        return new CanaryFinding(resource, unit, verdict, mc, mb, p, c.length, b.length, summary);
    }

    private static String words(CanaryVerdict v) {
        return switch (v) {
            case WORSE -> "worse, the canary leaks";
            case BETTER -> "better, the baseline leaks and the canary does not";
            case SAME -> "the same";
            case INCONCLUSIVE -> "inconclusive";
        };
    }

    private static CanaryFinding inconclusive(String resource, Unit unit, double[] c, double[] b, String why) {
        return new CanaryFinding(resource, unit, CanaryVerdict.INCONCLUSIVE, c.length == 0 ? null : median(c),
                b.length == 0 ? null : median(b), null, c.length, b.length, why);
    }

    private static double[] rates(List<Finding> findings) {
        return findings.stream().filter(Finding::judged).map(Finding::knownGrowthBytesPerHour)
                .filter(java.util.OptionalDouble::isPresent).mapToDouble(java.util.OptionalDouble::getAsDouble)
                .toArray();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double mad(double[] v, double median) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = Math.abs(v[i] - median);
        }
        return median(d);
    }
}

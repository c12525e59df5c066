package io.leakhound.fleet;

import io.leakhound.series.Unit;
import io.leakhound.series.history.Annotation;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.Verdict;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a fleet from Prometheus and judges every instance: finds the instances ({@code job} + {@code instance})
 * that export a convention leakhound reads, then, per convention and resource, one range query summed per
 * instance for all of them at once (never a query per instance or per point), and judges each resource of each
 * instance with the verdict engine, lifetime by lifetime.
 */
public final class FleetReader {

    /** The labels of a series of deploys that say where it applies, not which deploy it is. */
    private static final Set<String> NOT_A_DEPLOY_NAME = Set.of("__name__", "job", "instance");

    /** The labels whose new values are deploys. */
    static final List<String> VERSION_LABELS = List.of("version", "app_version", "service_version");

    /** Prometheus' own default scrape interval: a finer step only repeats samples. */
    static final Duration MIN_STEP = Duration.ofSeconds(15);
    /** Points per series the default step aims at: enough for the engine, bounded memory for a large fleet. */
    static final int TARGET_POINTS = 2_000;

    /** Told after each query to Prometheus; the total grows as the queries a fleet needs become known. */
    @FunctionalInterface
    public interface Progress {
        void queried(int done, int total);
    }

    /**
     * @param selectors    label-matcher lists, each one PromQL selector's matchers (e.g. {@code job="orders"}); an
     *                     instance matching any of them is read; an empty list reads every instance
     * @param deploysQuery PromQL whose series mark deploys (see {@link FleetReader#readDeploySeries}), or null
     */
    public record Query(List<List<String>> selectors, Instant start, Instant end, Duration step, String deploysQuery) {

        /** A query with no series of deploys (they still come from version labels). */
        public Query(List<List<String>> selectors, Instant start, Instant end, Duration step) {
            this(selectors, start, end, step, null);
        }

        public Query {
            selectors = selectors.isEmpty() ? List.of(List.of()) : selectors.stream().map(List::copyOf).toList();
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("the window's end " + end + " is not after its start " + start);
            }
            long points = Duration.between(start, end).toMillis() / Math.max(1, step.toMillis()) + 1;
            if (points > PrometheusApi.MAX_POINTS_PER_SERIES) {
                throw new IllegalArgumentException("a step of " + step.toSeconds() + " s gives " + points
                        + " points per series over this window; Prometheus allows "
                        + PrometheusApi.MAX_POINTS_PER_SERIES + ": choose a step of at least "
                        + defaultStepAtLeast(start, end, PrometheusApi.MAX_POINTS_PER_SERIES).toSeconds() + " s");
            }
        }

        /** The step when none is given: about {@link FleetReader#TARGET_POINTS} points, never under 15 s. */
        public static Duration defaultStep(Instant start, Instant end) {
            return defaultStepAtLeast(start, end, TARGET_POINTS);
        }

        private static Duration defaultStepAtLeast(Instant start, Instant end, int points) {
            long millis = Duration.between(start, end).toMillis();
            long seconds = Math.max(MIN_STEP.toSeconds(), (millis / 1000 + points - 2) / (points - 1));
            return Duration.ofSeconds(seconds);
        }
    }

    /**
     * A selector as a user writes it, {@code {job="orders",env=~"prod.*"}} or without the braces, as its
     * matchers. A metric name in front is refused: the selector picks instances, the metrics are leakhound's.
     */
    public static List<String> matchers(String selector) {
        String s = selector.strip();
        if (s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, s.length() - 1).strip();
        } else if (s.contains("{")) {
            throw new IllegalArgumentException("selector '" + selector + "' names a metric: give label matchers"
                    + " only, e.g. {job=\"orders\"}");
        }
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted && i + 1 < s.length()) {
                cur.append(c).append(s.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                add(out, cur, selector);
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("selector '" + selector + "': a quoted value is not closed");
        }
        add(out, cur, selector);
        return out;
    }

    private static void add(List<String> out, StringBuilder matcher, String selector) {
        String m = matcher.toString().strip();
        if (m.isEmpty()) {
            return;
        }
        if (!m.matches("[a-zA-Z_][a-zA-Z0-9_]*\\s*(=~|!~|!=|=)\\s*\".*\"")) {
            throw new IllegalArgumentException("selector '" + selector + "': '" + m + "' is not a label matcher"
                    + " such as job=\"orders\" or env=~\"prod.*\"");
        }
        out.add(m);
    }

    private final PrometheusApi api;
    private final Query query;
    private final Progress progress;
    private int done;
    private int total;

    private FleetReader(PrometheusApi api, Query query, Progress progress) {
        this.api = api;
        this.query = query;
        this.progress = progress;
    }

    public static FleetResult read(PrometheusApi api, Query query, Progress progress) throws IOException {
        return new FleetReader(api, query, progress).read();
    }

    /** The instances of one selector and what was read of them. */
    private static final class Discovered {
        final Set<String> names = new LinkedHashSet<>();
        Map<String, String> labels;
        MetricConvention convention;
        final Map<String, Series> resources = new LinkedHashMap<>();
        final Map<String, String> metricOf = new HashMap<>();
        final Map<String, Long> limitOf = new HashMap<>();
        long[] restarts = new long[0];
        final Set<String> versionLabels = new LinkedHashSet<>();
        List<Annotation> deploys = List.of();
    }

    private record Series(long[] millis, double[] values) {
    }

    private FleetResult read() throws IOException {
        Map<InstanceKey, Discovered> all = new TreeMap<>();
        for (List<String> matchers : query.selectors()) {
            Map<InstanceKey, Discovered> found = discover(matchers);
            found.keySet().removeAll(all.keySet());
            total += plannedQueries(found.values());
            readSeries(matchers, found);
            all.putAll(found);
        }
        if (query.deploysQuery() != null && !all.isEmpty()) {
            readDeploySeries(all);
        }
        List<FleetInstance> instances = new ArrayList<>();
        for (Map.Entry<InstanceKey, Discovered> e : all.entrySet()) {
            instances.add(judge(e.getKey(), e.getValue()));
        }
        instances.sort(URGENCY);
        return new FleetResult(api.address(), query.start(), query.end(), query.step(), instances);
    }

    private Map<InstanceKey, Discovered> discover(List<String> matchers) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (MetricConvention c : MetricConvention.values()) {
            names.addAll(c.markers());
        }
        List<String> m = new ArrayList<>();
        m.add(nameIn(names));
        m.addAll(matchers);
        List<Map<String, String>> series = api.series(List.of(PrometheusApi.selector("", m)), query.start(),
                query.end());
        tick();
        Map<InstanceKey, Discovered> out = new TreeMap<>();
        for (Map<String, String> labels : series) {
            Discovered d = out.computeIfAbsent(InstanceKey.of(labels), k -> new Discovered());
            d.names.add(labels.get("__name__"));
            for (String v : VERSION_LABELS) {
                if (labels.containsKey(v)) {
                    d.versionLabels.add(v);
                }
            }
            Map<String, String> target = new LinkedHashMap<>(labels);
            target.remove("__name__");
            if (d.labels == null) {
                d.labels = target;
            } else {
                // the labels every series of the instance carries are its target's
                d.labels.entrySet().removeIf(en -> !en.getValue().equals(target.get(en.getKey())));
            }
        }
        out.values().removeIf(d -> (d.convention = MetricConvention.spokenBy(d.names)) == null);
        return out;
    }

    /** The matcher of series named any of {@code names} (metric names need no regex escaping). */
    private static String nameIn(Set<String> names) {
        return "__name__=~\"" + String.join("|", names) + "\"";
    }

    private static int plannedQueries(Iterable<Discovered> found) {
        Set<MetricConvention> conventions = new LinkedHashSet<>();
        for (Discovered d : found) {
            conventions.add(d.convention);
        }
        int n = 2; // RSS and the start time
        for (MetricConvention c : conventions) {
            n += c.resources().size();
        }
        return n;
    }

    private void readSeries(List<String> matchers, Map<InstanceKey, Discovered> found) throws IOException {
        if (found.isEmpty()) {
            return;
        }
        Map<MetricConvention, Map<InstanceKey, Discovered>> byConvention = new LinkedHashMap<>();
        found.forEach((k, d) -> byConvention.computeIfAbsent(d.convention, c -> new TreeMap<>()).put(k, d));
        for (Map.Entry<MetricConvention, Map<InstanceKey, Discovered>> e : byConvention.entrySet()) {
            for (ResourceMetric r : e.getKey().resources()) {
                readResource(matchers, r, e.getValue());
            }
        }
        readResource(matchers, MetricConvention.RSS, found);
        Map<InstanceKey, Series> starts = new HashMap<>();
        rangeQuery(MetricSelector.of(MetricConvention.START_TIME_METRIC).perInstance("max", matchers),
                found, starts::put);
        starts.forEach((k, s) -> found.get(k).restarts = Lifetimes.restarts(s.millis(), s.values()));
        // without a start time, the resets of a counter of the process tell its restarts
        Map<MetricSelector, Map<InstanceKey, Discovered>> byCounter = new LinkedHashMap<>();
        found.forEach((k, d) -> {
            if (!starts.containsKey(k) && d.convention.restartCounter() != null) {
                byCounter.computeIfAbsent(d.convention.restartCounter(), c -> new TreeMap<>()).put(k, d);
            }
        });
        for (Map.Entry<MetricSelector, Map<InstanceKey, Discovered>> e : byCounter.entrySet()) {
            total++;
            rangeQuery(e.getKey().perInstance(matchers), e.getValue(),
                    (k, s) -> e.getValue().get(k).restarts = Lifetimes.counterResets(s.millis(), s.values()));
        }
        readDeploys(matchers, found);
    }

    /**
     * The deploys a series of their own tells ({@code --deploys}, e.g. {@code deploy_timestamp_seconds} or
     * {@code kube_deployment_metadata_generation}): each series that first appears after the window's first step,
     * and each change of its value, is a deploy, named by its labels other than {@code job} and {@code instance}
     * ("deploy version=v3"). It applies to its instance where it has an {@code instance} label, else to every
     * instance of its {@code job}, else to all.
     */
    private void readDeploySeries(Map<InstanceKey, Discovered> all) throws IOException {
        long since = query.start().toEpochMilli() + query.step().toMillis();
        total++;
        api.queryRange(query.deploysQuery(), query.start(), query.end(), query.step(), (l, millis, values) -> {
            List<Long> at = new ArrayList<>();
            if (millis.length > 0 && millis[0] > since) {
                at.add(millis[0]);
            }
            for (int i = 1; i < millis.length; i++) {
                if (values[i] != values[i - 1]) {
                    at.add(millis[i]);
                }
            }
            if (at.isEmpty()) {
                return;
            }
            String name = l.entrySet().stream()
                    .filter(e -> !NOT_A_DEPLOY_NAME.contains(e.getKey()))
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(","));
            String text = "deploy" + (name.isEmpty() ? "" : " " + name);
            all.forEach((k, d) -> {
                boolean applies = l.containsKey("instance") ? l.get("instance").equals(k.instance())
                        && (!l.containsKey("job") || l.get("job").equals(k.job()))
                        : !l.containsKey("job") || l.get("job").equals(k.job());
                if (applies) {
                    List<Annotation> marks = new ArrayList<>(d.deploys);
                    at.forEach(t -> marks.add(new Annotation(Instant.ofEpochMilli(t), text)));
                    marks.sort(Comparator.comparing(Annotation::at));
                    d.deploys = List.copyOf(marks);
                }
            });
        });
        tick();
    }

    /**
     * The deploys a version label tells: where an instance's series carry {@code version} (or
     * {@code app_version}, {@code service_version}), each value that first appears after the window's first
     * step is a deploy at that time, named "version v2". One query per label for every instance.
     */
    private void readDeploys(List<String> matchers, Map<InstanceKey, Discovered> found) throws IOException {
        Set<String> labels = new LinkedHashSet<>();
        found.values().forEach(d -> labels.addAll(d.versionLabels));
        Set<String> names = new LinkedHashSet<>();
        found.values().forEach(d -> names.addAll(d.convention.markers()));
        long since = query.start().toEpochMilli() + query.step().toMillis();
        for (String label : labels) {
            List<String> m = new ArrayList<>();
            m.add(nameIn(names));
            m.add(label + "!=\"\"");
            m.addAll(matchers);
            Map<InstanceKey, List<Annotation>> marks = new HashMap<>();
            total++;
            api.queryRange("count by (job, instance, " + label + ") (" + PrometheusApi.selector("", m) + ")",
                    query.start(), query.end(), query.step(), (l, millis, values) -> {
                        InstanceKey k = InstanceKey.of(l);
                        if (found.containsKey(k) && millis.length > 0 && millis[0] > since) {
                            marks.computeIfAbsent(k, x -> new ArrayList<>()).add(
                                    new Annotation(Instant.ofEpochMilli(millis[0]), label + " " + l.get(label)));
                        }
                    });
            tick();
            marks.forEach((k, list) -> {
                List<Annotation> all = new ArrayList<>(found.get(k).deploys);
                all.addAll(list);
                all.sort(Comparator.comparing(Annotation::at));
                found.get(k).deploys = List.copyOf(all);
            });
        }
    }

    /** The resource of every instance in {@code instances}: each alternative in turn for those still without. */
    private void readResource(List<String> matchers, ResourceMetric r, Map<InstanceKey, Discovered> instances)
            throws IOException {
        boolean first = true;
        for (ResourceMetric.Alternative alt : r.alternatives()) {
            Map<InstanceKey, Discovered> without = new TreeMap<>(instances);
            without.values().removeIf(d -> d.resources.containsKey(r.resource()));
            if (without.isEmpty()) {
                break;
            }
            if (!first) {
                total++;
            }
            first = false;
            Map<InstanceKey, Discovered> got = new TreeMap<>();
            rangeQuery(alt.value().perInstance(matchers), without, (k, s) -> {
                if (alt.afterGc() && constant(s.values())) {
                    // a post-GC series that never moved in the window: the pool's usage after its last collection
                    // is only updated by collections of that pool (G1's old generation by mixed and full ones),
                    // which a quiet service may not have had; heap in use, the next alternative, still moves
                    return;
                }
                Discovered d = without.get(k);
                d.resources.put(r.resource(), s);
                d.metricOf.put(r.resource(), alt.value().name());
                got.put(k, d);
            });
            for (MetricSelector limit : alt.limits()) {
                got.values().removeIf(d -> d.limitOf.containsKey(r.resource()));
                if (got.isEmpty()) {
                    break;
                }
                total++;
                rangeQuery(limit.perInstance(matchers), got, (k, s) -> {
                    // the median: a limit is constant in a lifetime, and a series that changes its labels (a new
                    // version) is counted twice for as long as the old one lingers in Prometheus' lookback
                    double[] v = s.values().clone();
                    java.util.Arrays.sort(v);
                    double median = v[v.length / 2];
                    if (median > 0) {
                        got.get(k).limitOf.put(r.resource(), Math.round(median));
                    }
                });
            }
        }
    }

    private static boolean constant(double[] values) {
        for (double v : values) {
            if (v != values[0]) {
                return false;
            }
        }
        return true;
    }

    private void rangeQuery(String promql, Map<InstanceKey, Discovered> wanted,
                            java.util.function.BiConsumer<InstanceKey, Series> sink) throws IOException {
        api.queryRange(promql, query.start(), query.end(), query.step(), (labels, millis, values) -> {
            InstanceKey k = InstanceKey.of(labels);
            if (wanted.containsKey(k) && millis.length > 0) {
                sink.accept(k, new Series(millis, values));
            }
        });
        tick();
    }

    private void tick() {
        done++;
        progress.queried(done, Math.max(done, total));
    }

    private static FleetInstance judge(InstanceKey key, Discovered d) {
        List<FleetFinding> findings = new ArrayList<>();
        List<ResourceMetric> resources = new ArrayList<>(d.convention.resources());
        resources.add(MetricConvention.RSS);
        for (ResourceMetric r : resources) {
            Series s = d.resources.get(r.resource());
            if (s == null) {
                continue;
            }
            long limit = d.limitOf.getOrDefault(r.resource(), -1L);
            findings.add(Lifetimes.judge(key.toString(), r, d.metricOf.get(r.resource()), s.millis(), s.values(),
                    limit, d.restarts, d.deploys));
        }
        long first = Long.MAX_VALUE;
        for (Series s : d.resources.values()) {
            first = Math.min(first, s.millis()[0]);
        }
        return new FleetInstance(key, d.labels == null ? Map.of() : d.labels, d.convention.runtime(), d.convention,
                d.restarts.length, first == Long.MAX_VALUE ? null : Instant.ofEpochMilli(first), d.deploys, findings);
    }

    /** Leaks first; among them the shortest time to exhaustion, then the fastest growth; then by name. */
    static final Comparator<FleetInstance> URGENCY = Comparator
            .comparing((FleetInstance i) -> !i.leak())
            .thenComparing(i -> exhaustion(i))
            .thenComparing(i -> -fastestGrowth(i))
            .thenComparing(FleetInstance::key);

    private static Duration exhaustion(FleetInstance i) {
        Duration best = Duration.ofDays(365_000);
        for (FleetFinding f : i.findings()) {
            Finding x = f.finding();
            if (x.verdict() == Verdict.LEAK && x.knownTimeToExhaustion().isPresent()) {
                Duration t = x.knownTimeToExhaustion().get();
                best = t.compareTo(best) < 0 ? t : best;
            }
        }
        return best;
    }

    /** The fastest growth of a leaking resource, as a share of its limit per hour where it has one. */
    private static double fastestGrowth(FleetInstance i) {
        double best = 0;
        for (FleetFinding f : i.findings()) {
            Finding x = f.finding();
            if (x.verdict() == Verdict.LEAK && x.unit() == Unit.BYTES) {
                best = Math.max(best, x.limitBytes() > 0 ? x.growthBytesPerHour() / x.limitBytes()
                        : x.growthBytesPerHour() / 1e12);
            }
        }
        return best;
    }
}

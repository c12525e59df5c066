package io.leakhound.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leakhound.series.GcSeries;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.GcPressure;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.series.verdict.Trend;
import java.time.Duration;

/**
 * Renders a {@link MemoryAnalysis} as exactly one JSON object, the machine-readable contract of
 * {@code leakhound analyze --json} (documented field by field in the README). Fields may be added in later
 * versions; none is renamed or removed. Durations are ISO-8601 strings ({@code "PT2M30S"}), sizes are
 * bytes, fractions are 0..1, unknown values are {@code null}. Costs one pass over the findings; the events
 * and baseline points are not written (only their counts).
 */
public final class JsonReport {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** The JSON object as a tree, for callers that add to it or test it. */
    public static ObjectNode toTree(MemoryAnalysis analysis) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("leakhoundVersion", Version.get());
        root.put("source", analysis.source());
        root.put("span", iso(analysis.span()));
        root.put("spanSeconds", seconds(analysis.span()));
        root.put("leak", analysis.hasLeak());
        // LEAK, NO_LEAK or NOT_ENOUGH_DATA: "leak": false alone cannot tell "no leak" from "cannot judge"
        root.put("conclusion", Conclusion.of(analysis).name());
        ArrayNode findings = root.putArray("findings");
        for (Finding f : analysis.findings()) {
            findings.add(finding(f));
        }
        GcPressure gc = analysis.gc();
        if (gc == null) {
            root.putNull("gc");
        } else {
            ObjectNode g = root.putObject("gc");
            GcSeries events = analysis.events();
            if (events != null && !events.isEmpty()) {
                g.put("collector", events.collector(0).name());
            }
            g.put("events", gc.events());
            g.put("pauseTotalMillis", gc.pauseTotal().toNanos() / 1e6);
            putFraction(g, "pauseFraction", gc.pauseFraction());
            putFraction(g, "recentPauseFraction", gc.recentPauseFraction());
            g.put("fullCollections", gc.fullCollections());
            g.put("pressure", gc.level().name());
        }
        ArrayNode warnings = root.putArray("warnings");
        analysis.warnings().forEach(warnings::add);
        return root;
    }

    /** The JSON object, pretty-printed, ending with a line break. */
    public static String render(MemoryAnalysis analysis) {
        return pretty(toTree(analysis));
    }

    /** Any report's tree, pretty-printed, ending with a line break: the one serialisation of every --json. */
    static String pretty(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            // a tree of plain nodes always serialises; this would be a bug in Jackson
            throw new IllegalStateException(e);
        }
    }

    /**
     * One finding as it appears in {@code findings} of {@link #toTree}: the same object for {@code watch}'s JSON
     * lines, so that a finding has one shape wherever it is written.
     */
    public static ObjectNode finding(Finding f) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("resource", f.resource());
        // BYTES or COUNT: for a COUNT finding (classes, threads) the fields named ...Bytes... carry counts
        n.put("unit", f.unit().name());
        n.put("verdict", f.verdict().name());
        n.put("confidence", round(f.confidence(), 4));
        // what the verdict does not vouch for is null (an INCONCLUSIVE finding's growth is unknown, not 0)
        FindingFigures figures = FindingFigures.of(f);
        n.put("growthBytesPerHour", figures.growthPerHour() == null ? null : Math.round(figures.growthPerHour()));
        if (figures.onset() == null) {
            n.putNull("onsetSeconds");
        } else {
            n.put("onsetSeconds", seconds(figures.onset()));
        }
        n.put("timeToExhaustion", figures.timeToExhaustion() == null ? null : iso(figures.timeToExhaustion()));
        if (figures.timeToExhaustion() == null) {
            n.putNull("timeToExhaustionSeconds");
        } else {
            n.put("timeToExhaustionSeconds", seconds(figures.timeToExhaustion()));
        }
        if (f.limitBytes() > 0) {
            n.put("limitBytes", f.limitBytes());
        } else {
            n.putNull("limitBytes");
        }
        if (f.lastBaselineBytes() >= 0) {
            n.put("lastBaselineBytes", f.lastBaselineBytes());
        } else {
            n.putNull("lastBaselineBytes");
        }
        if (f.limitBytes() > 0 && f.lastBaselineBytes() >= 0) {
            n.put("usedFraction", round((double) f.lastBaselineBytes() / f.limitBytes(), 4));
        } else {
            n.putNull("usedFraction");
        }
        n.put("alert", f.alert().name());
        n.put("summary", f.summary());
        n.put("baselinePoints", f.baseline().size());
        if (f.exhausted()) {
            n.put("exhaustedAtSeconds", seconds(f.exhaustedAt()));
        } else {
            n.putNull("exhaustedAtSeconds");
        }
        Trend t = figures.trend();
        if (t == null) {
            n.putNull("trend");
        } else {
            ObjectNode tn = n.putObject("trend");
            tn.put("originSeconds", t.originMillis() / 1000.0);
            tn.put("interceptBytes", Math.round(t.interceptBytes()));
            tn.put("slopeBytesPerHour", Math.round(t.slopeBytesPerHour()));
        }
        return n;
    }

    private static void putFraction(ObjectNode n, String field, double fraction) {
        if (finiteOrNull(fraction)) {
            n.put(field, round(fraction, 6));
        } else {
            n.putNull(field);
        }
    }

    private static boolean finiteOrNull(double d) {
        return !Double.isNaN(d) && !Double.isInfinite(d);
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    // Duration.toString() is ISO-8601 already ("PT2M30S"); drop sub-millisecond noise first
    private static String iso(Duration d) {
        return Duration.ofMillis(d.toMillis()).toString();
    }
}

package io.leakhound.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leakhound.fleet.FleetFinding;
import io.leakhound.fleet.FleetInstance;
import io.leakhound.fleet.FleetResult;
import java.util.Map;

/**
 * {@code fleet --json}: one object, the instances the most urgent first, each finding in {@code analyze}'s shape
 * ({@link JsonReport#finding}) plus the series it was judged on. The contract is in docs/json.md.
 */
public final class FleetJsonReport {

    private FleetJsonReport() {
    }

    public static ObjectNode toTree(FleetResult fleet) {
        ObjectNode root = JsonReport.MAPPER.createObjectNode();
        root.put("leakhoundVersion", Version.get());
        root.put("prometheus", fleet.prometheus());
        root.put("start", fleet.start().toString());
        root.put("end", fleet.end().toString());
        root.put("stepSeconds", fleet.step().toMillis() / 1000.0);
        ArrayNode instances = root.putArray("instances");
        for (FleetInstance i : fleet.instances()) {
            ObjectNode n = instances.addObject();
            n.put("job", i.key().job());
            n.put("instance", i.key().instance());
            ObjectNode labels = n.putObject("labels");
            i.labels().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> labels.put(e.getKey(), e.getValue()));
            n.put("runtime", i.runtime().jsonName());
            n.put("metrics", i.metrics().jsonName());
            n.put("leak", i.leak());
            n.put("restarts", i.restarts());
            putDeploys(n, i);
            ArrayNode findings = n.putArray("findings");
            for (FleetFinding f : i.findings()) {
                ObjectNode fn = JsonReport.finding(f.finding());
                fn.put("summary", f.summary());
                fn.put("metric", f.metric());
                fn.put("lifetimes", f.lifetimes());
                findings.add(fn);
            }
        }
        root.put("leaking", fleet.leaking());
        return root;
    }

    /** {@code deploys} of an instance: {@code at}, {@code text}; shared with {@code canary --json}. */
    static void putDeploys(ObjectNode n, FleetInstance i) {
        ArrayNode deploys = n.putArray("deploys");
        i.deploys().forEach(a -> deploys.addObject().put("at", a.at().toString()).put("text", a.text()));
    }

    /** The JSON object, pretty-printed, ending with a line break. */
    public static String render(FleetResult fleet) {
        return JsonReport.pretty(toTree(fleet));
    }
}

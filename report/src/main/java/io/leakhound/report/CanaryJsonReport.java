package io.leakhound.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leakhound.fleet.CanaryFinding;
import io.leakhound.fleet.CanaryResult;
import io.leakhound.fleet.FleetInstance;
import io.leakhound.fleet.FleetResult;

/** {@code canary --json}: one object; the contract is in docs/json.md. */
public final class CanaryJsonReport {

    private CanaryJsonReport() {
    }

    public static ObjectNode toTree(CanaryResult r) {
        ObjectNode root = JsonReport.MAPPER.createObjectNode();
        root.put("leakhoundVersion", Version.get());
        root.put("prometheus", r.canary().prometheus());
        root.put("start", r.canary().start().toString());
        root.put("end", r.canary().end().toString());
        root.put("worse", r.worse());
        ArrayNode findings = root.putArray("findings");
        for (CanaryFinding f : r.findings()) {
            ObjectNode n = findings.addObject();
            n.put("resource", f.resource());
            n.put("unit", f.unit().name());
            n.put("verdict", f.verdict().name());
            putRate(n, "canaryGrowthBytesPerHour", f.canaryGrowthBytesPerHour());
            putRate(n, "baselineGrowthBytesPerHour", f.baselineGrowthBytesPerHour());
            if (f.pValue() == null) {
                n.putNull("pValue");
            } else {
                n.put("pValue", JsonReport.round(f.pValue(), 6));
            }
            n.put("canaryInstances", f.canaryInstances());
            n.put("baselineInstances", f.baselineInstances());
            n.put("summary", f.summary());
        }
        root.set("canary", group(r.canary()));
        root.set("baseline", group(r.baseline()));
        return root;
    }

    private static void putRate(ObjectNode n, String field, Double rate) {
        if (rate == null) {
            n.putNull(field);
        } else {
            n.put(field, Math.round(rate));
        }
    }

    /** The instances of one group, with their leak flags: which ones the comparison stood on. */
    private static ObjectNode group(FleetResult fleet) {
        ObjectNode g = JsonReport.MAPPER.createObjectNode();
        ArrayNode instances = g.putArray("instances");
        for (FleetInstance i : fleet.instances()) {
            ObjectNode n = instances.addObject();
            n.put("job", i.key().job());
            n.put("instance", i.key().instance());
            n.put("leak", i.leak());
            FleetJsonReport.putDeploys(n, i);
        }
        g.put("leaking", fleet.leaking());
        return g;
    }

    public static String render(CanaryResult r) {
        return JsonReport.pretty(toTree(r));
    }
}

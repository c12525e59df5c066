package io.leakhound.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leakhound.jfr.alloc.AllocationProfile;
import io.leakhound.jfr.alloc.ClassProfile;
import io.leakhound.jfr.alloc.Frame;
import io.leakhound.jfr.alloc.Site;
import io.leakhound.jfr.alloc.SurvivorPath;
import io.leakhound.jfr.alloc.Survivors;
import java.time.Duration;
import java.util.List;

/**
 * Renders an {@link AllocationProfile} as exactly one JSON object, the contract of {@code leakhound alloc
 * --json} (documented field by field in the README). Fields may be added; none is renamed or removed. Sizes
 * are bytes, times ISO-8601 instants, ages seconds. Every class of the profile is listed, in the profile's
 * order (growing first); each with at most {@value #SITES} sites and each site's stack cut to
 * {@value #FRAMES} frames, so that the object stays small whatever the recording. Costs one pass over the
 * classes.
 */
public final class AllocationJsonReport {

    static final int SITES = 10;
    static final int FRAMES = 24;

    private AllocationJsonReport() {
    }

    /** The JSON object as a tree, for callers that add to it or test it. */
    public static ObjectNode toTree(AllocationProfile p) {
        ObjectNode root = JsonReport.MAPPER.createObjectNode();
        root.put("leakhoundVersion", Version.get());
        root.put("source", p.source().toString());
        root.put("start", p.start().toString());
        root.put("end", p.end().toString());
        root.put("durationSeconds", JsonReport.round(Duration.between(p.start(), p.end()).toMillis() / 1000.0, 3));
        root.put("allocationEvents", p.allocationEvents().eventNames());
        root.put("allocatedBytes", p.allocatedBytes());
        root.put("allocationSamples", p.allocationSamples());
        root.put("oldObjectSamples", p.oldObjectSamples());
        root.put("survivors", p.survivorCount());
        root.put("referenceChains", p.referenceChains());
        ArrayNode growing = root.putArray("growing");
        p.growing().forEach(c -> growing.add(c.className()));
        ArrayNode classes = root.putArray("classes");
        for (ClassProfile c : p.classes()) {
            classes.add(classNode(c, p.allocatedBytes()));
        }
        ArrayNode warnings = root.putArray("warnings");
        p.warnings().forEach(warnings::add);
        return root;
    }

    /** The JSON object, pretty-printed, ending with a line break. */
    public static String render(AllocationProfile p) {
        return JsonReport.pretty(toTree(p));
    }

    private static ObjectNode classNode(ClassProfile c, long allBytes) {
        ObjectNode n = JsonReport.MAPPER.createObjectNode();
        n.put("class", c.className());
        n.put("growing", c.growing());
        n.put("growthReason", c.growthReason());
        n.put("allocatedBytes", c.allocatedBytes());
        n.put("allocationSamples", c.allocationSamples());
        n.put("allocatedFraction", allBytes > 0 ? JsonReport.round((double) c.allocatedBytes() / allBytes, 6) : 0);
        n.put("unlistedBytes", c.unlistedBytes());
        Survivors s = c.survivors();
        if (s == null) {
            n.putNull("survivors");
        } else {
            ObjectNode sn = n.putObject("survivors");
            sn.put("count", s.count());
            sn.put("estimatedBytes", s.estimatedBytes());
            sn.put("firstAllocation", s.firstAllocation().toString());
            sn.put("lastAllocation", s.lastAllocation().toString());
            sn.put("oldestAgeSeconds", JsonReport.round(s.oldestAge().toMillis() / 1000.0, 3));
            ArrayNode paths = sn.putArray("paths");
            for (SurvivorPath path : s.paths()) {
                ObjectNode pn = paths.addObject();
                pn.put("root", path.root());
                ArrayNode chain = pn.putArray("chain");
                path.chain().forEach(chain::add);
                pn.put("count", path.count());
            }
        }
        n.set("sites", sites(c.sites()));
        return n;
    }

    /** The sites as a JSON array; shared with {@code diff --jfr} ({@code suspects[].allocationSites}). */
    static ArrayNode sites(List<Site> sites) {
        ArrayNode array = JsonReport.MAPPER.createArrayNode();
        for (Site site : sites.subList(0, Math.min(SITES, sites.size()))) {
            ObjectNode n = array.addObject();
            n.put("allocatingLine", site.allocatingLine().toString());
            n.set("topFrame", frame(site.top()));
            n.set("applicationFrame", site.application() == null ? null : frame(site.application()));
            n.put("allocatedBytes", site.allocatedBytes());
            n.put("allocationSamples", site.allocationSamples());
            n.put("survivors", site.survivors());
            n.put("survivorBytes", site.survivorBytes());
            n.put("settledSurvivors", site.settledSurvivors());
            n.put("settledSurvivorBytes", site.settledSurvivorBytes());
            ArrayNode stack = n.putArray("stack");
            site.stack().subList(0, Math.min(FRAMES, site.stack().size())).forEach(f -> stack.add(f.toString()));
            n.put("stackTruncated", site.stack().size() > FRAMES);
        }
        return array;
    }

    private static ObjectNode frame(Frame frame) {
        ObjectNode n = JsonReport.MAPPER.createObjectNode();
        n.put("class", frame.className());
        n.put("method", frame.method());
        if (frame.line() >= 0) {
            n.put("line", frame.line());
        } else {
            n.putNull("line");
        }
        return n;
    }
}

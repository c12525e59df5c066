package io.leakhound.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leakhound.heap.HeapDiff;
import io.leakhound.heap.HeapDiff.ClassDelta;
import io.leakhound.heap.HeapDiff.GrowthSuspect;
import io.leakhound.jfr.alloc.AllocationProfile;
import io.leakhound.jfr.alloc.ClassProfile;
import java.util.List;
import java.util.Optional;

/**
 * Renders a {@link HeapDiff} as exactly one JSON object, the machine-readable contract of
 * {@code leakhound diff --json} (documented field by field in the README). Fields may be added in later
 * versions; none is renamed or removed. "Before" is the first dump, "after" the last; the per-dump arrays
 * ({@code counts}, {@code retainedBytes}...) hold one value per dump in the order given. Sizes are bytes,
 * rates bytes per hour (null when the dumps' timestamps do not advance), fractions 0..1. Unlike
 * {@code heap --json}, {@code classes} lists every class that changed, not only the top rows: a script
 * looking for one class must find it. Costs one pass over the classes and the suspects.
 */
public final class HeapDiffJsonReport {

    private HeapDiffJsonReport() {
    }

    /** The JSON object as a tree, for callers that add to it or test it. */
    public static ObjectNode toTree(HeapDiff d) {
        return toTree(d, null);
    }

    /**
     * As {@link #toTree(HeapDiff)}, with {@code allocationProfile} (the recording) and, in each suspect,
     * {@code allocationSites} from {@code profile}, a recording of the same process; neither when null.
     */
    public static ObjectNode toTree(HeapDiff d, AllocationProfile profile) {
        ObjectNode root = JsonReport.MAPPER.createObjectNode();
        root.put("leakhoundVersion", Version.get());
        root.put("elapsedSeconds", JsonReport.round(d.elapsedSeconds(), 3));
        ArrayNode dumps = root.putArray("dumps");
        for (HeapDiff.Dump dump : d.dumps()) {
            ObjectNode n = dumps.addObject();
            n.put("source", dump.source());
            n.put("timestamp", dump.timestamp() == null ? null : dump.timestamp().toString());
            n.put("objects", dump.objects());
            n.put("reachableObjects", dump.reachableObjects());
            n.put("reachableBytes", dump.reachableBytes());
            n.put("sizeModel", dump.sizeModel());
            strings(n.putArray("warnings"), dump.warnings());
        }
        ArrayNode suspects = root.putArray("suspects");
        for (GrowthSuspect s : d.suspects()) {
            ObjectNode n = suspect(s, d.dumps().size());
            if (profile != null) {
                Optional<ClassProfile> sites = AllocationSites.of(profile, s);
                n.put("allocationSitesClass", sites.map(ClassProfile::className).orElse(null));
                n.put("allocationSitesGrowing", sites.map(ClassProfile::growing).orElse(false));
                n.put("allocationSitesRankedBy", sites.map(c -> AllocationSites.byKept(c) ? "keptSamples" : "allocatedBytes")
                        .orElse(null));
                n.set("allocationSites", sites.map(c -> AllocationJsonReport.sites(c.sites()))
                        .orElseGet(JsonReport.MAPPER::createArrayNode));
            }
            suspects.add(n);
        }
        ArrayNode classes = root.putArray("classes");
        for (ClassDelta c : d.classes()) {
            ObjectNode n = classes.addObject();
            n.put("class", c.className());
            n.put("countBefore", c.countBefore());
            n.put("countAfter", c.countAfter());
            n.put("shallowBytesBefore", c.shallowBytesBefore());
            n.put("shallowBytesAfter", c.shallowBytesAfter());
            n.put("retainedBytesBefore", c.retainedBytesBefore());
            n.put("retainedBytesAfter", c.retainedBytesAfter());
            longs(n.putArray("counts"), c.counts());
            longs(n.putArray("shallowBytes"), c.shallowBytes());
            longs(n.putArray("retainedBytes"), c.retainedBytes());
        }
        strings(root.putArray("warnings"), d.warnings());
        if (profile != null) {
            ObjectNode recording = root.putObject("allocationProfile");
            recording.put("source", profile.source().toString());
            recording.put("allocationEvents", profile.allocationEvents().eventNames());
            recording.put("allocatedBytes", profile.allocatedBytes());
            recording.put("survivors", profile.survivorCount());
            ArrayNode growing = recording.putArray("growing");
            profile.growing().forEach(c -> growing.add(c.className()));
            strings(recording.putArray("warnings"), profile.warnings());
        }
        return root;
    }

    /** The JSON object, pretty-printed, ending with a line break. */
    public static String render(HeapDiff diff) {
        return render(diff, null);
    }

    /** As {@link #render(HeapDiff)}, with the allocation sites of {@code profile} (may be null). */
    public static String render(HeapDiff diff, AllocationProfile profile) {
        return JsonReport.pretty(toTree(diff, profile));
    }

    private static ObjectNode suspect(GrowthSuspect s, int dumps) {
        ObjectNode n = JsonReport.MAPPER.createObjectNode();
        n.put("summary", GrowthSentence.of(s, dumps));
        n.put("holderReference", s.holderReference());
        n.put("holderClass", s.holderClass());
        s.holderInside().forEach(n.putArray("holderInside")::add);
        n.put("holderCount", s.holderCount());
        n.put("holderObjectId", s.holderObjectId());
        n.put("holderAddress", HeapJsonReport.address(s.holderObjectId()));
        n.put("elementClass", s.elementClass());
        n.put("countBefore", s.countBefore());
        n.put("countAfter", s.countAfter());
        n.put("retainedBytesBefore", s.retainedBytesBefore());
        n.put("retainedBytesAfter", s.retainedBytesAfter());
        n.put("growthBytes", s.growthBytes());
        if (s.growthBytesPerHour() == null) {
            n.putNull("growthBytesPerHour");
        } else {
            n.put("growthBytesPerHour", Math.round(s.growthBytesPerHour()));
        }
        n.put("growthFraction", JsonReport.round(s.growthFraction(), 6));
        n.put("grewInEveryInterval", s.grewInEveryInterval());
        longs(n.putArray("counts"), s.elementCounts());
        HeapJsonReport.advice(n, s.fixAdvice());
        longs(n.putArray("retainedBytes"), s.retainedBytes());
        strings(n.putArray("path"), s.path());
        return n;
    }

    private static void longs(ArrayNode array, List<Long> values) {
        values.forEach(array::add);
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}

package io.leakhound.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leakhound.heap.FixAdvice;
import io.leakhound.heap.GcRootKind;
import io.leakhound.heap.HeapAnalysis;
import io.leakhound.heap.LeakSuspect;
import java.util.Optional;

/**
 * Renders a {@link HeapAnalysis} as exactly one JSON object, the machine-readable contract of
 * {@code leakhound heap --json} (documented field by field in the README). Fields may be added in later
 * versions; none is renamed or removed. Sizes are bytes in the analysis's size model, fractions are of the
 * reachable heap, 0..1; object ids are the dump's addresses, as numbers and beside them as hex strings
 * ({@code "address"}) since some JSON readers lose precision above 2<sup>53</sup>. The histogram and the
 * dominators are cut to {@code top} rows. Costs one pass over those rows and the suspects.
 */
public final class HeapJsonReport {

    private HeapJsonReport() {
    }

    /** The JSON object as a tree, for callers that add to it or test it. */
    public static ObjectNode toTree(HeapAnalysis a, int top) {
        ObjectNode root = JsonReport.MAPPER.createObjectNode();
        root.put("leakhoundVersion", Version.get());
        root.put("source", a.source());
        root.put("format", a.format());
        root.put("identifierSize", a.identifierSize());
        root.put("timestamp", a.timestamp() == null ? null : a.timestamp().toString());
        root.put("sizeModel", a.sizeModel());
        root.put("objects", a.objects());
        root.put("classes", a.classes());
        root.put("gcRoots", a.gcRoots());
        ObjectNode byKind = root.putObject("gcRootsByKind");
        for (GcRootKind kind : GcRootKind.values()) {
            Integer n = a.gcRootsByKind().get(kind);
            if (n != null && n > 0) {
                byKind.put(kind.name(), n);
            }
        }
        root.put("shallowBytes", a.shallowBytes());
        root.put("reachableObjects", a.reachableObjects());
        root.put("reachableBytes", a.reachableBytes());
        root.put("unreachableObjects", a.unreachableObjects());
        root.put("unreachableBytes", a.unreachableBytes());
        ArrayNode suspects = root.putArray("suspects");
        for (LeakSuspect s : a.suspects()) {
            suspects.add(suspect(s));
        }
        root.put("histogramClasses", a.histogram().size());
        ArrayNode histogram = root.putArray("histogram");
        for (HeapAnalysis.ClassRow row : a.histogram().subList(0, Math.min(top, a.histogram().size()))) {
            ObjectNode n = histogram.addObject();
            n.put("class", row.className());
            n.put("count", row.count());
            n.put("shallowBytes", row.shallowBytes());
            n.put("retainedBytes", row.retainedBytes());
        }
        ArrayNode dominators = root.putArray("dominators");
        for (HeapAnalysis.Dominator d : a.dominators().subList(0, Math.min(top, a.dominators().size()))) {
            dominators.add(dominator(d));
        }
        ArrayNode warnings = root.putArray("warnings");
        a.warnings().forEach(warnings::add);
        return root;
    }

    /** The JSON object, pretty-printed, ending with a line break. */
    public static String render(HeapAnalysis analysis, int top) {
        return JsonReport.pretty(toTree(analysis, top));
    }

    /** An object's address as people read it in MAT or jmap: {@code 0x7f3a2c10}. */
    static String address(long objectId) {
        return "0x" + Long.toHexString(objectId);
    }

    private static ObjectNode suspect(LeakSuspect s) {
        ObjectNode n = JsonReport.MAPPER.createObjectNode();
        n.put("kind", s.kind().name());
        n.put("summary", SuspectSentence.of(s));
        n.put("retainedBytes", s.retainedBytes());
        n.put("retainedFraction", JsonReport.round(s.retainedFraction(), 6));
        n.set("suspect", ref(s.suspect()));
        n.set("accumulationPoint", ref(s.accumulationPoint()));
        n.set("holder", ref(s.holder()));
        n.put("holderReference", s.holderReference());
        s.holderInside().forEach(n.putArray("holderInside")::add);
        n.put("elementClass", s.elementClass());
        n.put("elementCount", s.elementCount());
        n.put("elementRetainedBytes", s.elementRetainedBytes());
        ArrayNode path = n.putArray("path");
        s.path().forEach(path::add);
        advice(n, s.fixAdvice());
        return n;
    }

    /** {@code pattern} and {@code advice}, both null when the holder's shape matches no pattern; shared with diff. */
    static void advice(ObjectNode n, Optional<FixAdvice> advice) {
        n.put("pattern", advice.map(a -> a.pattern().id()).orElse(null));
        n.put("advice", advice.map(FixAdvice::advice).orElse(null));
    }

    private static ObjectNode dominator(HeapAnalysis.Dominator d) {
        ObjectNode n = ref(new HeapAnalysis.ObjectRef(d.objectId(), d.className()));
        n.put("shallowBytes", d.shallowBytes());
        n.put("retainedBytes", d.retainedBytes());
        n.put("retainedFraction", JsonReport.round(d.retainedFraction(), 6));
        ArrayNode path = n.putArray("path");
        d.path().forEach(path::add);
        ArrayNode children = n.putArray("children");
        for (HeapAnalysis.Dominator child : d.children()) {
            children.add(dominator(child));
        }
        return n;
    }

    private static ObjectNode ref(HeapAnalysis.ObjectRef ref) {
        ObjectNode n = JsonReport.MAPPER.createObjectNode();
        n.put("objectId", ref.objectId());
        n.put("address", address(ref.objectId()));
        n.put("class", ref.className());
        return n;
    }
}

package io.leakhound.report;

import io.leakhound.series.history.WatchHistory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leakhound.series.history.Alert;
import io.leakhound.series.history.Annotation;
import io.leakhound.series.history.Capture;
import io.leakhound.series.history.Target;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Renders stored watch histories as one JSON object ({@code leakhound report --db FILE --json}). One target
 * ({@code --pid}): the fields of {@link JsonReport#toTree} plus {@code target}, {@code alerts}, {@code captures}
 * and {@code annotations}. Several: {@code {"targets": [...]}} of such objects, most recently active first.
 * Instants are ISO-8601 strings, paths absolute strings, unknown values {@code null}.
 */
public final class WatchHistoryJsonReport {

    private WatchHistoryJsonReport() {
    }

    /** One target's object. */
    public static ObjectNode toTree(WatchHistory h) {
        ObjectNode root = JsonReport.toTree(h.analysis());
        Target t = h.target();
        ObjectNode target = root.putObject("target");
        target.put("id", t.id());
        target.put("kind", t.kind().label());
        target.put("pid", t.pid());
        target.put("processStart", t.processStart().toString());
        target.put("command", t.command());
        if (t.maxHeapBytes() > 0) {
            target.put("maxHeapBytes", t.maxHeapBytes());
        } else {
            target.putNull("maxHeapBytes");
        }
        ArrayNode alerts = root.putArray("alerts");
        for (Alert a : h.alerts()) {
            ObjectNode n = alerts.addObject();
            n.put("at", a.at().toString());
            alertFields(n, a);
        }
        ArrayNode captures = root.putArray("captures");
        for (Capture c : h.captures()) {
            captureFields(captures.addObject(), c);
        }
        ArrayNode annotations = root.putArray("annotations");
        for (Annotation a : h.annotations()) {
            ObjectNode n = annotations.addObject();
            n.put("at", a.at().toString());
            n.put("text", a.text());
        }
        return root;
    }

    /** One object: the target's own when {@code single}, else {@code {"targets": [...]}}; ends with a line break. */
    public static String render(List<WatchHistory> histories, boolean single) {
        ObjectNode root;
        if (single) {
            if (histories.size() != 1) {
                throw new IllegalArgumentException("one history expected, got " + histories.size());
            }
            root = toTree(histories.get(0));
        } else {
            root = JsonReport.MAPPER.createObjectNode();
            root.put("leakhoundVersion", Version.get());
            root.put("leak", histories.stream().anyMatch(WatchHistory::hasLeak));
            ArrayNode targets = root.putArray("targets");
            histories.forEach(h -> targets.add(toTree(h)));
        }
        return JsonReport.pretty(root);
    }

    /**
     * An alert's fields as every JSON output of leakhound gives them (the report, the watch's JSON lines and
     * webhook posts): resource, kind, level, previous, message; the caller adds its time.
     */
    public static void alertFields(ObjectNode n, Alert a) {
        n.put("resource", a.resource());
        n.put("kind", a.kind().label());
        n.put("level", a.level().name());
        n.put("previous", a.previous().name());
        n.put("message", a.message());
    }

    /** A capture's fields as every JSON output of leakhound gives them; unknown values are {@code null}. */
    public static void captureFields(ObjectNode n, Capture c) {
        n.put("id", c.id());
        n.put("state", c.state().label());
        n.put("trigger", c.trigger());
        n.put("baselineDump", path(c.baselineDump()));
        n.put("secondDump", path(c.secondDump()));
        n.put("report", path(c.report()));
        n.put("holder", c.holder());
        n.put("path", c.path());
        n.put("message", c.message());
        n.put("started", c.started().toString());
        n.put("finished", instant(c.finished()));
    }

    private static String path(Path p) {
        return p == null ? null : p.toAbsolutePath().toString();
    }

    private static String instant(Instant t) {
        return t == null ? null : t.toString();
    }
}

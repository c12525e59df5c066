package io.leakhound.cli.watch;

import io.leakhound.watch.WatchEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leakhound.report.JsonReport;
import io.leakhound.report.WatchHistoryJsonReport;
import io.leakhound.series.history.Alert;
import io.leakhound.series.history.Capture;
import io.leakhound.series.history.Target;
import java.time.Instant;
import java.util.Locale;

/**
 * The one JSON shape of each {@link WatchEvent}, shared by {@code watch --json} (one object per line) and the
 * webhook (one object per POST). The field names are a contract (README); fields may be added, none renamed:
 *
 * <ul>
 *   <li>{@code sample}: {@code time, resource, unit ("bytes"|"count"), value, limit (-1 unknown), gc} (the
 *       collection's name, absent for a periodic sample)</li>
 *   <li>{@code finding}: {@code time} and every field of a finding of {@code analyze --json}</li>
 *   <li>{@code alert}: {@code time, resource, kind, level, previous, message}</li>
 *   <li>{@code capture}: {@code time, id, state, trigger, baselineDump, secondDump, report, holder, path,
 *       message, started, finished} (unknown values are null)</li>
 *   <li>{@code message}: {@code time, text}</li>
 *   <li>{@code summary}: {@code time}, every field of {@code analyze --json} (same findings shape),
 *       {@code target {pid, kind, processStart, command, maxHeapBytes}}, {@code alerts [...]},
 *       {@code captures [...]}</li>
 * </ul>
 *
 * Times are ISO-8601 instants. Costs one small tree per event; thread-safe (Jackson's mapper is).
 */
public final class WatchJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WatchJson() {
    }

    /** The event as a JSON object, {@code type} first. */
    public static ObjectNode toTree(WatchEvent event) {
        ObjectNode n = MAPPER.createObjectNode();
        // Java 17 has no pattern switch: the sealed interface keeps this chain complete, the last branch asserts it
        if (event instanceof WatchEvent.SampleTaken s) {
            head(n, "sample", s.at());
            n.put("resource", s.resource());
            n.put("unit", s.unit().name().toLowerCase(Locale.ROOT));
            n.put("value", s.value());
            n.put("limit", s.limit() > 0 ? s.limit() : -1);
            if (s.gc() != null) {
                n.put("gc", s.gc());
            }
        } else if (event instanceof WatchEvent.FindingChanged f) {
            head(n, "finding", f.at());
            n.setAll(JsonReport.finding(f.finding()));
        } else if (event instanceof WatchEvent.AlertChanged a) {
            head(n, "alert", a.at());
            WatchHistoryJsonReport.alertFields(n, a.alert());
        } else if (event instanceof WatchEvent.CaptureChanged c) {
            head(n, "capture", c.at());
            WatchHistoryJsonReport.captureFields(n, c.capture());
        } else if (event instanceof WatchEvent.Message m) {
            head(n, "message", m.at());
            n.put("text", m.text());
        } else if (event instanceof WatchEvent.Summary s) {
            head(n, "summary", s.at());
            n.setAll(JsonReport.toTree(s.analysis()));
            n.set("target", target(s.target()));
            ArrayNode alerts = n.putArray("alerts");
            for (Alert a : s.alerts()) {
                ObjectNode an = alerts.addObject();
                an.put("time", a.at().toString());
                WatchHistoryJsonReport.alertFields(an, a);
            }
            ArrayNode captures = n.putArray("captures");
            for (Capture c : s.captures()) {
                WatchHistoryJsonReport.captureFields(captures.addObject(), c);
            }
        } else {
            throw new IllegalArgumentException("unknown watch event " + event);
        }
        return n;
    }

    /** The event as one line of JSON, without the line break. */
    public static String line(WatchEvent event) {
        try {
            return MAPPER.writeValueAsString(toTree(event));
        } catch (JsonProcessingException e) {
            // a tree of plain nodes always serialises; this would be a bug in Jackson
            throw new IllegalStateException(e);
        }
    }

    private static void head(ObjectNode n, String type, Instant at) {
        n.put("type", type);
        n.put("time", at.toString());
    }

    private static ObjectNode target(Target t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("pid", t.pid());
        n.put("kind", t.kind().label());
        n.put("processStart", t.processStart().toString());
        n.put("command", t.command());
        n.put("maxHeapBytes", t.maxHeapBytes());
        return n;
    }
}

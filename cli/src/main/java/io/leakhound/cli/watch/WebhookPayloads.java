package io.leakhound.cli.watch;

import io.leakhound.watch.WatchEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leakhound.series.history.Alert;
import io.leakhound.series.history.AlertState;
import io.leakhound.series.history.Capture;
import io.leakhound.series.verdict.AlertLevel;
import io.leakhound.series.verdict.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of each webhook POST in each {@link WebhookFormat}: empty when that receiver is not sent the event.
 * Only alerts, captures and the summary are ever sent (a sample every few seconds would flood any receiver).
 *
 * <p>An alert is one of two kinds, each with its own life at the receiver: the graduated level of post-GC usage
 * (alert name {@code LeakhoundMemoryUsage}, open while the level is WARNING or above) and the LEAK verdict
 * ({@code LeakhoundMemoryLeak}, open while the verdict is LEAK).
 *
 * @param origin what is watched, as receivers name it: {@code source} of PagerDuty, {@code instance} of
 *               Alertmanager, the head of a Slack line
 */
record WebhookPayloads(WebhookSettings settings, Origin origin) {

    /**
     * Alertmanager ends an alert it has not heard of again by its {@code endsAt}; a watch speaks only on a change,
     * so a firing alert is given a day, and a cleared one ends now.
     */
    static final Duration ALERTMANAGER_FIRING_FOR = Duration.ofDays(1);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The watched process as a receiver names it. */
    record Origin(String host, long pid, String command) {
        Origin {
            Objects.requireNonNull(host, "host");
            command = command == null ? "" : command;
        }

        /** {@code pid 4242 (java -jar app.jar) on web-1}; the command cut to 60 characters. */
        String name() {
            String cmd = command.length() > 60 ? command.substring(0, 59) + "…" : command;
            return "pid " + pid + (cmd.isEmpty() ? "" : " (" + cmd + ")") + " on " + host;
        }

        /** A stable key of this process and resource, for a receiver's de-duplication. */
        String key(String resource, Alert.Kind kind) {
            return "leakhound/" + host + "/" + pid + "/" + resource + "/" + kind.label();
        }
    }

    WebhookPayloads {
        Objects.requireNonNull(settings, "settings");
        if (settings.format() != WebhookFormat.JSON) {
            Objects.requireNonNull(origin, "origin: every format but json names the watched process");
        }
    }

    /** The body to POST for this event, or empty when this receiver is not sent it. */
    Optional<String> body(WatchEvent event) {
        boolean sent = event instanceof WatchEvent.AlertChanged || event instanceof WatchEvent.CaptureChanged
                || event instanceof WatchEvent.Summary;
        if (!sent) {
            return Optional.empty();
        }
        return switch (settings.format()) {
            case JSON -> Optional.of(WatchJson.line(event));
            case SLACK -> Optional.of(slack(event));
            case ALERTMANAGER -> event instanceof WatchEvent.AlertChanged a
                    ? Optional.of(alertmanager(a.alert())) : Optional.empty();
            case PAGERDUTY -> event instanceof WatchEvent.AlertChanged a
                    ? Optional.of(pagerduty(a.alert())) : Optional.empty();
        };
    }

    private String slack(WatchEvent event) {
        StringBuilder text = new StringBuilder();
        if (event instanceof WatchEvent.AlertChanged a) {
            Alert alert = a.alert();
            text.append(open(alert.level()) ? ":rotating_light: " : ":white_check_mark: ")
                    .append("*leakhound* ").append(origin.name()).append(": ").append(alert.resource()).append(' ')
                    .append(alert.previous().name()).append(" → ").append(alert.level().name()).append('\n')
                    .append(alert.message());
        } else if (event instanceof WatchEvent.CaptureChanged c) {
            Capture capture = c.capture();
            text.append(":camera: *leakhound* ").append(origin.name()).append(": heap capture ").append(capture.id())
                    .append(' ').append(capture.state());
            if (capture.holder() != null) {
                text.append("\nholder: `").append(capture.holder()).append('`');
            }
            if (capture.message() != null) {
                text.append('\n').append(capture.message());
            }
            if (capture.path() != null) {
                text.append("\n```\n").append(capture.path()).append("\n```");
            }
        } else {
            WatchEvent.Summary s = (WatchEvent.Summary) event;
            text.append(s.analysis().hasLeak() ? ":red_circle: " : ":large_green_circle: ")
                    .append("*leakhound* ").append(origin.name()).append(": the watch ended");
            for (Finding f : s.analysis().findings()) {
                text.append("\n• ").append(f.resource()).append(": ").append(f.verdict()).append(" — ")
                        .append(f.summary());
            }
        }
        ObjectNode body = MAPPER.createObjectNode();
        body.put("text", text.toString());
        return write(body);
    }

    private String alertmanager(Alert alert) {
        ArrayNode alerts = MAPPER.createArrayNode();
        // a change between two open levels: the old level's alert ends, the new one fires (each level is its own
        // alert to Alertmanager, grouped and silenced by its labels)
        if (open(alert.previous())) {
            alerts.add(alertmanagerAlert(alert, alert.previous(), alert.at()));
        }
        if (open(alert.level())) {
            alerts.add(alertmanagerAlert(alert, alert.level(), alert.at().plus(ALERTMANAGER_FIRING_FOR)));
        }
        return write(alerts);
    }

    private ObjectNode alertmanagerAlert(Alert alert, AlertState state, Instant endsAt) {
        ObjectNode a = MAPPER.createObjectNode();
        ObjectNode labels = a.putObject("labels");
        labels.put("alertname", alert.kind() == Alert.Kind.USAGE ? "LeakhoundMemoryUsage" : "LeakhoundMemoryLeak");
        labels.put("severity", severity(state));
        labels.put("level", state.name());
        labels.put("resource", alert.resource());
        labels.put("instance", origin.host());
        labels.put("pid", Long.toString(origin.pid()));
        labels.put("job", "leakhound-watch");
        ObjectNode annotations = a.putObject("annotations");
        annotations.put("summary", alert.message());
        annotations.put("description", origin.name() + ": " + alert.resource() + " " + alert.previous().name()
                + " → " + alert.level().name());
        a.put("startsAt", alert.at().toString());
        a.put("endsAt", endsAt.toString());
        return a;
    }

    private String pagerduty(Alert alert) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("routing_key", settings.routingKey());
        boolean open = open(alert.level());
        body.put("event_action", open ? "trigger" : "resolve");
        body.put("dedup_key", origin.key(alert.resource(), alert.kind()));
        ObjectNode payload = body.putObject("payload");
        String summary = origin.name() + ": " + alert.message();
        // PagerDuty refuses a summary over 1,024 characters
        payload.put("summary", summary.length() > 1024 ? summary.substring(0, 1023) + "…" : summary);
        payload.put("source", origin.name());
        payload.put("severity", open ? severity(alert.level()) : "info");
        payload.put("timestamp", alert.at().toString());
        payload.put("component", alert.resource());
        payload.put("group", "leakhound");
        payload.put("class", alert.kind().label());
        ObjectNode details = payload.putObject("custom_details");
        details.put("level", alert.level().name());
        details.put("previous", alert.previous().name());
        details.put("pid", origin.pid());
        details.put("command", origin.command());
        return write(body);
    }

    /** Whether an alert in this state is open: a usage level of WARNING or above, or the verdict LEAK. */
    private static boolean open(AlertState state) {
        return state.isLeak() || state.usageLevel().compareTo(AlertLevel.WARNING) >= 0;
    }

    /** The receivers' severity: {@code warning}, {@code error} or {@code critical} (PagerDuty's and Alertmanager's). */
    private static String severity(AlertState state) {
        if (state.isLeak()) {
            return "critical";
        }
        return switch (state.usageLevel()) {
            case CRITICAL -> "critical";
            case ESCALATE -> "error";
            default -> "warning";
        };
    }

    private static String write(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            // a tree of plain nodes always serialises; this would be a bug in Jackson
            throw new IllegalStateException(e);
        }
    }
}

package io.leakhound.cli.watch;

import io.leakhound.watch.WatchEvent;
import static io.leakhound.cli.watch.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakhound.series.history.Alert;
import io.leakhound.series.history.AlertState;
import io.leakhound.series.verdict.AlertLevel;
import io.leakhound.series.verdict.Verdict;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookPayloadsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final URI URL = URI.create("https://receiver.example.com/hook");
    private static final WebhookPayloads.Origin ORIGIN = new WebhookPayloads.Origin("web-1", 4242, "java -jar app.jar");

    private static WebhookPayloads payloads(WebhookFormat format, String routingKey) {
        return new WebhookPayloads(new WebhookSettings(URL, format, List.of(), routingKey), ORIGIN);
    }

    private static JsonNode body(WebhookPayloads payloads, WatchEvent event) throws Exception {
        return MAPPER.readTree(payloads.body(event).orElseThrow());
    }

    private static WatchEvent usage(AlertLevel level, AlertLevel previous) {
        return new WatchEvent.AlertChanged(new Alert(T0, "heap", Alert.Kind.USAGE, AlertState.of(level),
                AlertState.of(previous), "heap after GC at 88 % of its maximum"));
    }

    private static WatchEvent verdict(Verdict level, Verdict previous) {
        return new WatchEvent.AlertChanged(new Alert(T0, "heap", Alert.Kind.VERDICT, AlertState.of(level),
                AlertState.of(previous), "heap LEAK: +40 MB/h"));
    }

    @Test
    void alertmanager_levelRises_previousLevelResolvedAndNewOneFires() throws Exception {
        JsonNode alerts = body(payloads(WebhookFormat.ALERTMANAGER, null), usage(AlertLevel.ESCALATE,
                AlertLevel.WARNING));

        assertThat(alerts.isArray()).isTrue();
        assertThat(alerts).hasSize(2);
        JsonNode resolved = alerts.get(0);
        assertThat(resolved.get("labels").get("level").asText()).isEqualTo("WARNING");
        assertThat(resolved.get("endsAt").asText()).isEqualTo(T0.toString());
        JsonNode firing = alerts.get(1);
        assertThat(firing.get("labels").get("alertname").asText()).isEqualTo("LeakhoundMemoryUsage");
        assertThat(firing.get("labels").get("severity").asText()).isEqualTo("error");
        assertThat(firing.get("labels").get("instance").asText()).isEqualTo("web-1");
        assertThat(firing.get("labels").get("pid").asText()).isEqualTo("4242");
        assertThat(firing.get("startsAt").asText()).isEqualTo(T0.toString());
        assertThat(firing.get("endsAt").asText())
                .isEqualTo(T0.plus(WebhookPayloads.ALERTMANAGER_FIRING_FOR).toString());
        assertThat(firing.get("annotations").get("summary").asText()).isEqualTo("heap after GC at 88 % of its maximum");
    }

    @Test
    void alertmanager_usageCleared_onlyResolves() throws Exception {
        JsonNode alerts = body(payloads(WebhookFormat.ALERTMANAGER, null), usage(AlertLevel.NONE,
                AlertLevel.WARNING));

        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("endsAt").asText()).isEqualTo(T0.toString());
    }

    @Test
    void alertmanager_leakVerdict_firesCritical_capturesAndSummaryNotSent() throws Exception {
        WebhookPayloads payloads = payloads(WebhookFormat.ALERTMANAGER, null);
        JsonNode alerts = body(payloads, verdict(Verdict.LEAK, Verdict.STABLE));

        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("labels").get("alertname").asText()).isEqualTo("LeakhoundMemoryLeak");
        assertThat(alerts.get(0).get("labels").get("severity").asText()).isEqualTo("critical");
        assertThat(payloads.body(new WatchEvent.CaptureChanged(T0, Events.doneCapture()))).isEmpty();
        assertThat(payloads.body(new WatchEvent.Summary(T0, Events.target(), Events.growingRss(), List.of(),
                List.of()))).isEmpty();
    }

    @Test
    void pagerduty_raisedThenCleared_triggerAndResolveUnderOneDedupKey() throws Exception {
        WebhookPayloads payloads = payloads(WebhookFormat.PAGERDUTY, "R0UTING");
        JsonNode trigger = body(payloads, usage(AlertLevel.CRITICAL, AlertLevel.ESCALATE));
        JsonNode resolve = body(payloads, usage(AlertLevel.NONE, AlertLevel.CRITICAL));

        assertThat(trigger.get("routing_key").asText()).isEqualTo("R0UTING");
        assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.get("payload").get("severity").asText()).isEqualTo("critical");
        assertThat(trigger.get("payload").get("source").asText()).isEqualTo("pid 4242 (java -jar app.jar) on web-1");
        assertThat(trigger.get("payload").get("summary").asText())
                .isEqualTo("pid 4242 (java -jar app.jar) on web-1: heap after GC at 88 % of its maximum");
        assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.get("dedup_key").asText()).isEqualTo(trigger.get("dedup_key").asText())
                .isEqualTo("leakhound/web-1/4242/heap/usage");
    }

    @Test
    void pagerduty_withoutRoutingKey_refusedWithWhereToGiveIt() {
        assertThatThrownBy(() -> new WebhookSettings(URL, WebhookFormat.PAGERDUTY, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--webhook-routing-key").hasMessageContaining("LEAKHOUND_PAGERDUTY_ROUTING_KEY");
    }

    @Test
    void slack_summary_listsEachFindingsVerdict() throws Exception {
        JsonNode body = body(payloads(WebhookFormat.SLACK, null), new WatchEvent.Summary(T0, Events.target(),
                Events.growingRss(), List.of(), List.of()));

        assertThat(body.get("text").asText()).startsWith(":red_circle: *leakhound* pid 4242 (java -jar app.jar)"
                + " on web-1: the watch ended\n• rss: LEAK — ");
    }

    @Test
    void json_isTheWatchJsonLine() {
        WatchEvent alert = usage(AlertLevel.WARNING, AlertLevel.NONE);
        assertThat(payloads(WebhookFormat.JSON, null).body(alert)).contains(WatchJson.line(alert));
        assertThat(payloads(WebhookFormat.JSON, null).body(Events.heapSample(1, 1))).isEmpty();
    }

    @Test
    void header_malformedOrRestricted_refusedWithoutShowingTheValue() {
        assertThatThrownBy(() -> WebhookHeader.parse("Bearer-secret-token"))
                .hasMessage("header 'Bear…' is not 'Name: value' (expected a name, a colon, then the value)");
        assertThatThrownBy(() -> WebhookHeader.parse("Host: evil.example.com"))
                .hasMessageStartingWith("header 'Host' cannot be set: ");
        assertThat(WebhookHeader.parse("Authorization: Bearer abc").toString()).isEqualTo("Authorization: …");
    }
}

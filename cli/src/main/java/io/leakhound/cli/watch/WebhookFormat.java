package io.leakhound.cli.watch;

/**
 * The shape of each webhook POST ({@code watch --webhook-format}). Each receiver is sent only what it acts on:
 * a chat channel reads alerts, captures and the summary; an alert manager or a pager reads alerts only (a
 * capture or the end of a watch is not an incident to open or close).
 */
public enum WebhookFormat {
    /** leakhound's own JSON object, as its {@code watch --json} line: alerts, captures and the summary. */
    JSON,
    /** A Slack incoming webhook's {@code {"text": ...}}: alerts, captures and the summary, one line each. */
    SLACK,
    /**
     * Alertmanager's {@code POST /api/v2/alerts} body, an array of alerts: a raised alert fires, a cleared one
     * resolves ({@code endsAt} now), a change of level resolves the previous level's alert and fires the new.
     */
    ALERTMANAGER,
    /**
     * PagerDuty's Events API v2 ({@code /v2/enqueue}): a raised alert triggers, a cleared one resolves, both
     * under one {@code dedup_key} per target and resource; needs a routing key.
     */
    PAGERDUTY
}

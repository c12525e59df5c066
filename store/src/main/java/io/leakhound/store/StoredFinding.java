package io.leakhound.store;

import io.leakhound.series.verdict.AlertLevel;
import io.leakhound.series.verdict.Verdict;
import java.time.Instant;
import java.util.Objects;

/**
 * A finding as a watch stored it: written when a resource's verdict or alert level changes, and at the end of a
 * watch, so the history shows how the verdict evolved without storing one row per evaluation.
 */
public record StoredFinding(Instant at, String resource, Verdict verdict, double confidence,
                            double growthPerHour, AlertLevel alert, String summary) {

    public StoredFinding {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(summary, "summary");
    }
}

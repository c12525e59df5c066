package io.leakhound.series.history;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A change of alert state on one resource, as raised (or cleared) by a watch.
 *
 * @param at       when it changed
 * @param resource {@code heap}, {@code metaspace}, {@code threads}...
 * @param kind     {@link Kind#USAGE}: the graduated level of post-GC usage changed ({@code level} is NONE,
 *                 WARNING, ESCALATE or CRITICAL, NONE meaning cleared); {@link Kind#VERDICT}: the verdict turned
 *                 LEAK or stopped being LEAK ({@code level} is the new verdict: LEAK, STABLE, BOUNDED_GROWTH...)
 * @param level    the new level or verdict
 * @param previous the level or verdict before
 * @param message  one sentence a person reads at once
 */
public record Alert(Instant at, String resource, Kind kind, AlertState level, AlertState previous, String message) {

    /** What changed. */
    public enum Kind {
        USAGE, VERDICT;

        /** As stored and in JSON: {@code usage}, {@code verdict}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind of a stored label. */
        public static Kind ofLabel(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    public Alert {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(message, "message");
    }
}

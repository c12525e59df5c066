package io.leakhound.series.history;

import java.time.Instant;
import java.util.Objects;

/**
 * A change of alert state on one resource, as raised (or cleared) by a watch.
 *
 * @param at       when it changed
 * @param resource {@code heap}, {@code metaspace}, {@code threads}...
 * @param kind     {@link #USAGE}: the graduated level of post-GC usage changed ({@code level} is NONE, WARNING,
 *                 ESCALATE or CRITICAL, NONE meaning cleared); {@link #VERDICT}: the verdict turned LEAK or
 *                 stopped being LEAK ({@code level} is the new verdict: LEAK, STABLE, BOUNDED_GROWTH...)
 * @param level    the new level or verdict, by name
 * @param previous the level or verdict before, by name
 * @param message  one sentence a person reads at once
 */
public record Alert(Instant at, String resource, String kind, String level, String previous, String message) {

    public static final String USAGE = "usage";
    public static final String VERDICT = "verdict";

    public Alert {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(message, "message");
    }
}

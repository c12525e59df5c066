package io.leakhound.series.history;

import java.time.Instant;
import java.util.Objects;

/**
 * A marker a person put on the time line ({@code leakhound annotate "deploy v1.4.2"}): it applies to every
 * target in the store, since a deploy or a configuration change is not tied to one pid.
 */
public record Annotation(Instant at, String text) {

    public Annotation {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
    }
}

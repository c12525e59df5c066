package io.leakhound.series.history;

import io.leakhound.series.verdict.AlertLevel;
import io.leakhound.series.verdict.Verdict;
import java.util.Objects;

/**
 * Where an alert of a resource stands: a level of post-GC usage ({@link Usage}), a verdict ({@link Judged}), no
 * verdict yet ({@link NoVerdict}), or a name this version does not know ({@link Unknown}, a store written by a
 * later version).
 */
public sealed interface AlertState {

    /** The name as it is stored and printed: an {@link AlertLevel} or {@link Verdict} constant, or NONE. */
    String name();

    /** The usage level this state stands for; NONE for anything that is not a usage level. */
    default AlertLevel usageLevel() {
        return this instanceof Usage u ? u.level() : AlertLevel.NONE;
    }

    /** Whether this is the verdict LEAK. */
    default boolean isLeak() {
        return this instanceof Judged j && j.verdict() == Verdict.LEAK;
    }

    static AlertState of(AlertLevel level) {
        return new Usage(level);
    }

    static AlertState of(Verdict verdict) {
        return new Judged(verdict);
    }

    /**
     * The state of that stored name for an alert of that kind: the one place a name is read back (the store's
     * SQLite holds text).
     */
    static AlertState named(Alert.Kind kind, String name) {
        Objects.requireNonNull(name, "name");
        try {
            return switch (kind) {
                case USAGE -> new Usage(AlertLevel.valueOf(name));
                case VERDICT -> name.equals(NoVerdict.NAME) ? new NoVerdict() : new Judged(Verdict.valueOf(name));
            };
        } catch (IllegalArgumentException e) {
            return new Unknown(name);
        }
    }

    /** A level of post-GC usage against the limit. */
    record Usage(AlertLevel level) implements AlertState {
        public Usage {
            Objects.requireNonNull(level, "level");
        }

        @Override
        public String name() {
            return level.name();
        }
    }

    /** A verdict of the engine. */
    record Judged(Verdict verdict) implements AlertState {
        public Judged {
            Objects.requireNonNull(verdict, "verdict");
        }

        @Override
        public String name() {
            return verdict.name();
        }
    }

    /** No verdict before the first one. */
    record NoVerdict() implements AlertState {
        static final String NAME = "NONE";

        @Override
        public String name() {
            return NAME;
        }
    }

    /** A name this version does not know; treated as NONE. */
    record Unknown(String name) implements AlertState {
        public Unknown {
            Objects.requireNonNull(name, "name");
        }
    }
}

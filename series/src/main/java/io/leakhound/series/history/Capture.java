package io.leakhound.series.history;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One automatic capture: a baseline heap dump, a second one once the baseline has grown, and their diff.
 *
 * @param id           the store's key, or 0 before it is stored
 * @param started      when the capture was decided
 * @param state        {@link #BASELINE} (first dump taken, waiting for growth), {@link #DONE} (diffed),
 *                     {@link #REFUSED} (not enough disk, or not a JVM), {@link #FAILED}, {@link #ABANDONED}
 *                     (the watch ended before the baseline grew)
 * @param trigger      why it started, e.g. {@code "heap LEAK"}, {@code "heap ESCALATE"}
 * @param baselineDump the first dump, or null (deleted after analysis unless kept: the path is still recorded)
 * @param secondDump   the second dump, or null
 * @param report       the diff's HTML report, or null
 * @param holder       the holder the diff names first, e.g. {@code static io.leakhound.demo.DemoService.active},
 *                     or null
 * @param path         the holder's path from a GC root, as the diff prints it, or null
 * @param message      what happened, in one sentence (the reason for REFUSED, FAILED and ABANDONED)
 * @param finished     when it reached its final state, or null while in progress
 */
public record Capture(long id, Instant started, State state, String trigger, Path baselineDump, Path secondDump,
                      Path report, String holder, String path, String message, Instant finished) {

    /** Where a capture stands; {@link #toString()} is its label as stored, printed and in JSON. */
    public enum State {
        /** the first dump is taken, waiting for growth */
        BASELINE,
        /** both dumps taken and compared */
        DONE,
        /** not enough disk, or not a JVM */
        REFUSED,
        FAILED,
        /** the watch ended before the baseline grew */
        ABANDONED;

        /** Whether the capture has reached its final state. */
        public boolean isFinal() {
            return this != BASELINE;
        }

        /** {@code baseline}, {@code done}...: the stored and printed label. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The state of a stored label. */
        public static State ofLabel(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return label();
        }
    }

    // the states under their former names, so that {@code Capture.DONE} reads as before
    public static final State BASELINE = State.BASELINE;
    public static final State DONE = State.DONE;
    public static final State REFUSED = State.REFUSED;
    public static final State FAILED = State.FAILED;
    public static final State ABANDONED = State.ABANDONED;

    public Capture {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(message, "message");
    }
}

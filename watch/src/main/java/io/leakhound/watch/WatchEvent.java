package io.leakhound.watch;

import io.leakhound.series.Unit;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.series.history.Alert;
import io.leakhound.heap.HeapDiff;
import io.leakhound.series.history.Capture;
import io.leakhound.series.history.Target;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a watch reports as it goes, to every {@link WatchSink}: the terminal, JSON lines, a webhook. One JSON
 * line each, by {@code type}: {@code sample}, {@code finding}, {@code alert}, {@code capture}, {@code message},
 * then one {@code summary}.
 */
public sealed interface WatchEvent {

    /** When it happened. */
    Instant at();

    /**
     * A reading: the heap after one collection ({@code gc} names it), or a periodic sample of another resource
     * ({@code gc} null).
     */
    record SampleTaken(Instant at, String resource, Unit unit, long value, long limit, String gc)
            implements WatchEvent {
        public SampleTaken {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(unit, "unit");
        }
    }

    /** A resource's verdict or alert level changed (and the first finding of each resource). */
    record FindingChanged(Instant at, Finding finding) implements WatchEvent {
        public FindingChanged {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(finding, "finding");
        }
    }

    /** An alert was raised or cleared. */
    record AlertChanged(Alert alert) implements WatchEvent {
        public AlertChanged {
            Objects.requireNonNull(alert, "alert");
        }

        @Override
        public Instant at() {
            return alert.at();
        }
    }

    /**
     * An automatic capture started, moved on or ended; {@code diff} is the comparison of its two dumps when it
     * is DONE (for a listener to render), null otherwise.
     */
    record CaptureChanged(Instant at, Capture capture, HeapDiff diff) implements WatchEvent {
        public CaptureChanged {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(capture, "capture");
        }

        /** A change that no diff came with (every state but DONE). */
        public CaptureChanged(Instant at, Capture capture) {
            this(at, capture, null);
        }
    }

    /** Something a person watching should know: attached, resumed, the target exited... */
    record Message(Instant at, String text) implements WatchEvent {
        public Message {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The end of a watch: the verdicts over the whole stored series (the same findings as {@code analyze}),
     * with the alerts and captures of the target.
     */
    record Summary(Instant at, Target target, MemoryAnalysis analysis, List<Alert> alerts, List<Capture> captures)
            implements WatchEvent {
        public Summary {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(analysis, "analysis");
            alerts = List.copyOf(alerts);
            captures = List.copyOf(captures);
        }
    }
}

package io.leakhound.series;

import java.time.Duration;

/**
 * Whole-log counts and pause totals, accumulated event by event so that they stay exact however much
 * the {@link GcSeries} is thinned. Not thread-safe.
 */
public final class GcStatistics {

    private long events;
    private long pauses;
    private long pauseTotalMicros;
    private long pauseMaxMicros;
    private long fullCollections;
    private final long[] byKind = new long[GcKind.values().length];

    void add(GcEvent event) {
        events++;
        long micros = event.pause().toNanos() / 1000;
        if (micros > 0) {
            pauses++;
            pauseTotalMicros += micros;
            pauseMaxMicros = Math.max(pauseMaxMicros, micros);
        }
        if (event.kind() == GcKind.FULL) {
            fullCollections++;
        }
        byKind[event.kind().ordinal()]++;
    }

    /** Every event read, pauses and concurrent cycles alike. */
    public long events() {
        return events;
    }

    /** Events that stopped the application. */
    public long pauses() {
        return pauses;
    }

    public Duration pauseTotal() {
        return Duration.ofNanos(pauseTotalMicros * 1000);
    }

    public Duration pauseMax() {
        return Duration.ofNanos(pauseMaxMicros * 1000);
    }

    /** Stop-the-world collections of the whole heap (full GCs, Shenandoah degenerated GCs). */
    public long fullCollections() {
        return fullCollections;
    }

    public long count(GcKind kind) {
        return byKind[kind.ordinal()];
    }
}

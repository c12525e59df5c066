package io.leakhound.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GcSeriesTest {

    private static GcEvent event(long uptimeMillis, GcKind kind, long afterBytes, long pauseMillis) {
        return new GcEvent(Duration.ofMillis(uptimeMillis), null, uptimeMillis, Collector.G1, kind,
                kind == GcKind.FULL ? "Pause Full" : "Pause Young (Normal)", "G1 Evacuation Pause",
                MemoryChange.of(afterBytes + 10, afterBytes, 1000), MemoryChange.UNKNOWN, MemoryChange.UNKNOWN,
                Duration.ofMillis(pauseMillis), Duration.ofMillis(pauseMillis));
    }

    @Test
    void get_returnsWhatWasAdded() {
        GcSeries series = new GcSeries();
        GcEvent added = new GcEvent(Duration.ofMillis(1234), Instant.parse("2026-01-01T10:00:00Z"), 7,
                Collector.PARALLEL, GcKind.FULL, "Pause Full", "Ergonomics", MemoryChange.of(300, 100, 512),
                MemoryChange.of(200, 90, 400), MemoryChange.of(50, 49, 64), Duration.ofNanos(1_500_000),
                Duration.ofNanos(1_500_000));
        series.add(added);

        assertThat(series.get(0)).isEqualTo(added);
        assertThat(series.heapAfter(0)).isEqualTo(100);
        assertThat(series.metaspaceAfter(0)).isEqualTo(49);
        assertThat(series.oldAfter(0)).isEqualTo(90);
    }

    @Test
    void unknownMemoryChange_roundTripsAsUnknown() {
        GcSeries series = new GcSeries();
        series.add(event(0, GcKind.YOUNG, 5, 1));
        assertThat(series.get(0).metaspace()).isSameAs(MemoryChange.UNKNOWN);
    }

    @Test
    void thin_atCapacity_dropsYoungEventsKeepsCleaningOnesAndPauseTotals() {
        GcSeries series = new GcSeries(16);
        for (int i = 0; i < 40; i++) {
            series.add(event(i * 100L, i % 10 == 9 ? GcKind.FULL : GcKind.YOUNG, i, 2));
        }

        assertThat(series.size()).isLessThanOrEqualTo(16);
        assertThat(series.thinnedEvents()).isEqualTo(40 - series.size());
        long fullKept = 0;
        long pauseMicros = 0;
        for (int i = 0; i < series.size(); i++) {
            fullKept += series.kind(i) == GcKind.FULL ? 1 : 0;
            pauseMicros += series.pauseMicros(i);
        }
        assertThat(fullKept).isEqualTo(4);
        // every dropped young pause was folded into a kept event: 40 events x 2 ms
        assertThat(pauseMicros).isEqualTo(40 * 2_000);
        assertThat(series.statistics().events()).isEqualTo(40);
        assertThat(series.statistics().pauseTotal()).isEqualTo(Duration.ofMillis(80));
        assertThat(series.statistics().fullCollections()).isEqualTo(4);
        for (int i = 1; i < series.size(); i++) {
            assertThat(series.uptimeMillis(i)).isGreaterThan(series.uptimeMillis(i - 1));
        }
    }

    @Test
    void thin_withOnlyCleaningEvents_stillBoundsMemory() {
        GcSeries series = new GcSeries(16);
        for (int i = 0; i < 100; i++) {
            series.add(event(i, GcKind.FULL, i, 1));
        }
        assertThat(series.size()).isLessThanOrEqualTo(16);
        assertThat(series.heapAfter(series.size() - 1)).isEqualTo(99);
    }

    @Test
    void sortByUptime_restoresTimeOrderStably() {
        GcSeries series = new GcSeries();
        series.add(event(300, GcKind.YOUNG, 3, 1));
        series.add(event(100, GcKind.YOUNG, 1, 1));
        series.add(event(200, GcKind.FULL, 2, 1));
        series.sortByUptime();
        assertThat(series.heapAfter(0)).isEqualTo(1);
        assertThat(series.kind(1)).isEqualTo(GcKind.FULL);
        assertThat(series.heapAfter(2)).isEqualTo(3);
    }

    @Test
    void span_coversFirstStartToLastEnd() {
        GcSeries series = new GcSeries();
        series.add(event(1_000, GcKind.YOUNG, 1, 5));
        series.add(event(61_000, GcKind.YOUNG, 1, 5));
        assertThat(series.span()).isEqualTo(Duration.ofMillis(60_005));
    }

    @Test
    void get_outOfRange_throws() {
        assertThatThrownBy(() -> new GcSeries().get(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void constructor_tinyCapacity_rejectedWithValue() {
        assertThatThrownBy(() -> new GcSeries(3)).hasMessageContaining("3");
    }
}

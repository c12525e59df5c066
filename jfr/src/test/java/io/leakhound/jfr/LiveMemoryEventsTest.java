package io.leakhound.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.series.GcEvent;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A live stream of this JVM's own memory events, joined as the watch joins a watched JVM's. */
@Tag("slow") // streams JFR events of this JVM for seconds
class LiveMemoryEventsTest {

    @Test
    void inProcessStream_collectionsHandedOverOnceCompleteAndOnlyOnce() throws Exception {
        Instant jvmStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        LiveMemoryEvents live = new LiveMemoryEvents(jvmStart);
        List<GcEvent> handed = new ArrayList<>();
        List<LiveMemoryEvents.Reading> readings = new ArrayList<>();
        try (RecordingStream stream = new RecordingStream()) {
            for (String type : LiveMemoryEvents.EVENT_TYPES) {
                stream.enable(type).withoutThreshold();
            }
            for (String type : LiveMemoryEvents.PERIODIC_TYPES) {
                stream.enable(type).withPeriod(Duration.ofMillis(200));
            }
            stream.onEvent(live::accept);
            stream.startAsync();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (handed.size() < 3 && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(500);
                LiveMemoryEvents.Drained drained = live.drain(Instant.now());
                handed.addAll(drained.gcEvents());
                readings.addAll(drained.readings());
            }
        }
        // whatever was still settling is handed over by a drain far in the future, and nothing twice
        handed.addAll(live.drain(Instant.now().plus(Duration.ofMinutes(5))).gcEvents());

        assertThat(handed).hasSizeGreaterThanOrEqualTo(3);
        assertThat(handed).extracting(GcEvent::gcId).doesNotHaveDuplicates();
        GcEvent first = handed.get(0);
        assertThat(first.heap().hasAfter()).isTrue();
        assertThat(first.name()).isNotEqualTo("GC");
        // uptimes count from this JVM's start: at most the time this test has run so far
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        assertThat(first.uptime().toMillis()).isBetween(0L, uptime);
        assertThat(readings).extracting(LiveMemoryEvents.Reading::resource).contains("classes", "threads");
        assertThat(readings).filteredOn(r -> r.resource().equals("threads"))
                .allSatisfy(r -> assertThat(r.value()).isPositive());
    }
}

package io.leakhound.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.live.JvmConnection;
import io.leakhound.series.Collector;
import io.leakhound.series.GcEvent;
import io.leakhound.series.GcKind;
import io.leakhound.series.MemoryChange;
import io.leakhound.store.Sample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JMX source read against this test's own JVM, through the same JMX interfaces as an attached one. */
class JmxProbeTest {

    @Test
    void collectionOfThisJvm_arrivesAsAnEventWithTheHeapAfterItAndTheSampledResources() throws Exception {
        try (JmxProbe probe = JmxProbe.open(JvmConnection.self(), Duration.ofSeconds(1))) {
            byte[][] garbage = new byte[64][];
            for (int i = 0; i < garbage.length; i++) {
                garbage[i] = new byte[64 * 1024];
            }
            garbage = null;
            System.gc();
            List<GcEvent> events = new ArrayList<>();
            List<Sample> samples = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (events.isEmpty() && System.nanoTime() < deadline) {
                Readings r = probe.poll();
                events.addAll(r.gcEvents());
                samples.addAll(r.samples());
                Thread.sleep(50);
            }
            assertThat(events).as("the System.gc() notification").isNotEmpty();
            GcEvent gc = events.get(0);
            assertThat(gc.collector()).isNotEqualTo(Collector.UNKNOWN);
            assertThat(gc.heap().hasAfter()).isTrue();
            assertThat(gc.heap().afterBytes()).isPositive().isLessThanOrEqualTo(gc.heap().beforeBytes());
            assertThat(gc.metaspace().hasAfter()).isTrue();
            assertThat(gc.uptime()).isPositive();
            assertThat(samples).extracting(Sample::resource).contains("classes", "threads", "direct");
            assertThat(probe.maxHeapBytes()).isPositive();
        }
    }

    @Test
    void collectorMxBeanNames_nameTheirCollector() {
        assertThat(JmxProbe.collectorOf("G1 Young Generation")).isEqualTo(Collector.G1);
        assertThat(JmxProbe.collectorOf("PS MarkSweep")).isEqualTo(Collector.PARALLEL);
        assertThat(JmxProbe.collectorOf("Copy")).isEqualTo(Collector.SERIAL);
        assertThat(JmxProbe.collectorOf("MarkSweepCompact")).isEqualTo(Collector.SERIAL);
        assertThat(JmxProbe.collectorOf("ConcurrentMarkSweep")).isEqualTo(Collector.CMS);
        assertThat(JmxProbe.collectorOf("ZGC Cycles")).isEqualTo(Collector.ZGC);
        assertThat(JmxProbe.collectorOf("ZGC Major Cycles")).isEqualTo(Collector.GENERATIONAL_ZGC);
        assertThat(JmxProbe.collectorOf("Shenandoah Cycles")).isEqualTo(Collector.SHENANDOAH);
    }

    @Test
    void g1YoungMxBean_reportsAMixedCollectionByTheOldGenerationItShrinks() {
        MemoryChange oldShrank = MemoryChange.of(80 << 20, 50 << 20, 128 << 20);
        MemoryChange oldGrew = MemoryChange.of(50 << 20, 52 << 20, 128 << 20);
        assertThat(JmxProbe.kindOf("G1 Young Generation", oldShrank)).isEqualTo(GcKind.MIXED);
        assertThat(JmxProbe.kindOf("G1 Young Generation", oldGrew)).isEqualTo(GcKind.YOUNG);
        assertThat(JmxProbe.kindOf("G1 Old Generation", oldShrank)).isEqualTo(GcKind.FULL);
        assertThat(JmxProbe.kindOf("PS Scavenge", oldShrank)).isEqualTo(GcKind.YOUNG);
        assertThat(JmxProbe.kindOf("ZGC Cycles", MemoryChange.UNKNOWN)).isEqualTo(GcKind.CONCURRENT_CYCLE);
    }
}

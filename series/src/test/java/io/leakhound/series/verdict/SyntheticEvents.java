package io.leakhound.series.verdict;

import io.leakhound.series.Collector;
import io.leakhound.series.GcEvent;
import io.leakhound.series.GcKind;
import io.leakhound.series.GcSeries;
import io.leakhound.series.MemoryChange;
import io.leakhound.series.gclog.GcLog;
import io.leakhound.series.gclog.GcLogFormat;
import io.leakhound.testing.SyntheticGcLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Turns a synthetic log's events into a {@link GcLog} without parsing its text. */
final class SyntheticEvents {

    private SyntheticEvents() {
    }

    static GcLog toLog(SyntheticGcLog log) {
        Collector collector = switch (log.flavor()) {
            case G1 -> Collector.G1;
            case PARALLEL -> Collector.PARALLEL;
            case SERIAL -> Collector.SERIAL;
            case ZGC -> Collector.ZGC;
        };
        GcSeries series = new GcSeries();
        long id = 0;
        for (SyntheticGcLog.Event e : log.events()) {
            Duration pause = Duration.ofNanos(e.pauseMicros() * 1000);
            series.add(new GcEvent(Duration.ofMillis(e.uptimeMillis()), null, id++, collector,
                    GcKind.valueOf(e.kind()), e.name(), null,
                    MemoryChange.of(e.beforeBytes(), e.afterBytes(), e.capacityBytes()),
                    MemoryChange.UNKNOWN, MemoryChange.UNKNOWN, pause, pause));
        }
        return new GcLog(List.of(Path.of("synthetic.log")), GcLogFormat.UNIFIED, collector, series,
                log.maxHeapBytes(), log.events().size(), 0, List.of());
    }

    static Finding heap(SyntheticGcLog log) {
        return LeakAnalyzer.analyze(toLog(log)).findings().get(0);
    }
}

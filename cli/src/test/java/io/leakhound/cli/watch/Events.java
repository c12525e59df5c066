package io.leakhound.cli.watch;

import io.leakhound.watch.WatchEvent;
import io.leakhound.series.verdict.AlertLevel;
import io.leakhound.series.history.AlertState;
import io.leakhound.series.Unit;
import io.leakhound.series.verdict.LeakAnalyzer;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.series.verdict.PointQuality;
import io.leakhound.series.verdict.UsageSeries;
import io.leakhound.series.history.Alert;
import io.leakhound.series.history.Capture;
import io.leakhound.series.history.Target;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** One event of each kind with known figures, for the sink tests. */
final class Events {

    static final long MB = 1L << 20;
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private Events() {
    }

    /** The engine's verdict on an RSS that grows 1 MB a minute for an hour against a 1 GB limit. */
    static MemoryAnalysis growingRss() {
        UsageSeries.Builder b = UsageSeries.builder("rss").limitBytes(1024 * MB);
        for (int minute = 0; minute <= 60; minute++) {
            b.add(minute * 60_000L, 100 * MB + minute * MB, PointQuality.RAW);
        }
        return LeakAnalyzer.analyze("pid 4242 (node server.js)", List.of(b.build()));
    }

    static Target target() {
        return new Target(1, Target.PROCESS, 4242, T0.minusSeconds(3600), "node server.js", -1);
    }

    static WatchEvent.SampleTaken heapSample(int second, long value) {
        return new WatchEvent.SampleTaken(T0.plusSeconds(second), "heap", Unit.BYTES, value, 256 * MB, "G1 Young");
    }

    static WatchEvent.SampleTaken threadSample(int second, long value) {
        return new WatchEvent.SampleTaken(T0.plusSeconds(second), "threads", Unit.COUNT, value, -1, null);
    }

    static Alert alert(int second, String message) {
        return new Alert(T0.plusSeconds(second), "heap", Alert.Kind.USAGE, AlertState.of(AlertLevel.ESCALATE),
                AlertState.of(AlertLevel.WARNING), message);
    }

    static Capture doneCapture() {
        return new Capture(7, T0, Capture.DONE, "heap LEAK", null, null, Path.of("/tmp/diff-7.html"),
                "static io.leakhound.demo.DemoService.active",
                "GC root (static) io.leakhound.demo.DemoService.active\n  -> java.util.ArrayList.elementData",
                "the baseline grew 12 % in 40 s", T0.plusSeconds(90));
    }

    static Capture baselineCapture() {
        return new Capture(7, T0, Capture.BASELINE, "heap LEAK", Path.of("/tmp/base.hprof"), null, null, null, null,
                "waiting for the baseline to grow 10 %", null);
    }
}

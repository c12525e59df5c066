package io.leakhound.cli.watch;

import io.leakhound.watch.WatchEvent;
import io.leakhound.series.verdict.Verdict;
import io.leakhound.series.verdict.AlertLevel;
import io.leakhound.series.history.AlertState;
import static io.leakhound.cli.watch.Events.MB;
import static io.leakhound.cli.watch.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.report.TextReport;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.series.history.Alert;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalSinkTest {

    private final StringWriter text = new StringWriter();
    private final TerminalSink quiet = new TerminalSink(new PrintWriter(text), false, ZoneOffset.UTC);

    private List<String> lines() {
        return text.toString().lines().toList();
    }

    @Test
    void samples_notVerbose_oneStatusLinePerMinute() {
        // a heap sample and a thread sample every 5 s for 3 minutes
        for (int s = 0; s <= 180; s += 5) {
            quiet.accept(Events.heapSample(s, (100 + s / 5) * MB));
            quiet.accept(Events.threadSample(s, 20 + s / 60));
        }
        assertThat(lines()).containsExactly(
                "10:01:00  heap after G1 Young 112 MB of 256 MB · threads 20",
                "10:02:00  heap after G1 Young 124 MB of 256 MB · threads 21",
                "10:03:00  heap after G1 Young 136 MB of 256 MB · threads 22");
    }

    @Test
    void samples_verbose_oneLineEach() {
        TerminalSink verbose = new TerminalSink(new PrintWriter(text), true, ZoneOffset.UTC);
        verbose.accept(Events.heapSample(5, 120 * MB));
        verbose.accept(Events.threadSample(6, 1200));
        assertThat(lines()).containsExactly("10:00:05  heap after G1 Young 120 MB of 256 MB",
                "10:00:06  threads 1,200");
    }

    @Test
    void alert_raised_standsOut_lowered_doesNot() {
        quiet.accept(new WatchEvent.AlertChanged(Events.alert(7, "heap after GC at 87 % of 256 MB (ESCALATE: plan a "
                + "restart)")));
        quiet.accept(new WatchEvent.AlertChanged(new Alert(T0.plusSeconds(60), "heap", Alert.Kind.USAGE,
                AlertState.of(AlertLevel.WARNING), AlertState.of(AlertLevel.ESCALATE), "heap after GC down to 78 % of 256 MB")));
        assertThat(lines()).containsExactly(
                "10:00:07  !! ALERT heap ESCALATE: heap after GC at 87 % of 256 MB (ESCALATE: plan a restart)",
                "10:01:00  alert heap lowered to WARNING: heap after GC down to 78 % of 256 MB");
    }

    @Test
    void verdictAlert_leakThenCleared_raisedStandsOut() {
        quiet.accept(new WatchEvent.AlertChanged(new Alert(T0, "heap", Alert.Kind.VERDICT, AlertState.of(Verdict.LEAK),
                AlertState.of(Verdict.STABLE), "grows")));
        quiet.accept(new WatchEvent.AlertChanged(new Alert(T0.plusSeconds(30), "heap", Alert.Kind.VERDICT, AlertState.of(Verdict.STABLE),
                AlertState.of(Verdict.LEAK),
                "heap no longer judged a leak (STABLE): flat")));
        quiet.accept(new WatchEvent.AlertChanged(new Alert(T0.plusSeconds(31), "heap", Alert.Kind.USAGE, AlertState.of(AlertLevel.NONE),
                AlertState.of(AlertLevel.WARNING),
                "heap after GC down to 60 %")));
        assertThat(lines()).containsExactly("10:00:00  !! ALERT heap LEAK: grows",
                "10:00:30  alert heap cleared: heap no longer judged a leak (STABLE): flat",
                "10:00:31  alert heap cleared: heap after GC down to 60 %");
    }

    @Test
    void finding_printedAsAnalyzePrintsIt() {
        MemoryAnalysis analysis = Events.growingRss();
        quiet.accept(new WatchEvent.FindingChanged(T0, analysis.findings().get(0)));
        assertThat(lines()).containsExactly("10:00:00  LEAK  rss  " + analysis.findings().get(0).summary());
    }

    @Test
    void capture_done_holderPathAndReport() {
        quiet.accept(new WatchEvent.CaptureChanged(T0, Events.baselineCapture()));
        quiet.accept(new WatchEvent.CaptureChanged(T0.plusSeconds(90), Events.doneCapture()));
        assertThat(lines()).containsExactly(
                "10:00:00  capture #7 (heap LEAK) waiting for the baseline to grow 10 %",
                "10:01:30  capture #7 (heap LEAK) done: the baseline grew 12 % in 40 s",
                "  holder: static io.leakhound.demo.DemoService.active",
                "  GC root (static) io.leakhound.demo.DemoService.active",
                "    -> java.util.ArrayList.elementData",
                "  report: /tmp/diff-7.html");
    }

    @Test
    void summary_textReportThenCounts() {
        MemoryAnalysis analysis = Events.growingRss();
        quiet.accept(new WatchEvent.Summary(T0, Events.target(), analysis, List.of(Events.alert(7, "up")),
                List.of(Events.doneCapture())));
        assertThat(text.toString()).isEqualTo("\n" + TextReport.render(analysis) + "1 alert raised, 1 capture\n"
                + "  holder: static io.leakhound.demo.DemoService.active (report /tmp/diff-7.html)\n");
    }
}

package io.leakhound.cli;

import io.leakhound.report.HeapDiffHtmlReport;
import io.leakhound.series.history.Capture;
import io.leakhound.watch.WatchEvent;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Writes the HTML report of each capture's diff where the capture says ({@code Capture.report()}), then passes
 * the event on: the watch compares the dumps, the command renders (the report exists by the time the sinks
 * print its path).
 */
final class DiffReportWriter implements Consumer<WatchEvent> {

    /** How many growth suspects the report shows, as {@code leakhound diff --html} does by default. */
    private static final int SUSPECTS = 20;

    private final Consumer<WatchEvent> next;

    DiffReportWriter(Consumer<WatchEvent> next) {
        this.next = next;
    }

    @Override
    public void accept(WatchEvent event) {
        if (event instanceof WatchEvent.CaptureChanged c && c.diff() != null && c.capture().report() != null) {
            Capture done = c.capture();
            try {
                HeapDiffHtmlReport.write(c.diff(), SUSPECTS, null, done.report());
            } catch (IOException e) {
                // the capture stands without its report: say so where its path would have been printed
                next.accept(new WatchEvent.CaptureChanged(c.at(), new Capture(done.id(), done.started(), done.state(),
                        done.trigger(), done.baselineDump(), done.secondDump(), null, done.holder(), done.path(),
                        done.message() + " (its HTML report " + done.report() + " could not be written: "
                                + e.getMessage() + ")", done.finished()), c.diff()));
                return;
            }
        }
        next.accept(event);
    }
}

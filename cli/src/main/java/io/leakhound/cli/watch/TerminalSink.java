package io.leakhound.cli.watch;

import io.leakhound.watch.WatchSink;
import io.leakhound.watch.WatchEvent;
import io.leakhound.report.TextReport;
import io.leakhound.series.Human;
import io.leakhound.series.verdict.AlertLevel;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.Verdict;
import io.leakhound.series.history.Alert;
import io.leakhound.series.history.Capture;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A watch for a person at a terminal: messages, verdict changes (as {@code analyze} prints a finding), alerts
 * set apart so they are not missed, captures as they progress (the holder, its path and the report at the end),
 * and the final report. Samples are shown one per line only when verbose; otherwise at most one compact status
 * line per minute of the target's time (the latest reading of each resource), so that a long watch stays
 * readable and still shows it is alive. Every figure goes through {@link Human}.
 *
 * <p>Each line starts with the local wall-clock time of the event. Costs one formatted line per event shown;
 * safe to call from the sampling and the capture thread at once.
 */
public final class TerminalSink implements WatchSink {

    /** How often the compact status line is printed at most, when not verbose. */
    public static final Duration STATUS_EVERY = Duration.ofMinutes(1);

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PrintWriter out;
    private final boolean verbose;
    private final ZoneId zone;
    /** The latest reading of each resource, in the order resources first came (a status line keeps its order). */
    private final Map<String, WatchEvent.SampleTaken> latest = new LinkedHashMap<>();
    private Instant lastStatus;

    public TerminalSink(PrintWriter out, boolean verbose) {
        this(out, verbose, ZoneId.systemDefault());
    }

    /** With the zone the clock at the start of each line is shown in (tests use UTC). */
    TerminalSink(PrintWriter out, boolean verbose, ZoneId zone) {
        this.out = Objects.requireNonNull(out, "out");
        this.verbose = verbose;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public synchronized void accept(WatchEvent event) {
        if (event instanceof WatchEvent.SampleTaken s) {
            sample(s);
        } else if (event instanceof WatchEvent.FindingChanged f) {
            line(f.at(), finding(f.finding()));
        } else if (event instanceof WatchEvent.AlertChanged a) {
            line(a.at(), alert(a.alert()));
        } else if (event instanceof WatchEvent.CaptureChanged c) {
            capture(c.at(), c.capture());
        } else if (event instanceof WatchEvent.Message m) {
            line(m.at(), m.text());
        } else if (event instanceof WatchEvent.Summary s) {
            summary(s);
        }
        out.flush();
    }

    @Override
    public synchronized void close() {
        out.flush();
    }

    private void sample(WatchEvent.SampleTaken s) {
        if (verbose) {
            line(s.at(), reading(s));
            return;
        }
        latest.put(s.resource(), s);
        if (lastStatus == null) {
            // the first status line comes a minute after the first reading, when there is something to show
            lastStatus = s.at();
            return;
        }
        if (Duration.between(lastStatus, s.at()).compareTo(STATUS_EVERY) >= 0) {
            StringBuilder status = new StringBuilder();
            for (WatchEvent.SampleTaken r : latest.values()) {
                status.append(status.length() == 0 ? "" : " · ").append(reading(r));
            }
            line(s.at(), status.toString());
            lastStatus = s.at();
        }
    }

    /** {@code heap after G1 Young 120 MB of 256 MB}, {@code threads 23}, {@code rss 310 MB}. */
    static String reading(WatchEvent.SampleTaken s) {
        String what = s.gc() == null ? s.resource() : s.resource() + " after " + s.gc();
        String value = Human.amount(s.value(), s.unit());
        return what + " " + value + (s.limit() > 0 ? " of " + Human.amount(s.limit(), s.unit()) : "");
    }

    /** As {@code analyze} prints a finding: {@code LEAK  heap  <summary>  [ESCALATE: 87 % of 256 MB after GC]}. */
    static String finding(Finding f) {
        String alert = TextReport.alert(f);
        return TextReport.label(f.verdict()) + "  " + f.resource() + "  " + f.summary()
                + (alert.isEmpty() ? "" : "  [" + alert + "]");
    }

    /**
     * A raised alert shouts, a lowered or cleared one does not: {@code !! ALERT heap ESCALATE: ...},
     * {@code alert heap lowered to WARNING: ...}, {@code alert heap cleared: ...}.
     */
    static String alert(Alert a) {
        if (raises(a)) {
            return "!! ALERT " + a.resource() + " " + a.level().name() + ": " + a.message();
        }
        boolean cleared = a.kind() == Alert.Kind.VERDICT || a.level().usageLevel() == AlertLevel.NONE;
        return "alert " + a.resource() + (cleared ? " cleared: " : " lowered to " + a.level().name() + ": ") + a.message();
    }

    /** Whether the alert is a rise (a higher usage level, or LEAK) rather than a fall or a clearing. */
    static boolean raises(Alert a) {
        if (a.kind() == Alert.Kind.VERDICT) {
            return a.level().isLeak();
        }
        return a.level().usageLevel().compareTo(a.previous().usageLevel()) > 0;
    }

    private void capture(Instant at, Capture c) {
        String head = "capture" + (c.id() > 0 ? " #" + c.id() : "") + " (" + c.trigger() + ") ";
        switch (c.state()) {
            case BASELINE -> line(at, head + c.message());
            case DONE -> {
                line(at, head + "done: " + c.message());
                if (c.holder() != null) {
                    out.println("  holder: " + c.holder());
                }
                if (c.path() != null) {
                    for (String pathLine : c.path().split("\n")) {
                        out.println("  " + pathLine);
                    }
                }
                if (c.report() != null) {
                    out.println("  report: " + c.report());
                }
            }
            default -> line(at, head + c.state() + ": " + c.message());
        }
    }

    private void summary(WatchEvent.Summary s) {
        out.println();
        out.print(TextReport.render(s.analysis()));
        long raised = s.alerts().stream().filter(TerminalSink::raises).count();
        out.println(raised + (raised == 1 ? " alert raised" : " alerts raised") + ", " + s.captures().size()
                + (s.captures().size() == 1 ? " capture" : " captures"));
        for (Capture c : s.captures()) {
            if (Capture.DONE.equals(c.state()) && c.holder() != null) {
                out.println("  holder: " + c.holder() + (c.report() == null ? "" : " (report " + c.report() + ")"));
            }
        }
    }

    private void line(Instant at, String text) {
        out.println(CLOCK.format(at.atZone(zone)) + "  " + text);
    }
}

package io.leakhound.cli;

import io.leakhound.live.JvmConnection;
import io.leakhound.report.Conclusion;
import io.leakhound.series.history.Target;
import io.leakhound.series.verdict.AlertLevel;
import io.leakhound.store.WatchStore;
import io.leakhound.watch.CaptureSettings;
import io.leakhound.watch.HeapCapture;
import io.leakhound.cli.watch.JsonLinesSink;
import io.leakhound.watch.JvmSource;
import io.leakhound.watch.ProcProbe;
import io.leakhound.watch.ProcessProbe;
import io.leakhound.cli.watch.TerminalSink;
import io.leakhound.watch.WatchEvent;
import io.leakhound.watch.Watcher;
import io.leakhound.cli.watch.WebhookFormat;
import io.leakhound.cli.watch.WebhookHeader;
import io.leakhound.cli.watch.WebhookSettings;
import io.leakhound.cli.watch.WebhookSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code leakhound watch PID}: watches a running process until stopped, its duration ends or it exits, storing
 * every reading in a SQLite file, re-judging the stored series every interval, alerting, and (for a JVM)
 * capturing two heap dumps and their diff when the heap leaks. The loop itself is {@link Watcher}; this class
 * only wires the probe, the sinks and the capture to the options, and turns Ctrl-C into a clean end (the
 * summary is written, the recording in the target closed).
 */
@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        header = "Watch a running process: verdicts over time, alerts, and automatic heap dumps when it leaks.",
        description =
            "A JVM is attached to (Attach API, same user) and streams a flight recording of its memory events only: "
                + "the heap after each collection, metaspace, loaded classes, live threads, direct buffers. Any other "
                + "process (or a JVM with --process) is read from /proc: resident set size and threads. Every "
                + "reading is stored at once in a SQLite file (--db), so a watch can be stopped, killed and resumed: "
                + "a new watch of the same process continues its series. Every interval the whole series is judged as "
                + "'leakhound analyze' judges a GC log; alerts follow the post-GC usage (" + AlertLevel.Percent.WARNING + " %% WARNING, "
                + AlertLevel.Percent.ESCALATE + " %% ESCALATE, " + AlertLevel.Percent.CRITICAL + " %% CRITICAL, with a 5-point band before an alert clears) and LEAK verdicts. When the heap of a JVM "
                + "turns LEAK (or reaches ESCALATE), a live-objects heap dump is taken in it, a second once the "
                + "heap after GC has grown by 10 %%, and the two are compared as 'leakhound diff' would: the holder "
                + "that grew is printed with its path and an HTML report is kept (at most one pair per "
                + "--capture-every; refused when the free disk is below 1.2 times the heap in use). With --verbose, "
                + "every sample is printed too.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.NO_LEAK + ":the watch ended without a LEAK finding",
            ExitCodes.LEAK + ":at least one LEAK finding at the end of the watch",
            ExitCodes.BAD_INPUT + ":bad usage, no such process, attach refused, or the store cannot be used",
            ExitCodes.NOT_ENOUGH_DATA + ":the watch ended with every finding INCONCLUSIVE (too short to judge)"})
final class WatchCommand implements Callable<Integer> {

    /**
     * How long Ctrl-C waits for the watch to finish its last step: a capture dumping or comparing is given 3
     * minutes (HeapCapture.FINISH_WAIT) so that its dumps are not left half-analysed.
     */
    private static final Duration STOP_GRACE = Duration.ofMinutes(4);

    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "PID", description = "The process to watch (a JVM, or any process).")
    long pid;

    @Option(names = "--interval", paramLabel = "TIME", defaultValue = "5s", converter = DurationConverter.class,
            description = "How often the series is judged and the resources sampled (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "How long to watch (default: until Ctrl-C or until the process exits).")
    Duration duration;

    @Mixin
    DbOption db;

    @Option(names = "--json", description = "One JSON object per line on stdout: samples, findings, alerts, captures,"
            + " messages, then a summary with the same findings as 'analyze --json'.")
    boolean json;

    @Option(names = "--webhook", paramLabel = "URL", description = "POST alerts, captures and the summary as JSON to"
            + " this URL (retried; never delays sampling).")
    URI webhook;

    @Option(names = "--webhook-format", paramLabel = "FORMAT", defaultValue = "json",
            description = "The shape of each webhook POST: json (leakhound's own, as --json), slack (an incoming"
                    + " webhook's text), alertmanager (POST /api/v2/alerts: alerts fire and resolve), pagerduty"
                    + " (Events API v2: alerts trigger and resolve; needs --webhook-routing-key). Default:"
                    + " ${DEFAULT-VALUE}.")
    WebhookFormat webhookFormat;

    @Option(names = "--webhook-header", paramLabel = "'NAME: VALUE'",
            description = "A header added to every webhook POST, e.g. for a token (repeatable; its value is never"
                    + " printed).")
    List<String> webhookHeaders = new ArrayList<>();

    @Option(names = "--webhook-routing-key", paramLabel = "KEY",
            defaultValue = "${env:LEAKHOUND_PAGERDUTY_ROUTING_KEY}",
            description = "PagerDuty's integration (routing) key for --webhook-format pagerduty (default: the"
                    + " environment variable LEAKHOUND_PAGERDUTY_ROUTING_KEY, which keeps it out of 'ps').")
    String webhookRoutingKey;

    @Option(names = "--capture-every", paramLabel = "TIME", defaultValue = "30m", converter = DurationConverter.class,
            description = "At most one automatic dump pair per this time (default: ${DEFAULT-VALUE}).")
    Duration captureEvery;

    @Option(names = "--capture-dir", paramLabel = "DIR",
            description = "Where dumps and diff reports go (default: a 'captures' folder beside the --db file).")
    Path captureDir;

    @Option(names = "--keep-dumps", description = "Keep the heap dumps after their diff (default: deleted).")
    boolean keepDumps;

    @Option(names = "--no-capture", description = "Never take heap dumps automatically.")
    boolean noCapture;

    @Option(names = "--process", description = "Watch a JVM as a plain process (RSS and threads from /proc), without"
            + " attaching to it.")
    boolean plainProcess;

    @Option(names = "--source", paramLabel = "SOURCE", defaultValue = "auto",
            description = "Where a JVM's readings come from: auto (a flight recording stream from Java 16 on, JMX"
                    + " before), jfr, or jmx (the platform MXBeans polled, each collector's last collection: any Java,"
                    + " nothing recorded in the JVM; G1 mixed collections told by their shrinking old generation). Default: ${DEFAULT-VALUE}.")
    JvmSource source;

    private final CountDownLatch finished = new CountDownLatch(1);

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IOException("--interval " + interval.toMillis() + "ms is too short: at least 1s");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path file = db.file();
        // a bad URL, format or header is refused before anything is attached or stored
        WebhookSettings webhookSettings = webhookSettings();
        WebhookSink webhookSink = null;
        try (WatchStore store = WatchStore.open(file)) {
            // the one place the interval is given: the watcher's judging and the probe's sampling both read it
            Watcher.Settings settings = new Watcher.Settings(interval, duration);
            JvmConnection jvm = null;
            ProcessProbe probe = null;
            try {
                if (!plainProcess && JvmConnection.looksLikeJvm(pid)) {
                    jvm = JvmConnection.attach(pid);
                    probe = source.open(jvm, settings);
                } else {
                    probe = ProcProbe.open(pid);
                }
                Watcher watcher = Watcher.prepare(probe, store, settings);
                watcher.addSink(json ? new JsonLinesSink(out) : new TerminalSink(out, verbose.verbose));
                if (webhookSettings != null) {
                    Target target = watcher.target();
                    webhookSink = new WebhookSink(webhookSettings, hostName(), target.pid(), target.command());
                    watcher.addSink(webhookSink);
                }
                if (jvm != null && !noCapture) {
                    Path dir = captureDir != null ? captureDir : file.toAbsolutePath().getParent().resolve("captures");
                    watcher.addListener(new HeapCapture(jvm, new CaptureSettings(dir, captureEvery, keepDumps,
                            CaptureSettings.DEFAULT_GROWTH, CaptureSettings.DEFAULT_DISK_FACTOR), store,
                            watcher.target().id(), new DiffReportWriter(watcher::emit)));
                }
                Thread hook = new Thread(() -> stopAndWait(watcher), "leakhound-watch-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    WatchEvent.Summary summary = watcher.run();
                    return ExitCodes.of(Conclusion.of(summary.analysis()));
                } finally {
                    finished.countDown();
                    removeHook(hook);
                }
            } finally {
                if (probe != null) {
                    probe.close();
                }
                if (jvm != null) {
                    jvm.close();
                }
                if (webhookSink != null) {
                    webhookSink.close();
                    reportUndelivered(webhookSink);
                }
                out.flush();
            }
        }
    }

    /** The webhook's settings, null without --webhook; a bad option is a usage error (exit 2). */
    private WebhookSettings webhookSettings() {
        if (webhook == null) {
            if (webhookFormat != WebhookFormat.JSON || !webhookHeaders.isEmpty()) {
                throw new ParameterException(spec.commandLine(),
                        "--webhook-format and --webhook-header need --webhook URL");
            }
            return null;
        }
        List<WebhookHeader> headers = new ArrayList<>();
        for (String header : webhookHeaders) {
            try {
                headers.add(WebhookHeader.parse(header));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--webhook-header: " + e.getMessage());
            }
        }
        // the environment's key only matters for pagerduty: another format ignores it rather than refusing to run
        String routingKey = webhookFormat == WebhookFormat.PAGERDUTY ? webhookRoutingKey : null;
        if (webhookFormat != WebhookFormat.PAGERDUTY && webhookRoutingKey != null && !webhookRoutingKey.isBlank()
                && spec.commandLine().getParseResult().hasMatchedOption("--webhook-routing-key")) {
            throw new ParameterException(spec.commandLine(),
                    "--webhook-routing-key is only for --webhook-format pagerduty");
        }
        try {
            return new WebhookSettings(webhook, webhookFormat, headers, routingKey);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--webhook: " + e.getMessage());
        }
    }

    /** This machine's name as receivers show it; "localhost" when it has none that resolves. */
    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    private void reportUndelivered(WebhookSink sink) {
        if (sink.undelivered() > 0) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("leakhound: warning: " + sink.undelivered() + " webhook posts to " + sink.settings().printableUrl()
                    + " were not delivered" + (sink.lastProblem() == null ? "" : " (last problem: " + sink.lastProblem()
                    + ")"));
            err.flush();
        }
    }

    // Ctrl-C or a kill: end the watch at its next step, let it store and summarise; the JVM exits after this
    private void stopAndWait(Watcher watcher) {
        watcher.stop();
        try {
            finished.await(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is waiting for this watch, which has now finished
        }
    }
}

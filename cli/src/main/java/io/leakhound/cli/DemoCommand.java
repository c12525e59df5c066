package io.leakhound.cli;

import io.leakhound.demo.DemoLauncher;
import io.leakhound.demo.DemoMode;
import io.leakhound.demo.RunningDemo;
import io.leakhound.live.JvmConnection;
import io.leakhound.live.LiveJvmException;
import io.leakhound.report.WatchHistoryHtmlReport;
import io.leakhound.series.Human;
import io.leakhound.series.verdict.LeakAnalyzer;
import io.leakhound.series.history.Capture;
import io.leakhound.store.WatchStore;
import io.leakhound.watch.CaptureSettings;
import io.leakhound.watch.HeapCapture;
import io.leakhound.watch.JvmProbe;
import io.leakhound.cli.watch.TerminalSink;
import io.leakhound.watch.WatchAnalysis;
import io.leakhound.watch.WatchEvent;
import io.leakhound.watch.Watcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code leakhound demo}: the whole loop on a service that leaks, with nothing to install. Starts the demo
 * service as a child JVM, watches it as {@code leakhound watch PID} would (a flight recording streamed from it,
 * the verdict re-judged every two seconds, alerts), and when its heap turns LEAK takes a baseline heap dump in
 * it, a second once the heap after GC has grown by 10 %, compares them and prints the holder with its path;
 * then stops the child and writes the watch's history as an HTML report. About two minutes for a heap leak;
 * a mode that does not leak the heap is watched for the whole {@code --duration}.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        header = "Run a leaking demo service and watch leakhound find the leak and its holder (about 2 minutes).",
        description =
            "Starts the demo service in one mode as a child JVM (256 MB heap) and watches it like 'leakhound watch "
                + "PID': the heap after each collection, metaspace, classes, threads and direct buffers are streamed "
                + "from a flight recording in the service and judged every 2 s. When the heap turns LEAK, a heap "
                + "dump is taken, a second one once the heap after GC has grown by 10 %%, and the two are compared "
                + "like 'leakhound diff': the holder that grew is printed with its path. Then the service is "
                + "stopped and the history is written as an HTML report, with the SQLite file it came from (in "
                + "./.leakhound/demo/, or the system temp folder when the current folder is not writable). Finding "
                + "a leak is the expected outcome of a leaking mode: the exit code stays 0.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.NO_LEAK + ":the demo ran (whatever the verdict)",
            ExitCodes.BAD_INPUT + ":bad usage, or the demo could not run (a message on stderr says what)"})
final class DemoCommand implements Callable<Integer> {

    /** How often the demo's watch judges the series: often, so that the two minutes show the whole loop. */
    static final Duration INTERVAL = Duration.ofSeconds(DemoCommand.INTERVAL_SECONDS);
    private static final long INTERVAL_SECONDS = 2;
    /**
     * The shortest --duration that can reach a verdict: the engine judges no less than its shortest span of
     * samples, and the first sample comes one interval after the start. A constant for the help text.
     */
    static final long MINIMUM_DURATION_SECONDS = LeakAnalyzer.SHORTEST_JUDGED_SPAN_SECONDS + INTERVAL_SECONDS;
    /** How long a child JVM that has just started may refuse attach. */
    private static final Duration ATTACH_PATIENCE = Duration.ofSeconds(20);
    private static final Set<Capture.State> CAPTURE_ENDS = Set.of(Capture.DONE, Capture.FAILED, Capture.REFUSED);
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "listener-leak",
            converter = DemoModeConverter.class, completionCandidates = DemoModeConverter.Candidates.class,
            description = "What the service does: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    DemoMode mode;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "3m", converter = DurationConverter.class,
            description = "The longest the service is watched (default: ${DEFAULT-VALUE}); the watch ends earlier"
                    + " once the heap leak's two dumps are compared. At least " + DemoCommand.MINIMUM_DURATION_SECONDS + " s: a verdict"
                    + " needs " + LeakAnalyzer.SHORTEST_JUDGED_SPAN_SECONDS + " s of samples.")
    Duration duration;

    @Option(names = "--collector", paramLabel = "GC", defaultValue = "g1",
            description = "The garbage collector: g1, parallel, serial, zgc, shenandoah (default: ${DEFAULT-VALUE}).")
    DemoCollector collector;

    @Option(names = "--leak-rate", paramLabel = "BYTES", defaultValue = "400k",
            description = "How fast a leaking mode leaks, per second, e.g. 400k, 1m (default: ${DEFAULT-VALUE}).")
    String leakRate;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write the history, dumps and reports (default: a new folder under ./.leakhound/demo/).")
    Path outDir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (duration.toSeconds() < MINIMUM_DURATION_SECONDS) {
            throw new ParameterException(spec.commandLine(), "--duration " + Human.duration(duration) + " is too short:"
                    + " at least " + MINIMUM_DURATION_SECONDS + " s, because the verdict engine judges no less than "
                    + LeakAnalyzer.SHORTEST_JUDGED_SPAN_SECONDS + " s of samples and the first sample comes one"
                    + " interval (" + INTERVAL_SECONDS + " s) after the start");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = (outDir != null ? outDir : defaultFolder()).toAbsolutePath();
        Files.createDirectories(dir);
        Path db = dir.resolve("watch.db");
        out.println("leakhound demo: mode " + mode.displayName() + ", collector "
                + collector.name().toLowerCase(Locale.ROOT) + ", watched for at most " + Human.duration(duration));
        out.flush();
        try (RunningDemo child = DemoLauncher.start(mode, duration.plusSeconds(30), List.of(collector.jvmFlag()),
                     List.of("--leak-rate", leakRate), dir.resolve("gc.log"));
             WatchStore store = WatchStore.open(db);
             JvmConnection jvm = attachWhenReady(child)) {
            out.println("demo service started: pid " + child.pid() + "; the same as: leakhound watch " + child.pid()
                    + " --db " + db + " --interval 2s");
            out.flush();
            WatchEvent.Summary summary;
            Watcher.Settings settings = new Watcher.Settings(INTERVAL, duration);
            try (JvmProbe probe = JvmProbe.open(jvm, settings)) {
                Watcher watcher = Watcher.prepare(probe, store, settings);
                watcher.addSink(new TerminalSink(out, verbose.verbose));
                HeapCapture capture = new HeapCapture(jvm, CaptureSettings.defaults(dir), store,
                        watcher.target().id(), new DiffReportWriter(event -> {
                            watcher.emit(event);
                            // the loop is closed once the dumps are compared (or cannot be): the demo ends there
                            if (event instanceof WatchEvent.CaptureChanged c && CAPTURE_ENDS.contains(c.capture().state())) {
                                watcher.stop();
                            }
                        }));
                watcher.addListener(capture);
                summary = watcher.run();
            }
            out.println();
            Path history = dir.resolve("demo-watch.html");
            WatchHistoryHtmlReport.write(List.of(WatchAnalysis.history(store, summary.target())), db, history);
            printOutcome(summary, history, db, out);
        }
        out.flush();
        return ExitCodes.NO_LEAK;
    }

    private static void printOutcome(WatchEvent.Summary summary, Path history, Path db, PrintWriter out) {
        Capture done = null;
        for (Capture c : summary.captures()) {
            if (Capture.DONE.equals(c.state())) {
                done = c;
            }
        }
        if (done != null) {
            out.println("Holder: " + done.holder());
            if (done.path() != null) {
                // one hop per line, under the first
                out.println("Path:   " + done.path().replace("\n", "\n        "));
            }
            out.println("Diff report: " + done.report());
        } else if (summary.analysis().hasLeak()) {
            out.println("No heap dump pair was compared: the leak is not in the heap (see the finding above), or the"
                    + " watch ended first.");
        }
        out.println("History report: " + history);
        out.println("History (SQLite): " + db + "   (leakhound report --db " + db + " --html OUT.html)");
    }

    // a JVM that has just started refuses attach until its attach listener is up
    private static JvmConnection attachWhenReady(RunningDemo child) throws LiveJvmException, InterruptedException {
        long deadline = System.nanoTime() + ATTACH_PATIENCE.toNanos();
        while (true) {
            try {
                return JvmConnection.attach(child.pid());
            } catch (LiveJvmException e) {
                if (!child.process().isAlive() || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    // ./.leakhound/demo/<time>-<mode>-<collector>, or the same under the temp folder if . is not writable
    private Path defaultFolder() {
        String name = LocalDateTime.now().format(FOLDER_TIME) + "-" + mode.displayName() + "-"
                + collector.name().toLowerCase(Locale.ROOT);
        Path here = Path.of("").toAbsolutePath();
        Path base = Files.isWritable(here) ? here.resolve(".leakhound").resolve("demo")
                : Path.of(System.getProperty("java.io.tmpdir"), "leakhound-demo");
        return base.resolve(name);
    }
}

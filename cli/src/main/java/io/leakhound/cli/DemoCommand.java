package io.leakhound.cli;

import io.leakhound.demo.DemoLauncher;
import io.leakhound.demo.DemoMode;
import io.leakhound.demo.DemoRecording;
import io.leakhound.heap.HeapDiff;
import io.leakhound.heap.HeapDiffer;
import io.leakhound.report.HeapDiffHtmlReport;
import io.leakhound.report.HeapDiffTextReport;
import io.leakhound.report.HtmlReport;
import io.leakhound.report.TextReport;
import io.leakhound.series.Human;
import io.leakhound.series.verdict.MemoryAnalysis;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code leakhound demo}: runs the leaky demo service as a child JVM with GC logging and two heap dumps (one
 * early, one late), then analyses its log exactly as {@code analyze} would and compares the dumps exactly as
 * {@code diff} would: the verdict, then the holder that grew. Writes both HTML reports beside the log. Costs
 * a child JVM with a 256 MB heap for the chosen duration, and two dumps of its live heap on disk.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        header = "Run the leaky demo service for about 80 seconds, then show leakhound's verdict on it.",
        description =
            "Starts the demo service in one mode as a child JVM (256 MB heap, GC logging on), lets it run and "
                + "dumps its live heap at a quarter and at nine tenths of the run. Then analyses its GC log like "
                + "'leakhound analyze' (is it leaking?) and compares the two dumps like 'leakhound diff' (what "
                + "grew, and who holds it), and writes demo-report.html and demo-diff.html beside the log (in "
                + "./.leakhound/demo/, or the system temp folder when the current folder is not writable). Finding "
                + "a leak is the expected outcome of a leaking mode: the exit code stays 0.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.NO_LEAK + ":the demo ran and was analysed (whatever the verdict)",
            ExitCodes.BAD_INPUT + ":bad usage, or the demo could not run (a message on stderr says what)"})
final class DemoCommand implements Callable<Integer> {

    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "listener-leak",
            converter = DemoModeConverter.class, completionCandidates = DemoModeConverter.Candidates.class,
            description = "What the service does: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    DemoMode mode;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "80s", converter = DurationConverter.class,
            description = "How long the service runs, e.g. 90s, 2m30s (default: ${DEFAULT-VALUE}; the verdict needs"
                    + " at least 45 s of GC events, and more gives it more confidence).")
    Duration duration;

    @Option(names = "--collector", paramLabel = "GC", defaultValue = "g1",
            description = "The garbage collector: g1, parallel, serial, zgc, shenandoah (default: ${DEFAULT-VALUE}).")
    DemoCollector collector;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write the GC log and the report (default: a new folder under ./.leakhound/demo/).")
    Path outDir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = outDir != null ? outDir : defaultFolder();
        Files.createDirectories(dir);
        Path gcLog = dir.resolve("gc.log");
        out.println("leakhound demo: mode " + mode.displayName() + ", collector "
                + collector.name().toLowerCase(Locale.ROOT) + ", " + Human.duration(duration));
        out.println("GC log: " + gcLog);
        out.flush();
        DemoRecording recording = DemoLauncher.record(mode, duration, List.of(collector.jvmFlag()), List.of(),
                heapDumpTimes(duration), dir, line -> {
                    out.println("  " + line);
                    out.flush();
                });
        out.println();
        MemoryAnalysis analysis = InputAnalysis.analyze(List.of(recording.gcLog()), null);
        out.print(TextReport.render(analysis));
        Path html = dir.resolve("demo-report.html");
        HtmlReport.write(analysis, html);
        out.println("HTML report: " + html.toAbsolutePath().normalize());
        out.println();
        compareHeapDumps(recording.heapDumps(), dir, out, spec.commandLine().getErr());
        out.flush();
        return ExitCodes.NO_LEAK;
    }

    /** An early dump once the service has settled, a late one shortly before it stops. */
    static List<Duration> heapDumpTimes(Duration duration) {
        return List.of(duration.dividedBy(4), duration.multipliedBy(9).dividedBy(10));
    }

    /** The seed's workflow: baseline snapshot, later snapshot, compare; prints the holder that grew. */
    private static void compareHeapDumps(List<Path> dumps, Path dir, PrintWriter out, PrintWriter err)
            throws IOException {
        if (dumps.size() < 2) {
            out.println("Heap diff: skipped, the service stopped (out of memory) before its second heap dump.");
            return;
        }
        out.println("Heap diff: leakhound diff " + dumps.get(0) + " " + dumps.get(1));
        out.flush();
        HeapDiff diff = new TempDirOption().run("leakhound-demo-", err,
                (work, progress) -> new HeapDiffer().compare(dumps, work, progress));
        out.print(HeapDiffTextReport.render(diff, 5));
        Path html = dir.resolve("demo-diff.html");
        HeapDiffHtmlReport.write(diff, 20, html);
        out.println("HTML report: " + html.toAbsolutePath().normalize());
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

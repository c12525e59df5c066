package io.leakhound.cli;

import io.leakhound.demo.DemoLauncher;
import io.leakhound.demo.DemoMode;
import io.leakhound.demo.DemoRecording;
import io.leakhound.heap.HeapDiff;
import io.leakhound.heap.HeapDiffer;
import io.leakhound.jfr.JfrFile;
import io.leakhound.jfr.alloc.AllocationProfile;
import io.leakhound.report.AllocationHtmlReport;
import io.leakhound.report.AllocationTextReport;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code leakhound demo}: runs the leaky demo service as a child JVM with GC logging, a flight recording and two
 * heap dumps (one early, one late), then analyses its log exactly as {@code analyze} would, its recording as
 * {@code analyze} and {@code alloc} would, and compares the dumps as {@code diff --jfr} would: the verdict per
 * resource, where the growing objects are allocated, then the holder that grew. Writes the HTML reports beside
 * the log. Costs a child JVM with a 256 MB heap for the chosen duration, and two dumps of its live heap on disk.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        header = "Run the leaky demo service for about 80 seconds, then show leakhound's verdict on it.",
        description =
            "Starts the demo service in one mode as a child JVM (256 MB heap, GC logging and a flight recording on), "
                + "lets it run and dumps its live heap at a quarter and at nine tenths of the run. Then analyses its "
                + "GC log and its recording like 'leakhound analyze' (is it leaking, and which resource?), the "
                + "recording like 'leakhound alloc' (where are the growing objects allocated?) and compares the two "
                + "dumps like 'leakhound diff --jfr' (what grew, who holds it, where it is allocated), and writes "
                + "demo-report.html, demo-alloc.html and demo-diff.html beside the log (in "
                + "./.leakhound/demo/, or the system temp folder when the current folder is not writable). Finding "
                + "a leak is the expected outcome of a leaking mode: the exit code stays 0.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.NO_LEAK + ":the demo ran and was analysed (whatever the verdict)",
            ExitCodes.BAD_INPUT + ":bad usage, or the demo could not run (a message on stderr says what)"})
final class DemoCommand implements Callable<Integer> {

    /** Classes listed by allocated bytes in the demo's allocation report, after the growing ones. */
    private static final int ALLOCATING_CLASSES = 5;
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
        Path flightRecording = dir.toAbsolutePath().resolve("demo.jfr");
        List<String> jvmArgs = new ArrayList<>(List.of(collector.jvmFlag()));
        // JFR's option syntax has no quoting: a folder with a comma or '=' cannot be named in it
        boolean recordable = !flightRecording.toString().matches(".*[,=].*");
        if (recordable) {
            out.println("Flight recording: " + flightRecording);
            jvmArgs.add(flightRecordingOption(flightRecording));
        }
        out.flush();
        DemoRecording recording = DemoLauncher.record(mode, duration, jvmArgs, List.of(),
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
        AllocationProfile profile = recordable ? readFlightRecording(flightRecording, dir, out) : null;
        compareHeapDumps(recording.heapDumps(), profile, dir, out, spec.commandLine().getErr());
        out.flush();
        return ExitCodes.NO_LEAK;
    }

    /**
     * The recording leakhound record would make: the profile settings (allocation samples with stacks, old
     * objects with their stacks) and paths from GC roots for the old objects, written when the service stops.
     */
    static String flightRecordingOption(Path file) {
        return "-XX:StartFlightRecording=filename=" + file + ",settings=profile,path-to-gc-roots=true,dumponexit=true";
    }

    /**
     * The verdict per resource from the recording, as {@code analyze demo.jfr} gives it, and where the growing
     * objects are allocated, as {@code alloc demo.jfr} does. A recording that cannot be read (the service was
     * killed before writing it) is reported and skipped: the GC log and the dumps still tell the story.
     */
    private static AllocationProfile readFlightRecording(Path file, Path dir, PrintWriter out) {
        try {
            out.println("Flight recording: leakhound analyze " + file);
            MemoryAnalysis analysis = InputAnalysis.analyze(List.of(file), null);
            out.print(TextReport.render(analysis));
            out.println();
            out.println("Allocation: leakhound alloc " + file);
            AllocationProfile profile = AllocationProfile.read(JfrFile.open(file));
            out.print(AllocationTextReport.render(profile, ALLOCATING_CLASSES));
            Path html = dir.resolve("demo-alloc.html");
            AllocationHtmlReport.write(profile, ALLOCATING_CLASSES, html);
            out.println("HTML report: " + html.toAbsolutePath().normalize());
            out.println();
            return profile;
        } catch (IOException e) {
            out.println("Flight recording: skipped, " + Failures.message(e));
            out.println();
            return null;
        }
    }

    /** An early dump once the service has settled, a late one shortly before it stops. */
    static List<Duration> heapDumpTimes(Duration duration) {
        return List.of(duration.dividedBy(4), duration.multipliedBy(9).dividedBy(10));
    }

    /** The seed's workflow: baseline snapshot, later snapshot, compare; prints the holder that grew. */
    private static void compareHeapDumps(List<Path> dumps, AllocationProfile profile, Path dir, PrintWriter out,
            PrintWriter err) throws IOException {
        if (dumps.size() < 2) {
            out.println("Heap diff: skipped, the service stopped (out of memory) before its second heap dump.");
            return;
        }
        out.println("Heap diff: leakhound diff " + dumps.get(0) + " " + dumps.get(1));
        out.flush();
        HeapDiff diff = new TempDirOption().run("leakhound-demo-", err,
                (work, progress) -> new HeapDiffer().compare(dumps, work, progress));
        out.print(profile == null ? HeapDiffTextReport.render(diff, 5) : HeapDiffTextReport.render(diff, 5, profile));
        Path html = dir.resolve("demo-diff.html");
        HeapDiffHtmlReport.write(diff, 20, profile, html);
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

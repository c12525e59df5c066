package io.leakhound.cli;

import io.leakhound.heap.HeapDiff;
import io.leakhound.heap.HeapDiffer;
import io.leakhound.heap.RegressionTestSource;
import io.leakhound.jfr.alloc.AllocationProfile;
import io.leakhound.report.HeapDiffHtmlReport;
import io.leakhound.report.HeapDiffJsonReport;
import io.leakhound.report.HeapDiffTextReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code leakhound diff BEFORE.hprof AFTER.hprof [MORE.hprof...] [--json] [--html OUT.html] [--top N]
 * [--temp-dir DIR]}: what grew between heap dumps of one process. Like {@code heap}, the indexes live in
 * memory-mapped files in a temporary directory, deleted afterwards whatever happens, so the Java heap this
 * command needs stays small whatever the dumps' sizes.
 */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        header = "Find what grew between heap dumps of one process: the holder to fix.",
        description =
            "Compares two or more HPROF heap dumps of the same process taken at different times, the first "
                + "given being the earliest. Objects move between dumps, so holders are matched by their path "
                + "from the GC roots (root kind and thread, or static field, then the chain of fields with "
                + "array indexes folded), not by address. Prints the growth suspects, strongest first: the "
                + "holder that grew, its path from a GC root, the class of the accumulating elements, their "
                + "count and retained bytes before and after and the growth per hour from the dumps' "
                + "timestamps; then the classes whose instances changed most. With --jfr, each suspect also "
                + "names where its elements are allocated, from a recording of the same process.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.NO_LEAK + ":nothing grew materially",
            ExitCodes.LEAK + ":at least one growth suspect",
            ExitCodes.BAD_INPUT + ":bad input or usage (a message on stderr says what)"})
final class DiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Parameters(arity = "2..*", paramLabel = "DUMP",
            description = "BEFORE.hprof AFTER.hprof [MORE.hprof...]: the heap dumps, earliest first (.hprof, or "
                + ".hprof.gz; - reads one from standard input).")
    List<Path> files;

    @Mixin
    ReportOptions report;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20",
            description = "Rows of the class table in the text and HTML reports (default: ${DEFAULT-VALUE}); "
                + "the JSON lists every class that changed.")
    int top;

    @Mixin
    TempDirOption temp;

    @Option(names = "--junit-test",
            description = "Print, instead of the report, a JUnit 5 test (leakhound-junit) for the first suspect: it "
                + "repeats an operation for you to fill in under assertNoLeak and checks that the holder, reached "
                + "by reflection through its field, is no bigger after 1,000 calls. Exit codes as without it.")
    boolean junitTest;

    @Option(names = "--jfr", paramLabel = "REC.jfr",
            description = "A JFR recording of the same process (settings=profile): each growth suspect gains the "
                + "allocation sites of its element class (or of its holder's class), as `leakhound alloc` finds them.")
    Path jfr;

    @Override
    public Integer call() throws Exception {
        report.requireWritableHtml();
        ReportOptions.requireTop(spec, top);
        for (Path file : files) {
            DumpFiles.checkReadable(file);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // the recording first: a bad one is refused before minutes of indexing
        AllocationProfile profile = jfr == null ? null : AllocCommand.profile(jfr, err);
        HeapDiff diff = temp.run("leakhound-diff-", err, (work, progress) -> {
            List<Path> dumps = new ArrayList<>();
            Map<String, String> names = new HashMap<>();
            for (Path file : files) {
                Path dump = DumpFiles.readable(file, work);
                dumps.add(dump);
                names.put(dump.toString(), file.toString());
            }
            return new HeapDiffer().compare(dumps, work, progress).withSources(names);
        });
        for (HeapDiff.Dump dump : diff.dumps()) {
            for (String warning : dump.warnings()) {
                err.println("leakhound: warning: " + dump.source() + ": " + warning);
            }
        }
        for (String warning : diff.warnings()) {
            err.println("leakhound: warning: " + warning);
        }
        if (profile != null) {
            for (String warning : profile.warnings()) {
                err.println("leakhound: warning: " + jfr + ": " + warning);
            }
        }
        err.flush();
        if (junitTest) {
            if (diff.suspects().isEmpty()) {
                err.println("leakhound: nothing grew materially: there is no holder to write a test for");
            } else {
                out.print(RegressionTestSource.of(diff.suspects().get(0)));
            }
        } else {
            out.print(report.json ? HeapDiffJsonReport.render(diff, profile)
                    : HeapDiffTextReport.render(diff, top, profile));
        }
        out.flush();
        report.writeHtml(spec, page -> HeapDiffHtmlReport.write(diff, top, profile, page));
        return diff.suspects().isEmpty() ? ExitCodes.NO_LEAK : ExitCodes.LEAK;
    }
}

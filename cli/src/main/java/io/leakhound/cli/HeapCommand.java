package io.leakhound.cli;

import io.leakhound.heap.HeapAnalysis;
import io.leakhound.heap.HeapAnalyzer;
import io.leakhound.heap.RegressionTestSource;
import io.leakhound.report.HeapHtmlReport;
import io.leakhound.report.HeapJsonReport;
import io.leakhound.report.HeapTextReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code leakhound heap FILE [--json] [--html OUT.html] [--top N] [--temp-dir DIR]}: what a heap dump holds
 * and who holds it. The index lives in memory-mapped files in a temporary directory, deleted afterwards
 * whatever happens, so the Java heap this command needs stays small whatever the dump's size.
 */
@Command(
        name = "heap",
        mixinStandardHelpOptions = true,
        header = "Find what a heap dump holds and who holds it: leak suspects, retained sizes, dominators.",
        description =
            "Reads an HPROF heap dump (jmap -dump, jcmd GC.heap_dump, -XX:+HeapDumpOnOutOfMemoryError; 32- and "
                + "64-bit; plain or .gz) and computes the exact dominator tree from the GC roots, the retained "
                + "size of every object, the class histogram and the leak suspects: an object or a class whose "
                + "instances retain more than a tenth of the reachable heap, named by the reference that holds "
                + "it, with the shortest path from a GC root. A truncated dump is analysed as far as it is "
                + "complete, with a warning on stderr.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.NO_LEAK + ":the dump was analysed (whether or not it has suspects)",
            ExitCodes.BAD_INPUT + ":bad input or usage (a message on stderr says what)"})
final class HeapCommand implements Callable<Integer> {

    /** Dominated objects shown under each top dominator in the HTML page and the JSON. */
    private static final int CHILDREN_SHOWN = 5;

    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "FILE", description = "The heap dump (.hprof, or .hprof.gz; - reads standard input).")
    Path file;

    @Mixin
    ReportOptions report;

    @Option(names = "--junit-test",
            description = "Print, instead of the report, a JUnit 5 test (leakhound-junit) for the first suspect, as "
                + "diff --junit-test does.")
    boolean junitTest;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20",
            description = "Rows of the histogram and of the dominator list (default: ${DEFAULT-VALUE}).")
    int top;

    @Mixin
    TempDirOption temp;

    @Override
    public Integer call() throws Exception {
        report.requireWritableHtml();
        ReportOptions.requireTop(spec, top);
        DumpFiles.checkReadable(file);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HeapAnalysis analysis = temp.run("leakhound-heap-", err,
                (work, progress) -> {
                    Path dump = DumpFiles.readable(file, work);
                    HeapAnalysis analyzed = new HeapAnalyzer(top, CHILDREN_SHOWN).analyze(dump, work, progress);
                    return dump.equals(file) ? analyzed : analyzed.withSource(file.toString());
                });
        for (String warning : analysis.warnings()) {
            err.println("leakhound: warning: " + warning);
        }
        err.flush();
        if (junitTest) {
            if (analysis.suspects().isEmpty()) {
                err.println("leakhound: no leak suspect: there is no holder to write a test for");
            } else {
                out.print(RegressionTestSource.of(analysis.suspects().get(0)));
            }
        } else {
            out.print(report.json ? HeapJsonReport.render(analysis, top) : HeapTextReport.render(analysis, top));
        }
        out.flush();
        report.writeHtml(spec, page -> HeapHtmlReport.write(analysis, top, page));
        return ExitCodes.NO_LEAK;
    }
}

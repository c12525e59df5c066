package io.leakhound.cli;

import io.leakhound.report.Conclusion;
import io.leakhound.report.HtmlReport;
import io.leakhound.report.JsonReport;
import io.leakhound.report.TextReport;
import io.leakhound.series.verdict.MemoryAnalysis;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code leakhound analyze FILE... [--json] [--html OUT.html]}: the verdict on a GC log, a JFR recording or a
 * CSV series.
 */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        header = "Decide whether memory leaks, from a GC log, a JFR recording or a CSV series.",
        description =
            "Reads a HotSpot GC log (JDK 8 -XX:+PrintGCDetails or JDK 9+ -Xlog:gc / -Xlog:gc*; G1, Parallel, "
                + "Serial, CMS, ZGC, Shenandoah; rotated parts and .gz/.zip files) or a CSV series "
                + "(timestamp_ms,used_bytes[,limit_bytes]) and judges the memory that survives garbage collection: "
                + "LEAK, BOUNDED_GROWTH, STABLE or INCONCLUSIVE, with the growth rate, its onset, the time to "
                + "exhaustion and an alert level. Several GC log files are read as one series in time order. "
                + "A JFR recording (JDK 9+, or 8u262+; -XX:StartFlightRecording or `leakhound record`) is judged "
                + "per resource, each its own finding: heap, metaspace, classes and threads (counts), direct "
                + "buffers, rss and container memory where recorded; several recordings of one JVM are one series.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.NO_LEAK + ":no leak found",
            ExitCodes.LEAK + ":at least one LEAK finding",
            ExitCodes.BAD_INPUT + ":bad input or usage (a message on stderr says what)",
            ExitCodes.NOT_ENOUGH_DATA + ":not enough data to judge (every finding INCONCLUSIVE)",
            ExitCodes.INTERNAL_ERROR + ":internal error (a bug in leakhound; please report it)"})
final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "GC log files (rotated parts of one log), JFR recordings of one JVM, or CSV series files;"
                + " gzip-compressed or not. `-` reads standard input (also a pipe or <(zcat gc.log.gz)), alone.")
    List<Path> files;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() throws Exception {
        report.requireWritableHtml();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MemoryAnalysis analysis = InputAnalysis.analyze(files, System.console() != null ? err : null);
        if (report.json) {
            out.print(JsonReport.render(analysis));
        } else {
            out.print(TextReport.render(analysis));
        }
        out.flush();
        report.writeHtml(spec, page -> HtmlReport.write(analysis, page));
        return ExitCodes.of(Conclusion.of(analysis));
    }
}

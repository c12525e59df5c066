package io.leakhound.cli;

import io.leakhound.jfr.JfrFile;
import io.leakhound.jfr.alloc.AllocationProfile;
import io.leakhound.report.AllocationHtmlReport;
import io.leakhound.report.AllocationJsonReport;
import io.leakhound.report.AllocationTextReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code leakhound alloc REC.jfr [--json] [--html OUT.html] [--top N]}: where a JFR recording says memory is
 * allocated and which classes keep growing. One streaming pass over the recording; memory stays bounded
 * whatever its size (see {@link AllocationProfile}).
 */
@Command(
        name = "alloc",
        mixinStandardHelpOptions = true,
        header = "Find where memory is allocated and which classes keep growing, from a JFR recording.",
        description =
            "Reads a JDK Flight Recorder recording (best made with settings=profile,path-to-gc-roots=true) with the "
                + "JDK's own parser. Allocation sites come from jdk.ObjectAllocationSample (JDK 16+), else from the "
                + "TLAB allocation events; each names the allocating frame and the first application frame. "
                + "Surviving objects come from jdk.OldObjectSample, with their path from a GC root when the "
                + "recording has it. A class is growing when its sampled survivors were allocated steadily over the "
                + "recording and are still alive at its end; growing classes come first, with their sites ranked "
                + "by what survives. A truncated recording is read up to its last complete chunk, with a warning.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.NO_LEAK + ":no class grows (or the recording has no old-object samples to tell)",
            ExitCodes.LEAK + ":at least one class grows",
            ExitCodes.BAD_INPUT + ":bad input or usage (a message on stderr says what)"})
final class AllocCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "FILE", description = "The JFR recording (.jfr).")
    Path file;

    @Mixin
    ReportOptions report;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20",
            description = "Classes listed by allocated bytes in the text and HTML reports (default: ${DEFAULT-VALUE});"
                + " the JSON lists every class.")
    int top;

    @Override
    public Integer call() throws Exception {
        report.requireWritableHtml();
        ReportOptions.requireTop(spec, top);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AllocationProfile profile = profile(file, err);
        for (String warning : profile.warnings()) {
            err.println("leakhound: warning: " + warning);
        }
        err.flush();
        out.print(report.json ? AllocationJsonReport.render(profile) : AllocationTextReport.render(profile, top));
        out.flush();
        report.writeHtml(spec, page -> AllocationHtmlReport.write(profile, top, page));
        return profile.growing().isEmpty() ? ExitCodes.NO_LEAK : ExitCodes.LEAK;
    }

    /** Profiles a recording with a progress line on a terminal; shared with {@code diff --jfr}. */
    static AllocationProfile profile(Path recording, PrintWriter err) throws IOException {
        if (Files.isRegularFile(recording)) {
            // a heap dump or a GC log given as a recording: name the command that reads it (the recording
            // reader would only say the magic bytes are wrong)
            InputKind.require(recording, InputKind.JFR_RECORDING);
        }
        JfrFile jfr = JfrFile.open(recording);
        TerminalProgress progress = System.console() != null ? new TerminalProgress(err) : null;
        try {
            return AllocationProfile.read(jfr, progress == null ? AllocationProfile.Progress.NONE : progress::update);
        } finally {
            if (progress != null) {
                progress.clear();
            }
        }
    }
}

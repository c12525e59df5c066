package io.leakhound.cli;

import io.leakhound.series.history.Annotation;
import io.leakhound.store.WatchStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code leakhound annotate [--db FILE] [--at TIME] TEXT}: a marker on the watch store's time line (a deploy, a
 * configuration change) that charts show and findings refer to. Safe while a watch writes the same file.
 */
@Command(
        name = "annotate",
        mixinStandardHelpOptions = true,
        header = "Mark a moment (a deploy, a config change) on the watch history.",
        description =
            "Records TEXT at the current time (or --at) in the watch store. Markers apply to every watched "
                + "process: `report --db` charts show them, and a finding whose growth began within 10 minutes "
                + "after a marker names it (\"growth began 40 s after 'deploy v1.4.2'\"). A running `watch` may "
                + "write the same file meanwhile.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.NO_LEAK + ":the marker was recorded",
            ExitCodes.BAD_INPUT + ":bad input or usage, e.g. the file is not a watch store (a message on stderr says what)"})
final class AnnotateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Mixin
    DbOption db;

    @Option(names = "--at", paramLabel = "TIME",
            description = "Mark this past moment instead of now: an ISO instant, e.g. 2026-11-24T10:15:02Z.")
    Instant at;

    @Parameters(index = "0", paramLabel = "TEXT", description = "What happened, e.g. \"deploy v1.4.2\".")
    String text;

    @Override
    public Integer call() throws Exception {
        String marker = text.strip();
        if (marker.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "the marker's TEXT is empty");
        }
        Instant when = at != null ? at : Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Path file = db.file();
        try (WatchStore store = WatchStore.open(file)) {
            store.addAnnotation(new Annotation(when, marker));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("annotated " + when + ": '" + marker + "' in " + file.toAbsolutePath().normalize());
        out.flush();
        return ExitCodes.NO_LEAK;
    }
}

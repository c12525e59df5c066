package io.leakhound.cli;

import io.leakhound.report.Conclusion;
import io.leakhound.report.Conclusion;
import io.leakhound.series.history.WatchHistory;
import io.leakhound.report.WatchHistoryHtmlReport;
import io.leakhound.report.WatchHistoryJsonReport;
import io.leakhound.report.WatchHistoryTextReport;
import io.leakhound.series.history.Annotation;
import io.leakhound.store.StoreException;
import io.leakhound.series.history.Target;
import io.leakhound.store.WatchStore;
import io.leakhound.watch.WatchAnalysis;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code leakhound report [--db FILE] [--pid PID] [--json] [--html OUT.html]}: re-judges the whole stored history of
 * each watched process (the verdict a watch gives, over everything it ever stored) and shows it with its alerts,
 * captures and markers. Reads the store only; safe while a watch writes it.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        header = "Report the stored history of watched processes: verdicts, alerts, captures, markers.",
        description =
            "Reads the watch store written by `leakhound watch` and judges each watched process over its whole "
                + "history (post-GC heap and metaspace from the stored GC events, every sampled resource from its "
                + "rolling minima), most recently active first, with its alert changes, automatic captures (the "
                + "holder and its path) and the markers of `leakhound annotate`. --json prints one object: with "
                + "--pid, that process's object (the fields of `analyze --json` plus target, alerts, captures and "
                + "annotations); without, {\"targets\": [...]} of such objects. --html writes the charts over the "
                + "whole history with markers on the time axis.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.NO_LEAK + ":no leak found",
            ExitCodes.LEAK + ":at least one LEAK finding",
            ExitCodes.BAD_INPUT + ":bad input or usage: not a watch store, no such pid in it, or nothing stored",
            ExitCodes.NOT_ENOUGH_DATA + ":not enough data to judge (every finding INCONCLUSIVE)",
            ExitCodes.INTERNAL_ERROR + ":internal error (a bug in leakhound; please report it)"})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Mixin
    DbOption db;

    @Option(names = "--pid", paramLabel = "PID",
            description = "Only this process (its latest run when the pid was reused).")
    Long pid;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() throws Exception {
        report.requireWritableHtml();
        Path file = db.file();
        if (!Files.exists(file)) {
            // opening would create an empty store: a report on a mistyped name must fail instead
            throw new NoSuchFileException(file.toString());
        }
        List<WatchHistory> histories = new ArrayList<>();
        try (WatchStore store = WatchStore.open(file)) {
            List<Target> stored = store.targets();
            List<Target> targets = stored;
            if (stored.isEmpty()) {
                throw new StoreException(file, "no watched process stored yet; `leakhound watch PID --db " + file
                        + "` fills it", null);
            }
            if (pid != null) {
                Target chosen = stored.stream().filter(t -> t.pid() == pid).findFirst()
                        .orElseThrow(() -> new StoreException(file, "no watched process with pid " + pid
                                + " (stored: pid " + stored.stream().map(t -> Long.toString(t.pid())).distinct()
                                .collect(Collectors.joining(", ")) + ")", null));
                targets = List.of(chosen);
            }
            List<Annotation> annotations = store.annotations();
            for (Target t : targets) {
                histories.add(WatchAnalysis.history(store, t));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(report.json ? WatchHistoryJsonReport.render(histories, pid != null)
                : WatchHistoryTextReport.render(histories));
        out.flush();
        report.writeHtml(spec, page -> WatchHistoryHtmlReport.write(histories, file, page));
        if (histories.stream().anyMatch(WatchHistory::hasLeak)) {
            return ExitCodes.LEAK;
        }
        // as analyze: 3 only when no stored process could be judged
        boolean judged = histories.stream()
                .anyMatch(h -> Conclusion.of(h.analysis()) != Conclusion.NOT_ENOUGH_DATA);
        return judged ? ExitCodes.NO_LEAK : ExitCodes.NOT_ENOUGH_DATA;
    }
}

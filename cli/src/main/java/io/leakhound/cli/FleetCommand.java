package io.leakhound.cli;

import io.leakhound.fleet.FleetReader;
import io.leakhound.fleet.FleetResult;
import io.leakhound.fleet.PrometheusApi;
import io.leakhound.report.FleetHtmlReport;
import io.leakhound.report.FleetJsonReport;
import io.leakhound.report.FleetTextReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code leakhound fleet --prometheus URL [--selector SELECTOR]... [--start TIME] [--end TIME | --last DURATION]
 * [--step DURATION] [--json] [--html OUT.html]}: every instance whose memory is in Prometheus, judged by the
 * engine of {@code analyze}, the most urgent first.
 */
@Command(
        name = "fleet",
        mixinStandardHelpOptions = true,
        header = "Judge every instance whose memory is in Prometheus: which leak, which restart in a loop.",
        description =
            "Reads Prometheus' HTTP API (/api/v1/series, /api/v1/query_range): finds every instance (job + "
                + "instance) that exports memory in a convention leakhound reads (OpenTelemetry, Micrometer, "
                + "Prometheus client_java, Go, Node.js, Python, process metrics), and judges each resource (heap "
                + "from the post-GC series where there is one, metaspace, threads, direct buffers, classes, "
                + "goroutines, Node's external memory, RSS) with the same engine as `analyze`, lifetime by "
                + "lifetime where process_start_time_seconds shows restarts. Instances are printed the most "
                + "urgent first: leaks, by time to exhaustion, then by growth.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.NO_LEAK + ":no instance leaks",
            ExitCodes.LEAK + ":at least one instance leaks",
            ExitCodes.BAD_INPUT + ":bad usage, or Prometheus unreachable or refusing a query (the message names the "
                + "URL and the HTTP status or error)"})
final class FleetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Mixin
    PrometheusOptions source;

    @Mixin
    ReportOptions report;

    @Option(names = "--selector", paramLabel = "SELECTOR",
            description = "Label matchers that pick instances, e.g. '{job=~\"orders|billing\",env=\"prod\"}'; "
                    + "repeat for several (an instance matching any is read). Default: every instance.")
    List<String> selectors = new ArrayList<>();

    @Option(names = "--start", paramLabel = "TIME", converter = PrometheusOptions.TimeConverter.class,
            description = "The window's start: RFC 3339 (2026-12-06T09:00:00Z) or Unix seconds. Default: --last "
                    + "before the end.")
    Instant start;

    @Option(names = "--last", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The window's length when --start is not given, e.g. 6h. Default: 24h.")
    Duration last;

    @Override
    public Integer call() throws Exception {
        report.requireWritableHtml();
        if (start != null && last != null) {
            throw new ParameterException(spec.commandLine(), "give --start or --last, not both");
        }
        Instant to = source.endOrNow();
        Instant from = start != null ? start : to.minus(last != null ? last : Duration.ofHours(24));
        FleetReader.Query query = source.query(source.matchers("--selector", selectors), from, to);
        PrometheusApi api = source.api();
        FleetResult fleet = source.withProgress(progress -> FleetReader.read(api, query, progress));
        PrintWriter out = spec.commandLine().getOut();
        out.print(report.json ? FleetJsonReport.render(fleet) : FleetTextReport.render(fleet));
        out.flush();
        report.writeHtml(spec, file -> FleetHtmlReport.write(fleet, file));
        return fleet.leaking() > 0 ? ExitCodes.LEAK : ExitCodes.NO_LEAK;
    }
}

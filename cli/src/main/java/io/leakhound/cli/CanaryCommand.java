package io.leakhound.cli;

import io.leakhound.fleet.CanaryComparison;
import io.leakhound.fleet.CanaryResult;
import io.leakhound.fleet.CanaryVerdict;
import io.leakhound.fleet.PrometheusApi;
import io.leakhound.report.CanaryJsonReport;
import io.leakhound.report.CanaryTextReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code leakhound canary --prometheus URL --canary SELECTOR --baseline SELECTOR [--start TIME] [--end TIME]
 * [--json]}: did the new version change memory behaviour?
 */
@Command(
        name = "canary",
        mixinStandardHelpOptions = true,
        header = "Did the canary change memory behaviour against its baseline? WORSE, SAME, BETTER per resource.",
        description =
            "Reads both groups from Prometheus as `fleet` does, over the same window (default: from the canary's "
                + "first sample, looking back --lookback), and compares per resource the post-GC growth the "
                + "engine found in each instance: WORSE when at least half the canary's instances leak and fewer "
                + "than half the baseline's do, the canary's median growth stands above the baseline's by more "
                + "than three robust spreads, and a one-sided Mann-Whitney test across instances agrees where "
                + "the groups are large enough to reach p <= 0.05; BETTER the other way round; SAME otherwise; "
                + "INCONCLUSIVE with too few instances or too short a window, saying what is missing.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.NO_LEAK + ":no resource is WORSE",
            ExitCodes.LEAK + ":at least one resource is WORSE",
            ExitCodes.BAD_INPUT + ":bad usage, no canary instance, or Prometheus unreachable or refusing a query",
            ExitCodes.NOT_ENOUGH_DATA + ":every resource INCONCLUSIVE: too few instances or too short a window"})
final class CanaryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Mixin
    PrometheusOptions source;

    @Option(names = "--canary", required = true, paramLabel = "SELECTOR",
            description = "Label matchers of the canary's instances, e.g. '{job=\"checkout\",version=\"v2\"}'; "
                    + "repeat for several.")
    List<String> canary;

    @Option(names = "--baseline", required = true, paramLabel = "SELECTOR",
            description = "Label matchers of the baseline's instances, e.g. '{job=\"checkout\",version=\"v1\"}'.")
    List<String> baseline;

    @Option(names = "--start", paramLabel = "TIME", converter = PrometheusOptions.TimeConverter.class,
            description = "The window's start: RFC 3339 or Unix seconds. Default: the canary's first sample.")
    Instant start;

    @Option(names = "--json", description = "Print one JSON object (docs/json.md) instead of text.")
    boolean json;

    @Option(names = "--lookback", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "24h",
            description = "How far before the end to look for the canary's first sample. Default: ${DEFAULT-VALUE}.")
    Duration lookback;

    @Override
    public Integer call() throws Exception {
        Instant end = source.endOrNow();
        if (start != null && !end.isAfter(start)) {
            throw new ParameterException(spec.commandLine(), "the window's end " + end + " is not after its start "
                    + start);
        }
        List<List<String>> c = source.matchers("--canary", canary);
        List<List<String>> b = source.matchers("--baseline", baseline);
        PrometheusApi api = source.api();
        CanaryResult result;
        try {
            result = source.withProgress(progress -> CanaryComparison.read(api, c, b, start, end, lookback,
                    source.step, source.deploys, progress));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? CanaryJsonReport.render(result) : CanaryTextReport.render(result));
        out.flush();
        if (result.worse()) {
            return ExitCodes.LEAK;
        }
        boolean allInconclusive = result.findings().stream().allMatch(f -> f.verdict() == CanaryVerdict.INCONCLUSIVE);
        return allInconclusive ? ExitCodes.NOT_ENOUGH_DATA : ExitCodes.NO_LEAK;
    }
}

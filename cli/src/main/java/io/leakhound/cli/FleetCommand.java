package io.leakhound.cli;

import io.leakhound.fleet.FleetReader;
import io.leakhound.fleet.FleetResult;
import io.leakhound.fleet.PrometheusApi;
import io.leakhound.report.FleetJsonReport;
import io.leakhound.report.FleetTextReport;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code leakhound fleet --prometheus URL [--selector SELECTOR]... [--start TIME] [--end TIME | --last DURATION]
 * [--step DURATION] [--json]}: every instance whose memory is in Prometheus, judged by the engine of
 * {@code analyze}, the most urgent first.
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

    @Option(names = "--prometheus", required = true, paramLabel = "URL",
            description = "Prometheus' base URL, e.g. http://prometheus:9090 (a path prefix is kept).")
    String prometheus;

    @Option(names = "--selector", paramLabel = "SELECTOR",
            description = "Label matchers that pick instances, e.g. '{job=~\"orders|billing\",env=\"prod\"}'; "
                    + "repeat for several (an instance matching any is read). Default: every instance.")
    List<String> selectors = new ArrayList<>();

    @Option(names = "--start", paramLabel = "TIME", converter = TimeConverter.class,
            description = "The window's start: RFC 3339 (2026-12-06T09:00:00Z) or Unix seconds. Default: --last "
                    + "before the end.")
    Instant start;

    @Option(names = "--end", paramLabel = "TIME", converter = TimeConverter.class,
            description = "The window's end: RFC 3339 or Unix seconds. Default: now.")
    Instant end;

    @Option(names = "--last", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The window's length when --start is not given, e.g. 6h. Default: 24h.")
    Duration last;

    @Option(names = "--step", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The resolution of the range queries. Default: about 2,000 points over the window, "
                    + "at least 15 s (Prometheus allows 11,000 per series).")
    Duration step;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "2m",
            description = "How long one query may take. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--json", description = "Print one JSON object (docs/json.md) instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (start != null && last != null) {
            throw new ParameterException(spec.commandLine(), "give --start or --last, not both");
        }
        Instant to = end != null ? end : Instant.now();
        Instant from = start != null ? start : to.minus(last != null ? last : Duration.ofHours(24));
        List<List<String>> matchers = new ArrayList<>();
        FleetReader.Query query;
        try {
            for (String s : selectors) {
                matchers.add(FleetReader.matchers(s));
            }
            query = new FleetReader.Query(matchers, from, to, step != null ? step : FleetReader.Query.defaultStep(from, to));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrometheusApi api = new PrometheusApi(baseUri(), timeout);
        PrintWriter err = spec.commandLine().getErr();
        TerminalProgress progress = System.console() != null ? new TerminalProgress(err) : null;
        FleetResult fleet;
        try {
            fleet = FleetReader.read(api, query, (done, total) -> {
                if (progress != null) {
                    progress.update("querying Prometheus", done, total);
                }
            });
        } finally {
            if (progress != null) {
                progress.clear();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? FleetJsonReport.render(fleet) : FleetTextReport.render(fleet));
        out.flush();
        return fleet.leaking() > 0 ? ExitCodes.LEAK : ExitCodes.NO_LEAK;
    }

    private URI baseUri() {
        try {
            URI uri = new URI(prometheus.strip());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(prometheus, "expected http://host:port");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ParameterException(spec.commandLine(), "--prometheus '" + prometheus
                    + "' is not an http(s) URL such as http://prometheus:9090");
        }
    }

    /** RFC 3339 ({@code 2026-12-06T09:00:00Z}, with an offset or Z) or Unix seconds, with a fraction or not. */
    static final class TimeConverter implements ITypeConverter<Instant> {

        @Override
        public Instant convert(String value) {
            String v = value.strip();
            try {
                if (v.matches("\\d+(\\.\\d+)?")) {
                    return Instant.ofEpochMilli(Math.round(Double.parseDouble(v) * 1000));
                }
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a time: give RFC 3339, e.g. "
                        + "2026-12-06T09:00:00Z, or Unix seconds");
            }
        }
    }
}

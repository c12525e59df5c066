package io.leakhound.cli;

import io.leakhound.fleet.FleetReader;
import io.leakhound.fleet.PrometheusApi;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** The options of the commands that read Prometheus ({@code fleet}, {@code canary}): where, and over what window. */
final class PrometheusOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--prometheus", required = true, paramLabel = "URL",
            description = "Prometheus' base URL, e.g. http://prometheus:9090 (a path prefix is kept).")
    String prometheus;

    @Option(names = "--end", paramLabel = "TIME", converter = TimeConverter.class,
            description = "The window's end: RFC 3339 (2026-12-06T09:00:00Z) or Unix seconds. Default: now.")
    Instant end;

    @Option(names = "--step", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The resolution of the range queries. Default: about 2,000 points over the window, "
                    + "at least 15 s (Prometheus allows 11,000 per series).")
    Duration step;

    @Option(names = "--deploys", paramLabel = "PROMQL",
            description = "A query whose series mark deploys (each new series and each change of its value), e.g. "
                    + "'kube_deployment_metadata_generation'; applied to its instance, else its job, else all. "
                    + "New values of a version label are deploys without it.")
    String deploys;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "2m",
            description = "How long one query may take. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    PrometheusApi api() {
        try {
            URI uri = new URI(prometheus.strip());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(prometheus, "expected http://host:port");
            }
            return new PrometheusApi(uri, timeout);
        } catch (URISyntaxException e) {
            throw new ParameterException(spec.commandLine(), "--prometheus '" + prometheus
                    + "' is not an http(s) URL such as http://prometheus:9090");
        }
    }

    Instant endOrNow() {
        return end != null ? end : Instant.now();
    }

    /** The window to read, at --step or the default step, with --deploys; one that cannot work is a usage error. */
    FleetReader.Query query(List<List<String>> matchers, Instant from, Instant to) {
        try {
            return new FleetReader.Query(matchers, from, to, step != null ? step : FleetReader.Query.defaultStep(from, to),
                    deploys);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Selectors as matcher lists; a malformed one is a usage error naming it. */
    List<List<String>> matchers(String option, List<String> selectors) {
        List<List<String>> out = new ArrayList<>();
        for (String s : selectors) {
            try {
                out.add(FleetReader.matchers(s));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** A read of Prometheus that reports its queries. */
    @FunctionalInterface
    interface Reading<T> {
        T read(FleetReader.Progress progress) throws java.io.IOException;
    }

    /** Runs {@code reading} with a progress line on a terminal's stderr, wiped before the report. */
    <T> T withProgress(Reading<T> reading) throws java.io.IOException {
        TerminalProgress progress = System.console() != null ? new TerminalProgress(spec.commandLine().getErr()) : null;
        try {
            return reading.read((done, total) -> {
                if (progress != null) {
                    progress.update("querying Prometheus", done, total);
                }
            });
        } finally {
            if (progress != null) {
                progress.clear();
            }
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

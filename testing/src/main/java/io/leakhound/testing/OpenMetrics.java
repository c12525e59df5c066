package io.leakhound.testing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.DoubleUnaryOperator;

/**
 * Series in the OpenMetrics text format, as {@code promtool tsdb create-blocks-from openmetrics} reads them:
 * each metric family's samples together after its {@code # TYPE} line, each series in time order, {@code # EOF}
 * last. Values come from a function of the seconds since the series' start, sampled every {@code every}.
 */
public final class OpenMetrics {

    private final Map<String, StringBuilder> families = new LinkedHashMap<>();

    /**
     * Adds one gauge series.
     *
     * @param labels    name, value, name, value...
     * @param fromEpoch its first sample, in Unix seconds
     * @param toEpoch   its last sample at or before this, in Unix seconds
     * @param value     the value at t seconds after {@code fromEpoch}; NaN leaves the sample out (a scrape missed)
     */
    public OpenMetrics gauge(String name, List<String> labels, long fromEpoch, long toEpoch, long everySeconds,
                             DoubleUnaryOperator value) {
        return add("gauge", name, name, labels, fromEpoch, toEpoch, everySeconds, value);
    }

    /** Adds one counter series: family {@code name}, samples {@code name_total}. */
    public OpenMetrics counter(String name, List<String> labels, long fromEpoch, long toEpoch, long everySeconds,
                               DoubleUnaryOperator value) {
        return add("counter", name, name + "_total", labels, fromEpoch, toEpoch, everySeconds, value);
    }

    private OpenMetrics add(String type, String familyName, String name, List<String> labels, long fromEpoch,
                            long toEpoch, long everySeconds, DoubleUnaryOperator value) {
        StringBuilder family = families.computeIfAbsent(familyName,
                n -> new StringBuilder("# TYPE " + n + " " + type + "\n"));
        StringJoiner l = new StringJoiner(",", "{", "}");
        for (int i = 0; i + 1 < labels.size(); i += 2) {
            l.add(labels.get(i) + "=\"" + labels.get(i + 1) + "\"");
        }
        String series = name + l;
        for (long t = fromEpoch; t <= toEpoch; t += everySeconds) {
            double v = value.applyAsDouble(t - fromEpoch);
            if (!Double.isNaN(v)) {
                family.append(series).append(' ').append(format(v)).append(' ').append(t).append('\n');
            }
        }
        return this;
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    void writeTo(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (StringBuilder family : families.values()) {
                w.append(family);
            }
            w.append("# EOF\n");
        }
    }
}

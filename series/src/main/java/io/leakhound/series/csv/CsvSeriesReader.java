package io.leakhound.series.csv;

import io.leakhound.series.verdict.UsageSeries;
import java.io.IOException;
import java.nio.file.Path;

/** PLACEHOLDER: helper "engine" replaces this file. Reads {@code timestamp_ms,used_bytes[,limit_bytes]} lines. */
public final class CsvSeriesReader {
    private CsvSeriesReader() {
    }

    /** Whether a file looks like a CSV series (so the CLI can tell it from a GC log). */
    public static boolean looksLikeCsv(Path file) throws IOException {
        throw new UnsupportedOperationException("placeholder");
    }

    /** Reads the series; resource name {@code rss} unless the header names another. */
    public static UsageSeries read(Path file) throws IOException {
        throw new UnsupportedOperationException("placeholder");
    }
}

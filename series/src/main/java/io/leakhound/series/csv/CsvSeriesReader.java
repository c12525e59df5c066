package io.leakhound.series.csv;

import io.leakhound.series.GcLogFormatException;
import io.leakhound.series.PeekedInput;
import io.leakhound.series.verdict.PointQuality;
import io.leakhound.series.verdict.UsageSeries;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads a plain usage series, one {@code timestamp_ms,used_bytes[,limit_bytes]} point per line (for example
 * a process's RSS sampled from {@code /proc}). An optional header line names the columns; its second
 * column, when it is a name such as {@code rss}, becomes the resource's name. Blank lines and lines
 * starting with {@code #} are ignored. The limit is the last one stated.
 *
 * <p>Streams the file once; memory is two longs per point. Gzip-compressed input is told by its magic bytes.
 */
public final class CsvSeriesReader {

    private CsvSeriesReader() {
    }

    /**
     * Whether a file looks like a CSV series (so the CLI can tell it from a GC log): its first line that is
     * neither blank nor a comment is a header or two to three comma-separated integers.
     */
    public static boolean looksLikeCsv(Path file) throws IOException {
        try (PeekedInput in = PeekedInput.open(file)) {
            return looksLikeCsv(in.head());
        }
    }

    /** {@link #looksLikeCsv(Path)} of an input's first bytes (decompressed), already read. */
    public static boolean looksLikeCsv(byte[] head) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(head),
                StandardCharsets.ISO_8859_1))) {
            String line;
            int examined = 0;
            while ((line = in.readLine()) != null && examined < 50) {
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                examined++;
                String[] cells = s.split(",", -1);
                if (cells.length < 2 || cells.length > 3) {
                    return false;
                }
                if (isHeader(cells)) {
                    continue;
                }
                for (String c : cells) {
                    if (!isInteger(c.strip())) {
                        return false;
                    }
                }
                return true;
            }
            return false;
        }
    }

    /** Reads the series (gzip-compressed or not); resource name {@code rss} unless the header names another. */
    public static UsageSeries read(Path file) throws IOException {
        return read(PeekedInput.open(file));
    }

    /** Reads the series from an input already opened (standard input, a pipe); closes it. */
    public static UsageSeries read(PeekedInput input) throws IOException {
        Path file = input.name();
        String resource = "rss";
        long limit = -1;
        long lastTime = Long.MIN_VALUE;
        long lineNumber = 0;
        boolean first = true;
        java.util.List<long[]> points = new java.util.ArrayList<>();
        try (input; BufferedReader in = new BufferedReader(new InputStreamReader(input.stream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                String[] cells = s.split(",", -1);
                if (first && isHeader(cells)) {
                    first = false;
                    String name = cells.length > 1 ? cells[1].strip() : "";
                    if (!name.isEmpty() && !name.equalsIgnoreCase("used_bytes") && !name.equalsIgnoreCase("used")) {
                        resource = name.endsWith("_bytes") ? name.substring(0, name.length() - 6) : name;
                    }
                    continue;
                }
                first = false;
                if (cells.length < 2 || cells.length > 3) {
                    throw new GcLogFormatException(file, lineNumber, "expected timestamp_ms,used_bytes[,limit_bytes]"
                            + " but found " + cells.length + " fields: " + clip(s));
                }
                long t = parse(file, lineNumber, cells[0], "timestamp_ms");
                long used = parse(file, lineNumber, cells[1], "used_bytes");
                if (used < 0) {
                    throw new GcLogFormatException(file, lineNumber, "expected used_bytes >= 0 but found " + used);
                }
                if (t < lastTime) {
                    throw new GcLogFormatException(file, lineNumber,
                            "expected timestamps in ascending order but found " + t + " after " + lastTime);
                }
                lastTime = t;
                if (cells.length == 3 && !cells[2].isBlank()) {
                    limit = parse(file, lineNumber, cells[2], "limit_bytes");
                }
                points.add(new long[] {t, used});
            }
        }
        if (points.isEmpty()) {
            throw new GcLogFormatException(file, 0, "expected timestamp_ms,used_bytes lines but found none");
        }
        UsageSeries.Builder builder = UsageSeries.builder(resource).limitBytes(limit);
        for (long[] p : points) {
            builder.add(p[0], p[1], PointQuality.RAW);
        }
        return builder.build();
    }

    private static boolean isHeader(String[] cells) {
        String c = cells[0].strip();
        return !c.isEmpty() && !isInteger(c) && Character.isLetter(c.charAt(0));
    }

    private static boolean isInteger(String s) {
        if (s.isEmpty() || s.length() > 19) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && !(i == 0 && c == '-' && s.length() > 1)) {
                return false;
            }
        }
        return true;
    }

    private static long parse(Path file, long line, String cell, String column) throws GcLogFormatException {
        String s = cell.strip();
        if (!isInteger(s)) {
            throw notInteger(file, line, column, s);
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw notInteger(file, line, column, s);
        }
    }

    private static GcLogFormatException notInteger(Path file, long line, String column, String found) {
        return new GcLogFormatException(file, line, "expected an integer " + column + " but found '" + clip(found) + "'");
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}

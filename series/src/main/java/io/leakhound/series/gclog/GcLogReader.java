package io.leakhound.series.gclog;

import io.leakhound.series.Collector;
import io.leakhound.series.GcLogFormatException;
import io.leakhound.series.GcSeries;
import io.leakhound.series.PeekedInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipException;

/**
 * Reads GC logs into a {@link GcLog}: one file, or several (rotated parts, a directory, the entries of a
 * {@code .zip}, {@code .gz} files) as one series in time order. Detects the dialect (JDK 9+ unified
 * logging or JDK 8 and earlier) from the first lines and feeds every line to one parser for the whole
 * series.
 *
 * <p>Cost: lines are cut from a 1 MiB byte buffer and handed to the parser as a reused
 * {@link CharSequence} over that buffer, so reading allocates nothing per line; memory is the buffer
 * plus the bounded {@link GcSeries}. Each file is opened twice: once for its first 64 KiB (format,
 * garbage check, first time stamp to order the parts), once to parse it. An input that can be read only
 * once ({@code -} for standard input, a pipe, a FIFO, {@code <(zcat gc.log.gz)}) is opened once: its first
 * 64 KiB are kept and replayed (see {@link PeekedInput}). Compression is told by gzip's magic bytes, not by
 * the name.
 */
public final class GcLogReader {

    private GcLogReader() {
    }

    /**
     * Whether the first bytes of an input (decompressed) hold a HotSpot GC log line, for a caller that routes
     * inputs by content: does no I/O.
     */
    public static boolean looksLikeGcLog(byte[] head) {
        return GcLogFormatSniffer.hasGcLogLine(head);
    }

    /** Reads one log, or several files (rotated parts) as one series in time order. */
    public static GcLog read(List<Path> files) throws IOException {
        return read(files, GcSeries.DEFAULT_CAPACITY);
    }

    /**
     * Reads one input that was already opened, e.g. to tell its kind from its head: standard input or a pipe.
     * Closes it.
     */
    public static GcLog read(PeekedInput input) throws IOException {
        return read(List.of(LogPart.of(input)), input.name(), GcSeries.DEFAULT_CAPACITY);
    }

    /**
     * @param files          log files, directories (their files), {@code .zip} or gzip archives, {@code -} for
     *                       standard input, pipes
     * @param seriesCapacity events held before the series thins its young collections (see {@link GcSeries})
     */
    public static GcLog read(List<Path> files, int seriesCapacity) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no GC log file given");
        }
        List<LogPart> parts = new ArrayList<>();
        for (Path f : files) {
            LogPart.expand(f, parts);
        }
        return read(parts, files.get(0), seriesCapacity);
    }

    private static GcLog read(List<LogPart> parts, Path first, int seriesCapacity) throws IOException {
        try {
            return readParts(parts, first, seriesCapacity);
        } finally {
            for (LogPart part : parts) {
                if (part.source != null) {
                    part.source.close();
                }
            }
        }
    }

    private static GcLog readParts(List<LogPart> parts, Path first, int seriesCapacity) throws IOException {
        if (parts.isEmpty()) {
            throw new GcLogFormatException(first, 0, "no file in it; expected a GC log");
        }
        List<String> warnings = new ArrayList<>();
        List<LogPart> readable = new ArrayList<>();
        for (LogPart part : parts) {
            part.head = LogHead.read(part);
            if (part.head.length == 0) {
                if (parts.size() == 1) {
                    throw new GcLogFormatException(part.name, 0, "empty file; expected a GC log");
                }
                warnings.add(part.name + ": empty file, skipped");
                continue;
            }
            part.head.checkText(part.name);
            readable.add(part);
        }
        if (readable.isEmpty()) {
            throw new GcLogFormatException(parts.get(0).name, 0, "every file is empty; expected a GC log");
        }
        GcLogFormat format = GcLogFormatSniffer.detect(readable);
        order(readable);

        GcSeries series = new GcSeries(seriesCapacity);
        WallClockOrigin origin = new WallClockOrigin();
        SeriesTimeLine timeLine = new SeriesTimeLine(series, warnings);
        GcLogParser parser = format == GcLogFormat.UNIFIED
                ? new UnifiedLogParser(timeLine, origin)
                : new LegacyLogParser(timeLine, origin);
        long lines = 0;
        List<Path> names = new ArrayList<>();
        for (LogPart part : readable) {
            names.add(part.name);
            timeLine.startFile(part.name, part.head.firstUptimeNanos, part.head.firstWallMillis);
            LineFeed feed = new LineFeed(part.name, parser);
            try (InputStream in = part.open()) {
                parser.startFile(part.name);
                feed.run(in);
                parser.endOfFile();
            } catch (GcLogFormatException e) {
                throw e;
            } catch (ZipException | java.io.EOFException e) {
                warnings.add(part.name + ": compressed data ends early after line " + feed.lines + " ("
                        + e.getMessage() + "); read up to there");
                parser.endOfFile();
            } catch (RuntimeException e) {
                // a parser bug must not surface as a stack trace: name the place it happened
                throw new GcLogFormatException(part.name, feed.lines,
                        "cannot parse this line (" + e + "); expected a " + format + " GC log line");
            }
            lines += feed.lines;
            if (feed.unterminatedSkipped) {
                warnings.add(part.name + ":" + feed.lines + ": last line has no line end and is not a complete "
                        + "GC log line (truncated?), skipped");
            } else if (feed.unterminated) {
                // the JVM ends every line: a missing line end means the log was cut or is still being written
                warnings.add(part.name + ":" + feed.lines + ": last line has no line end (the log was cut or is "
                        + "still being written); read up to there");
            }
            if (feed.overlong > 0) {
                warnings.add(part.name + ": " + feed.overlong + " lines longer than " + LineFeed.BUFFER_BYTES
                        + " bytes skipped");
            }
        }
        if (parser instanceof UnifiedLogParser) {
            warnings.addAll(((UnifiedLogParser) parser).warnings());
        }
        if (parser.skippedLines() > 0) {
            warnings.add(parser.skippedLines() + " of " + lines + " lines not recognised were skipped");
        }
        if (series.isEmpty()) {
            throw noEvents(readable, lines, format, parser.collector());
        }
        series.sortByUptime();
        if (parser.collector() == Collector.UNKNOWN) {
            warnings.add("the log does not name its collector (no 'Using ...' line); collector unknown");
        }
        return new GcLog(names, format, parser.collector(), series, parser.maxHeapBytes(), lines,
                parser.skippedLines(), warnings, parser.permanentGeneration());
    }

    private static GcLogFormatException noEvents(List<LogPart> parts, long lines, GcLogFormat format,
            Collector collector) {
        Path first = parts.get(0).name;
        String where = parts.size() == 1 ? "" : " (and " + (parts.size() - 1) + " more files)";
        String why = collector == Collector.EPSILON ? " (Epsilon never collects)" : "";
        String example = format == GcLogFormat.UNIFIED ? GcLogFormatSniffer.UNIFIED_EXAMPLE
                : GcLogFormatSniffer.LEGACY_EXAMPLE;
        return new GcLogFormatException(first, 0, "no GC event in " + lines + " lines" + where + why
                + "; expected " + format.name().toLowerCase(java.util.Locale.ROOT) + " GC log lines such as "
                + example);
    }

    /** Orders parts by their first wall-clock time if all have one, else by first uptime if all have one. */
    private static void order(List<LogPart> parts) {
        if (parts.size() < 2) {
            return;
        }
        if (parts.stream().allMatch(p -> p.head.firstWallMillis != LineText.NONE)) {
            parts.sort(Comparator.comparingLong(p -> p.head.firstWallMillis));
        } else if (parts.stream().allMatch(p -> p.head.firstUptimeNanos != LineText.NONE)) {
            parts.sort(Comparator.comparingLong(p -> p.head.firstUptimeNanos));
        }
    }
}

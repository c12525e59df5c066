package io.leakhound.series.gclog;

import io.leakhound.series.Collector;
import io.leakhound.series.GcEvent;
import io.leakhound.series.GcLogFormatException;
import io.leakhound.series.GcSeries;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads GC logs into a {@link GcLog}: one file, or several (rotated parts, a directory, the entries of a
 * {@code .zip}, {@code .gz} files) as one series in time order. Detects the dialect (JDK 9+ unified
 * logging or JDK 8 and earlier) from the first lines and feeds every line to one parser for the whole
 * series.
 *
 * <p>Cost: lines are cut from a 1 MiB byte buffer and handed to the parser as a reused
 * {@link CharSequence} over that buffer, so reading allocates nothing per line; memory is the buffer
 * plus the bounded {@link GcSeries}. Each file is opened twice: once for its first 64 KiB (format,
 * garbage check, first time stamp to order the parts), once to parse it.
 */
public final class GcLogReader {

    private static final int HEAD_BYTES = 64 * 1024;
    private static final int BUFFER_BYTES = 1 << 20;
    private static final int MAX_RESTART_WARNINGS = 10;
    private static final String UNIFIED_EXAMPLE =
            "'[0.200s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 14M->12M(128M) 7.033ms'";
    private static final String LEGACY_EXAMPLE =
            "'2.345: [GC (Allocation Failure) [PSYoungGen: 33280K->5104K(38400K)] 33280K->5112K(125952K), 0.0054 secs]'";

    private GcLogReader() {
    }

    /** Reads one log, or several files (rotated parts) as one series in time order. */
    public static GcLog read(List<Path> files) throws IOException {
        return read(files, GcSeries.DEFAULT_CAPACITY);
    }

    /**
     * @param files          log files, directories (their files) or {@code .zip}/{@code .gz} archives
     * @param seriesCapacity events held before the series thins its young collections (see {@link GcSeries})
     */
    public static GcLog read(List<Path> files, int seriesCapacity) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no GC log file given");
        }
        List<Part> parts = new ArrayList<>();
        for (Path f : files) {
            expand(f, parts);
        }
        if (parts.isEmpty()) {
            throw new GcLogFormatException(files.get(0), 0, "no file in it; expected a GC log");
        }
        List<String> warnings = new ArrayList<>();
        List<Part> readable = new ArrayList<>();
        for (Part part : parts) {
            part.head = Head.read(part);
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
        GcLogFormat format = detect(readable);
        order(readable);

        GcSeries series = new GcSeries(seriesCapacity);
        WallClockOrigin origin = new WallClockOrigin();
        TimeLine timeLine = new TimeLine(series, warnings);
        GcLogParser parser = format == GcLogFormat.UNIFIED
                ? new UnifiedLogParser(timeLine, origin)
                : new LegacyLogParser(timeLine, origin);
        long lines = 0;
        List<Path> names = new ArrayList<>();
        for (Part part : readable) {
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
                warnings.add(part.name + ": " + feed.overlong + " lines longer than " + BUFFER_BYTES
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
                parser.skippedLines(), warnings);
    }

    private static GcLogFormatException noEvents(List<Part> parts, long lines, GcLogFormat format,
            Collector collector) {
        Path first = parts.get(0).name;
        String where = parts.size() == 1 ? "" : " (and " + (parts.size() - 1) + " more files)";
        String why = collector == Collector.EPSILON ? " (Epsilon never collects)" : "";
        String example = format == GcLogFormat.UNIFIED ? UNIFIED_EXAMPLE : LEGACY_EXAMPLE;
        return new GcLogFormatException(first, 0, "no GC event in " + lines + " lines" + where + why
                + "; expected " + format.name().toLowerCase(java.util.Locale.ROOT) + " GC log lines such as "
                + example);
    }

    // ---- inputs -------------------------------------------------------------------------------

    /** One stream of lines: a file, a gzip file or a zip entry. */
    private static final class Part {
        final Path name;
        final Path file;
        final String entry;
        final boolean gzip;
        Head head;
        /** Lines end in a bare {@code \r} (classic Mac OS line ends, seen in real JDK 8 logs). */
        boolean carriageReturnLines;

        Part(Path name, Path file, String entry, boolean gzip) {
            this.name = name;
            this.file = file;
            this.entry = entry;
            this.gzip = gzip;
        }

        InputStream open() throws IOException {
            InputStream raw;
            if (entry == null) {
                raw = Files.newInputStream(file);
            } else {
                ZipFile zip = new ZipFile(file.toFile());
                ZipEntry e = zip.getEntry(entry);
                raw = new FilterInputStream(zip.getInputStream(e)) {
                    @Override
                    public void close() throws IOException {
                        try {
                            super.close();
                        } finally {
                            zip.close();
                        }
                    }
                };
            }
            if (!gzip) {
                return carriageReturnLines ? new CarriageReturnsAsNewlines(raw) : raw;
            }
            try {
                InputStream unzipped = new GZIPInputStream(raw, 1 << 16);
                return carriageReturnLines ? new CarriageReturnsAsNewlines(unzipped) : unzipped;
            } catch (ZipException | java.io.EOFException e) {
                raw.close();
                throw new GcLogFormatException(name, 0, "not a gzip stream (" + e.getMessage()
                        + "); expected a gzip-compressed GC log");
            }
        }
    }

    private static void expand(Path f, List<Part> parts) throws IOException {
        if (Files.isDirectory(f)) {
            List<Path> children;
            try (Stream<Path> s = Files.list(f)) {
                children = s.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted(Comparator.comparing(Path::toString)).toList();
            }
            for (Path child : children) {
                expand(child, parts);
            }
            return;
        }
        if (!Files.exists(f)) {
            throw new NoSuchFileException(f.toString(), null, "no such file");
        }
        if (!Files.isReadable(f)) {
            throw new AccessDeniedException(f.toString(), null, "not readable");
        }
        String name = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".zip")) {
            try (ZipFile zip = new ZipFile(f.toFile())) {
                List<String> entries = new ArrayList<>();
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                    ZipEntry entry = e.nextElement();
                    String n = entry.getName();
                    String base = n.substring(n.lastIndexOf('/') + 1);
                    // macOS archive metadata, not logs
                    if (!entry.isDirectory() && !n.startsWith("__MACOSX/") && !base.startsWith("._")) {
                        entries.add(n);
                    }
                }
                entries.sort(Comparator.naturalOrder());
                for (String n : entries) {
                    parts.add(new Part(Path.of(f + "!" + n), f, n,
                            n.toLowerCase(java.util.Locale.ROOT).endsWith(".gz")));
                }
            } catch (ZipException e) {
                throw new GcLogFormatException(f, 0, "not a zip archive (" + e.getMessage()
                        + "); expected a .zip of GC logs");
            }
            return;
        }
        parts.add(new Part(f, f, null, name.endsWith(".gz")));
    }

    // ---- format detection and ordering ------------------------------------------------------

    private static GcLogFormat detect(List<Part> parts) throws GcLogFormatException {
        for (Part part : parts) {
            for (AsciiLine line : part.head.lines()) {
                if (UnifiedLogParser.recognizes(line)) {
                    return GcLogFormat.UNIFIED;
                }
            }
        }
        for (Part part : parts) {
            for (AsciiLine line : part.head.lines()) {
                boolean legacy;
                try {
                    legacy = LegacyLogParser.recognizes(line);
                } catch (RuntimeException e) {
                    legacy = false;
                }
                if (legacy) {
                    return GcLogFormat.LEGACY;
                }
            }
        }
        Part first = parts.get(0);
        String text = first.head.text();
        String found;
        if (text.contains("<verbosegc") || text.contains("<?xml")) {
            found = "an IBM J9 / OpenJ9 verbose GC (XML) log, which leakhound does not read";
        } else if (text.contains("[memory ]")) {
            found = "an Oracle JRockit GC log, which leakhound does not read";
        } else {
            found = "no HotSpot GC log line in the first " + first.head.lines().size() + " lines";
        }
        throw new GcLogFormatException(first.name, 0, "found " + found + "; expected a HotSpot GC log: "
                + "unified logging (-Xlog:gc) lines such as " + UNIFIED_EXAMPLE
                + " or JDK 8 (-XX:+PrintGCDetails) lines such as " + LEGACY_EXAMPLE);
    }

    /** Orders parts by their first wall-clock time if all have one, else by first uptime if all have one. */
    private static void order(List<Part> parts) {
        if (parts.size() < 2) {
            return;
        }
        if (parts.stream().allMatch(p -> p.head.firstWallMillis != LineText.NONE)) {
            parts.sort(Comparator.comparingLong(p -> p.head.firstWallMillis));
        } else if (parts.stream().allMatch(p -> p.head.firstUptimeNanos != LineText.NONE)) {
            parts.sort(Comparator.comparingLong(p -> p.head.firstUptimeNanos));
        }
    }

    // no \n at all but \r present: the file's lines end in a bare \r
    private static boolean usesCarriageReturnLines(byte[] b, int n) {
        boolean carriageReturn = false;
        for (int i = 0; i < n; i++) {
            if (b[i] == '\n') {
                return false;
            }
            carriageReturn |= b[i] == '\r';
        }
        return carriageReturn;
    }

    /** Turns bare {@code \r} line ends into {@code \n}, so the line feed has one kind of line end to find. */
    private static final class CarriageReturnsAsNewlines extends FilterInputStream {
        CarriageReturnsAsNewlines(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            return c == '\r' ? '\n' : c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            for (int i = off; i < off + n; i++) {
                if (b[i] == '\r') {
                    b[i] = '\n';
                }
            }
            return n;
        }
    }

    /** The first bytes of a part: enough to tell the format and the first time stamp. */
    private static final class Head {
        final byte[] bytes;
        final int length;
        long firstUptimeNanos = LineText.NONE;
        long firstWallMillis = LineText.NONE;
        private List<AsciiLine> lines;

        private Head(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
        }

        static Head read(Part part) throws IOException {
            byte[] b = new byte[HEAD_BYTES];
            int n = 0;
            try (InputStream in = part.open()) {
                int r;
                while (n < b.length && (r = in.read(b, n, b.length - n)) > 0) {
                    n += r;
                }
            } catch (ZipException | java.io.EOFException e) {
                if (n == 0) {
                    throw new GcLogFormatException(part.name, 0, "corrupt compressed data (" + e.getMessage()
                            + "); expected a GC log");
                }
            }
            if (usesCarriageReturnLines(b, n)) {
                part.carriageReturnLines = true;
                for (int i = 0; i < n; i++) {
                    b[i] = b[i] == '\r' ? (byte) '\n' : b[i];
                }
            }
            Head head = new Head(b, n);
            head.findTimes();
            return head;
        }

        /** Throws when the first KiB holds NUL or many other control bytes: binary data, not a log. */
        void checkText(Path name) throws GcLogFormatException {
            int n = Math.min(length, 1024);
            int control = 0;
            for (int i = 0; i < n; i++) {
                int c = bytes[i] & 0xff;
                if (c == 0) {
                    throw new GcLogFormatException(name, 0, "binary data (a NUL byte at offset " + i
                            + "); expected a text GC log");
                }
                if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != 0x0c) {
                    control++;
                }
            }
            if (control * 20 > n) {
                throw new GcLogFormatException(name, 0, "binary data (" + control + " control bytes in the first "
                        + n + "); expected a text GC log");
            }
        }

        List<AsciiLine> lines() {
            if (lines == null) {
                lines = new ArrayList<>();
                int start = 0;
                for (int i = 0; i < length && lines.size() < 2000; i++) {
                    if (bytes[i] == '\n') {
                        int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                        lines.add(new AsciiLine(bytes, start, end - start));
                        start = i + 1;
                    }
                }
                if (start < length && lines.size() < 2000 && length < HEAD_BYTES) {
                    lines.add(new AsciiLine(bytes, start, length - start));
                }
            }
            return lines;
        }

        String text() {
            return new String(bytes, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        private void findTimes() {
            UnifiedLogParser probe = new UnifiedLogParser(e -> { }, new WallClockOrigin());
            for (AsciiLine line : lines()) {
                if (firstUptimeNanos == LineText.NONE || firstWallMillis == LineText.NONE) {
                    probe.decorate(line);
                    if (probe.lineUptimeNanos() == LineText.NONE && probe.lineWallMillis() == LineText.NONE) {
                        legacyTimes(line);
                    }
                    if (firstUptimeNanos == LineText.NONE) {
                        firstUptimeNanos = probe.lineUptimeNanos();
                    }
                    if (firstWallMillis == LineText.NONE) {
                        firstWallMillis = probe.lineWallMillis();
                    }
                }
            }
        }

        // JDK 8: "2014-02-21T11:11:58.123+0100: 12.345: [GC ..." or "12.345: [GC ..."
        private void legacyTimes(AsciiLine line) {
            int p = 0;
            int n = line.length();
            if (n >= 28 && line.charAt(4) == '-' && line.charAt(10) == 'T') {
                int colon = LineText.indexOf(line, ": ", 19, n);
                if (colon > 0 && firstWallMillis == LineText.NONE) {
                    long wall = UnifiedLogParser.parseIsoMillis(line, 0, colon);
                    if (wall != LineText.NONE) {
                        firstWallMillis = wall;
                    }
                }
                p = colon < 0 ? n : colon + 2;
            }
            int colon = LineText.indexOf(line, ": [", p, Math.min(n, p + 24));
            if (colon > p && firstUptimeNanos == LineText.NONE) {
                long up = LineText.parseScaled(line, p, colon, 1_000_000_000L);
                if (up != LineText.NONE) {
                    firstUptimeNanos = up;
                }
            }
        }
    }

    // ---- lines --------------------------------------------------------------------------------

    /** Cuts a stream into lines on {@code \n} (dropping a {@code \r} before it) and feeds the parser. */
    private static final class LineFeed {
        private final Path name;
        private final GcLogParser parser;
        long lines;
        long overlong;
        boolean unterminated;
        boolean unterminatedSkipped;

        LineFeed(Path name, GcLogParser parser) {
            this.name = name;
            this.parser = parser;
        }

        void run(InputStream in) throws IOException {
            byte[] buf = new byte[BUFFER_BYTES];
            AsciiLine line = new AsciiLine();
            int len = 0;
            int scanFrom = 0;
            boolean skipping = false; // inside a line longer than the buffer
            int r;
            while ((r = in.read(buf, len, buf.length - len)) > 0) {
                len += r;
                int start = 0;
                int i = scanFrom;
                while ((i = newline(buf, i, len)) >= 0) {
                    lines++;
                    if (skipping) {
                        skipping = false;
                    } else {
                        int end = i > start && buf[i - 1] == '\r' ? i - 1 : i;
                        line.set(buf, start, end - start);
                        parser.accept(line, lines);
                    }
                    start = ++i;
                }
                if (start > 0) {
                    System.arraycopy(buf, start, buf, 0, len - start);
                    len -= start;
                } else if (len == buf.length) {
                    // a line longer than the buffer is not a GC log line: drop it up to its end
                    if (!skipping) {
                        overlong++;
                    }
                    skipping = true;
                    len = 0;
                }
                scanFrom = len;
            }
            if (skipping) {
                lines++;
            } else if (len > 0) {
                // A last line without its end: either the file just lacks a final newline, or the JVM was
                // stopped while writing it. The parser skips (and counts) a line cut short, so feed it and
                // warn only when it was skipped.
                lines++;
                unterminated = true;
                int end = buf[len - 1] == '\r' ? len - 1 : len;
                long before = parser.skippedLines();
                line.set(buf, 0, end);
                parser.accept(line, lines);
                unterminatedSkipped = parser.skippedLines() > before;
            }
        }

        // its own small method: the JIT compiles this scan far better than when inlined into the loop above
        private static int newline(byte[] b, int from, int to) {
            for (int i = from; i < to; i++) {
                if (b[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public String toString() {
            return name.toString();
        }
    }

    // ---- time --------------------------------------------------------------------------------

    /**
     * Keeps time increasing across files and JVM restarts: when uptime falls back to near zero (a new JVM
     * writing the next file), later events are shifted to continue after the previous ones, by the
     * wall-clock gap when the log has wall-clock times.
     */
    private static final class TimeLine implements Consumer<GcEvent> {
        private final GcSeries series;
        private final List<String> warnings;
        private Path file;
        private long offsetNanos;
        private long lastUptimeNanos = -1;
        private java.time.Instant lastWall;
        private int restarts;

        TimeLine(GcSeries series, List<String> warnings) {
            this.series = series;
            this.warnings = warnings;
        }

        /**
         * A file of the series begins. A rotated continuation starts later than its predecessor ended; one
         * that starts earlier was written by a restarted JVM.
         */
        void startFile(Path file, long firstUptimeNanos, long firstWallMillis) {
            this.file = file;
            if (lastUptimeNanos >= 0 && firstUptimeNanos != LineText.NONE
                    && firstUptimeNanos + offsetNanos < lastUptimeNanos) {
                java.time.Instant firstWall = firstWallMillis == LineText.NONE ? null
                        : java.time.Instant.ofEpochMilli(firstWallMillis);
                restart(firstUptimeNanos, firstWall);
            }
        }

        private void restart(long uptimeNanos, java.time.Instant wall) {
            long gap = 0;
            if (lastWall != null && wall != null && wall.isAfter(lastWall)) {
                gap = Duration.between(lastWall, wall).toNanos();
            }
            // a log whose clock jumps back and forth would otherwise give one warning per event
            if (++restarts <= MAX_RESTART_WARNINGS) {
                warnings.add(file + ": uptime falls back from " + seconds(lastUptimeNanos) + " to "
                        + seconds(uptimeNanos) + " (JVM restart?); later times continue from "
                        + seconds(lastUptimeNanos) + (gap > 0 ? " plus the wall-clock gap of " + seconds(gap) : "")
                        + (restarts == MAX_RESTART_WARNINGS ? "; further restarts are not reported" : ""));
            }
            offsetNanos = lastUptimeNanos + gap - uptimeNanos;
        }

        @Override
        public void accept(GcEvent event) {
            long up = event.uptime().toNanos() + offsetNanos;
            // a restart within a file (a new JVM appending): uptime falls by over 5 s to under half of what it was
            if (lastUptimeNanos >= 0 && lastUptimeNanos - up > 5_000_000_000L && up < lastUptimeNanos / 2) {
                restart(event.uptime().toNanos(), event.wallClock());
                up = event.uptime().toNanos() + offsetNanos;
            }
            if (offsetNanos != 0) {
                event = new GcEvent(Duration.ofNanos(up), event.wallClock(), event.gcId(), event.collector(),
                        event.kind(), event.name(), event.cause(), event.heap(), event.oldGen(), event.metaspace(),
                        event.pause(), event.duration());
            }
            lastUptimeNanos = Math.max(lastUptimeNanos, up);
            if (event.wallClock() != null) {
                lastWall = event.wallClock();
            }
            series.add(event);
        }

        private static String seconds(long nanos) {
            return String.format(java.util.Locale.ROOT, "%.3f s", nanos / 1e9);
        }
    }
}

package io.leakhound.series.gclog;

import static io.leakhound.series.gclog.LineText.NONE;
import static io.leakhound.series.gclog.LineText.indexOf;
import static io.leakhound.series.gclog.LineText.isDigit;
import static io.leakhound.series.gclog.LineText.lastIndexOf;
import static io.leakhound.series.gclog.LineText.parseDurationNanos;
import static io.leakhound.series.gclog.LineText.parseLong;
import static io.leakhound.series.gclog.LineText.parseScaled;
import static io.leakhound.series.gclog.LineText.parseSize;
import static io.leakhound.series.gclog.LineText.skipSpaces;
import static io.leakhound.series.gclog.LineText.startsWith;
import static io.leakhound.series.gclog.LineText.trimEnd;

import io.leakhound.series.Collector;
import io.leakhound.series.GcEvent;
import io.leakhound.series.GcKind;
import io.leakhound.series.MemoryChange;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parses JDK 9+ unified GC logging ({@code -Xlog:gc} and {@code -Xlog:gc*}) with any decorations, in any
 * order, padded or not, or none, for G1, Parallel, Serial, CMS, ZGC (single- and multi-generational) and
 * Shenandoah.
 *
 * <p>One event per collection: the summary line ({@code GC(3) Pause Young (Normal) (G1 Evacuation Pause)
 * 14M->12M(128M) 7.033ms}) emits it, with the details {@code -Xlog:gc*} printed before it for the same GC
 * id (metaspace, old generation, STW phases of a concurrent collector) folded in. Shenandoah prints no
 * summary line for a concurrent cycle: its phases are gathered per GC id and the cycle is emitted when
 * the next GC id appears or the file ends.
 *
 * <p>Pauses: a stop-the-world event's pause is the time on its line. A ZGC or Shenandoah cycle has no
 * separate pause events, so its pause is the sum of the stop-the-world phases the log shows inside it
 * ({@code Pause Mark Start}, {@code Pause Init Mark}, ...; none with ZGC's {@code -Xlog:gc}) and its
 * duration is its wall time. G1's and CMS's remark and cleanup pauses are events of their own, so G1's
 * {@code Concurrent Mark Cycle} event has no pause.
 *
 * <p>Cost: the hot path scans each line's characters a few times and allocates nothing except for the
 * {@link GcEvent} it emits (names and causes are interned), so throughput is bound by character access.
 */
final class UnifiedLogParser implements GcLogParser {

    private static final long NANOS_PER_MILLI = 1_000_000L;
    // uptimemillis / uptimenanos look like timemillis / timenanos; a wall clock is far larger than any uptime
    private static final long WALL_MILLIS_THRESHOLD = 100_000_000_000L; // 1973 as epoch ms, 3 years as uptime

    private final Consumer<GcEvent> sink;
    private final WallClockOrigin origin;
    private final StringCache strings = new StringCache();
    private final List<String> warnings = new ArrayList<>();

    private Path file;
    private Collector collector = Collector.UNKNOWN;
    private long maxHeapBytes = -1;
    private long regionBytes = -1;
    private long skipped;
    private boolean warnedNoTime;

    // decorations of the current line
    private long lineUptimeNanos;
    private long lineWallMillis;
    // where the current line's decorations that may be times are, read lazily
    private final int[] timeFrom = new int[8];
    private final int[] timeTo = new int[8];
    private int timeSpans;
    /** The line being read (only during {@link #accept}). */
    private AsciiLine current;
    private boolean timesParsed;
    /** How good lineUptimeNanos is: 0 none, 1 nanoseconds (maybe timenanos), 2 uptimemillis, 3 uptime. */
    private int uptimeRank;

    // the last size change parsed by parseChange
    private long changeBefore;
    private long changeAfter;
    private long changeCapacity;
    private int changeBeforePercent;
    private int changeAfterPercent;
    // the last size part parsed by parsePart
    private long partSize;
    private long partCapacity;
    private int partPercent;

    private final Pending[] pending = new Pending[16];
    private long pendingSequence;
    /** The Shenandoah cycle being gathered, or null. */
    private Pending openCycle;
    /** STW time of a cancelled Shenandoah cycle, added to the degenerated GC that follows it. */
    private long carriedPauseNanos;

    UnifiedLogParser(Consumer<GcEvent> sink, WallClockOrigin origin) {
        this.sink = sink;
        this.origin = origin;
        for (int i = 0; i < pending.length; i++) {
            pending[i] = new Pending();
        }
    }

    /** Whether a line looks like unified logging, for format detection. */
    static boolean recognizes(CharSequence text) {
        AsciiLine line = AsciiLine.of(text);
        int n = line.length();
        int p = 0;
        boolean decorated = false;
        boolean timed = false;
        while (p < n && line.charAt(p) == '[') {
            int close = indexOf(line, ']', p + 1, Math.min(n, p + 64));
            if (close < 0) {
                return false;
            }
            int from = skipSpaces(line, p + 1, close);
            int to = trimEnd(line, from, close);
            if (to - from >= 2 && (line.charAt(to - 1) == 's' && isDigit(line.charAt(from))
                    || isIsoTime(line, from, to))) {
                timed = true;
            }
            if (startsWith(line, from, "gc") && (to - from == 2 || line.charAt(from + 2) == ',')) {
                return true; // the gc tag
            }
            if (timed && isLevel(line, from, to)) {
                return true; // "[0.001s][info][os] ...": unified logging, if not (yet) of the gc tag
            }
            decorated = true;
            p = close + 1;
        }
        if (decorated && !timed) {
            return false;
        }
        p = skipSpaces(line, p, n);
        if (startsWith(line, p, "GC(")) {
            int close = indexOf(line, ')', p + 3, Math.min(n, p + 24));
            return close > p + 3 && parseLong(line, p + 3, close) != NONE;
        }
        return startsWith(line, p, "Using G1") || startsWith(line, p, "Using Parallel")
                || startsWith(line, p, "Using Serial") || startsWith(line, p, "Using Shenandoah")
                || startsWith(line, p, "Using The Z Garbage Collector")
                || startsWith(line, p, "Using Concurrent Mark Sweep");
    }

    private static boolean isLevel(AsciiLine s, int from, int to) {
        int len = to - from;
        return len == 4 && (startsWith(s, from, "info") || startsWith(s, from, "warn"))
                || len == 5 && (startsWith(s, from, "debug") || startsWith(s, from, "trace")
                || startsWith(s, from, "error"))
                || len == 7 && startsWith(s, from, "warning");
    }

    @Override
    public void startFile(Path file) {
        this.file = file;
    }

    @Override
    public void endOfFile() {
        flushCycle();
        for (Pending p : pending) {
            p.clear();
        }
    }

    @Override
    public Collector collector() {
        return collector;
    }

    @Override
    public long maxHeapBytes() {
        return maxHeapBytes;
    }

    @Override
    public long skippedLines() {
        return skipped;
    }

    /** Things a person should know about the log (e.g. it has no times). */
    List<String> warnings() {
        return warnings;
    }

    @Override
    public void accept(CharSequence text, long lineNumber) {
        AsciiLine line = AsciiLine.of(text);
        // trailing blanks are trimmed only where a line is read to its end (most lines are not)
        int n = line.length();
        current = line;
        int p = decorations(line, n);
        p = skipSpaces(line, p, n);
        if (p + 3 < n && line.charAt(p) == 'G' && line.charAt(p + 1) == 'C' && line.charAt(p + 2) == '(') {
            int close = indexOf(line, ')', p + 3, Math.min(n, p + 24));
            long id = close < 0 ? NONE : parseLong(line, p + 3, close);
            if (id != NONE) {
                gcLine(line, skipSpaces(line, close + 1, n), n, id);
                return;
            }
        }
        if (!infoLine(line, p, trimEnd(line, p, n)) && !knownOutput(line, p)) {
            skipped++;
        }
    }

    // Start-up and exit reports (tags gc,init and gc,heap,exit), and where metaspace was mapped: lines the JVM
    // always writes that hold no event, so they do not count as lines not understood.
    private static boolean knownOutput(AsciiLine s, int messageStart) {
        return indexOf(s, "init", 0, messageStart) >= 0 || indexOf(s, "exit", 0, messageStart) >= 0
                || startsWith(s, messageStart, "CDS archive") || startsWith(s, messageStart, "Compressed class space")
                || startsWith(s, messageStart, "Narrow klass");
    }

    /** Reads only the decorations of a line (see {@link #lineUptimeNanos()}), for ordering files by time. */
    void decorate(AsciiLine line) {
        current = line;
        decorations(line, trimEnd(line, 0, line.length()));
        parseTimes();
    }

    /** The uptime of the last line decorated, in ns, or {@link LineText#NONE}. */
    long lineUptimeNanos() {
        return lineUptimeNanos;
    }

    /** The wall-clock time of the last line decorated, in epoch ms, or {@link LineText#NONE}. */
    long lineWallMillis() {
        return lineWallMillis;
    }

    // ---- decorations ----------------------------------------------------------------------------

    /**
     * Finds the leading [..] decorations and notes where the times are; {@link #parseTimes} reads them, only
     * for the few lines that need them. Returns where the message starts.
     */
    private int decorations(AsciiLine s, int n) {
        timeSpans = 0;
        timesParsed = false;
        int p = 0;
        while (p < n && s.at(p) == '[') {
            int close = indexOf(s, ']', p + 1, n);
            if (close < 0) {
                break;
            }
            int from = skipSpaces(s, p + 1, close);
            // level, tags and hostname do not start with a digit; pid and tid do, and are ignored later
            if (from < close && isDigit(s.at(from)) && timeSpans < timeFrom.length) {
                timeFrom[timeSpans] = from;
                timeTo[timeSpans++] = trimEnd(s, from, close);
            }
            p = close + 1;
        }
        return p;
    }

    /** Reads the current line's times into lineUptimeNanos / lineWallMillis (once per line). */
    private void parseTimes() {
        AsciiLine s = current;
        if (timesParsed) {
            return;
        }
        timesParsed = true;
        lineUptimeNanos = NONE;
        lineWallMillis = NONE;
        uptimeRank = 0;
        for (int i = 0; i < timeSpans; i++) {
            decoration(s, timeFrom[i], timeTo[i]);
        }
    }

    /**
     * Reads one decoration. Uptime comes as {@code uptime} (s), {@code uptimemillis} (ms) or
     * {@code uptimenanos} (ns); {@code timemillis} is epoch ms (told apart by magnitude) and {@code timenanos}
     * is a monotonic clock of arbitrary origin, so a nanosecond figure is an uptime only when the line has
     * no better one, and of two nanosecond figures the smaller is the uptime.
     */
    private void decoration(AsciiLine s, int from, int to) {
        if (to - from < 2 || !isDigit(s.at(from))) {
            return; // level, tags, hostname
        }
        if (isIsoTime(s, from, to)) {
            long wall = parseIsoMillis(s, from, to);
            if (wall != NONE) {
                lineWallMillis = wall;
            }
            return;
        }
        char last = s.at(to - 1);
        if (last != 's') {
            return; // pid, tid
        }
        char unit = s.at(to - 2);
        if (unit == 'm') {
            long v = parseLong(s, from, to - 2);
            if (v == NONE) {
                return;
            }
            if (v >= WALL_MILLIS_THRESHOLD) {
                lineWallMillis = v;
            } else if (uptimeRank <= 2) {
                lineUptimeNanos = v * NANOS_PER_MILLI;
                uptimeRank = 2;
            }
        } else if (unit == 'n') {
            long v = parseLong(s, from, to - 2);
            if (v == NONE) {
                return;
            }
            if (uptimeRank == 0 || uptimeRank == 1 && v < lineUptimeNanos) {
                lineUptimeNanos = v;
                uptimeRank = 1;
            }
        } else {
            long v = parseScaled(s, from, to - 1, 1_000_000_000L);
            if (v != NONE) {
                lineUptimeNanos = v;
                uptimeRank = 3;
            }
        }
    }

    private static boolean isIsoTime(AsciiLine s, int from, int to) {
        return to - from >= 19 && s.at(from + 4) == '-' && s.at(from + 7) == '-'
                && s.at(from + 10) == 'T' && s.at(from + 13) == ':';
    }

    /** {@code 2024-01-01T10:00:00.123+0000} (also {@code +01:00}, {@code Z}, or no zone = UTC) as epoch ms. */
    static long parseIsoMillis(AsciiLine s, int from, int to) {
        long year = parseLong(s, from, from + 4);
        long month = parseLong(s, from + 5, from + 7);
        long day = parseLong(s, from + 8, from + 10);
        long hour = parseLong(s, from + 11, from + 13);
        long minute = parseLong(s, from + 14, from + 16);
        long second = parseLong(s, from + 17, from + 19);
        if (year == NONE || month == NONE || day == NONE || hour == NONE || minute == NONE || second == NONE
                || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
            return NONE;
        }
        int p = from + 19;
        long millis = 0;
        if (p < to && (s.at(p) == '.' || s.at(p) == ',')) {
            int q = p + 1;
            long unit = 100;
            while (q < to && isDigit(s.at(q))) {
                millis += (s.at(q) - '0') * unit;
                unit /= 10;
                q++;
            }
            p = q;
        }
        long offsetMinutes = 0;
        if (p < to && (s.at(p) == '+' || s.at(p) == '-')) {
            int sign = s.at(p) == '+' ? 1 : -1;
            long hh = parseLong(s, p + 1, Math.min(to, p + 3));
            int mm = p + 3 < to && s.at(p + 3) == ':' ? p + 4 : p + 3;
            long mi = mm + 2 <= to ? parseLong(s, mm, mm + 2) : 0;
            if (hh != NONE && mi != NONE) {
                offsetMinutes = sign * (hh * 60 + mi);
            }
        }
        long days = daysFromCivil(year, month, day);
        return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + millis;
    }

    // Howard Hinnant's days_from_civil: epoch days without allocating a LocalDate per line
    private static long daysFromCivil(long y, long m, long d) {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    // ---- lines without a GC id ------------------------------------------------------------------

    /** Reads a line without a GC id; returns whether it was understood. */
    private boolean infoLine(AsciiLine s, int p, int n) {
        if (p >= n) {
            return false;
        }
        char c = s.at(p);
        if (c == 'U' && startsWith(s, p, "Using ")) {
            int q = p + 6;
            Collector named = startsWith(s, q, "G1") ? Collector.G1
                    : startsWith(s, q, "Parallel") ? Collector.PARALLEL
                    : startsWith(s, q, "Serial") ? Collector.SERIAL
                    : startsWith(s, q, "Concurrent Mark Sweep") ? Collector.CMS
                    : startsWith(s, q, "The Z Garbage Collector") ? Collector.ZGC
                    : startsWith(s, q, "Shenandoah") ? Collector.SHENANDOAH
                    : startsWith(s, q, "Epsilon") ? Collector.EPSILON
                    : null;
            if (named != null) {
                if (!(named == Collector.ZGC && collector == Collector.GENERATIONAL_ZGC)) {
                    collector = named;
                }
                return true;
            }
            return false;
        }
        if (c == 'H') {
            if (startsWith(s, p, "Heap Max Capacity: ")) {
                return setMaxHeap(parseSize(s, p + 19, n));
            }
            if (startsWith(s, p, "Heap Region Size: ") || startsWith(s, p, "Heap region size: ")) {
                long v = parseSize(s, p + 18, n);
                if (v > 0) {
                    regionBytes = v;
                    return true;
                }
                return false;
            }
            if (startsWith(s, p, "Heap address: ")) {
                // JDK 9-16: "Heap address: 0x..., size: 128 MB, Compressed Oops mode: ..."
                int at = indexOf(s, "size: ", p, n);
                if (at > 0) {
                    int end = indexOf(s, ',', at, n);
                    return setMaxHeap(parseSize(s, at + 6, end < 0 ? n : end));
                }
            }
            return false;
        }
        if (c == 'M') {
            if (startsWith(s, p, "Max Capacity: ")) { // ZGC gc,init
                return setMaxHeap(parseSize(s, p + 14, n));
            }
            if (startsWith(s, p, "Metaspace: ") && openCycle != null) {
                // Shenandoah prints its cycle's metaspace line without a GC id
                return metaspace(openCycle, s, p + 11, n);
            }
            return false;
        }
        if ((c == 'A' && startsWith(s, p, "Allocation Stall (")) || (c == 'R' && startsWith(s, p, "Relocation Stall ("))) {
            // ZGC: a thread waited for memory. Known output, not an event of the series.
            return true;
        }
        if (c == 'R' && startsWith(s, p, "Regions: ")) { // Shenandoah: "Regions: 2048 x 4096K"
            int x = indexOf(s, " x ", p, n);
            long count = x < 0 ? NONE : parseLong(s, p + 9, x);
            long size = x < 0 ? NONE : parseSize(s, x + 3, n);
            if (count != NONE && size != NONE && size > 0) {
                regionBytes = size;
                if (maxHeapBytes < 0) {
                    maxHeapBytes = count * size;
                }
                return true;
            }
            return false;
        }
        return false;
    }

    private boolean setMaxHeap(long bytes) {
        if (bytes == NONE || bytes <= 0) {
            return false;
        }
        maxHeapBytes = bytes;
        return true;
    }

    // ---- lines with a GC id -------------------------------------------------------------------

    private void gcLine(AsciiLine s, int q, int n, long id) {
        if (openCycle != null && id > openCycle.id) {
            if (openCycle.heapAfter < 0 && startsWith(s, q, "Pause Degenerated GC")) {
                // JDK 21+: a cancelled Shenandoah cycle degenerates under the next GC id; one collection
                carriedPauseNanos = openCycle.pauseNanos;
                openCycle.clear();
                openCycle = null;
            } else {
                flushCycle();
            }
        }
        char generation = 0;
        if (q + 3 <= n && s.at(q + 1) == ':' && s.at(q + 2) == ' ') {
            char g = s.at(q);
            if (g == 'y' || g == 'Y' || g == 'O') {
                generation = g;
                q += 3; // generational ZGC: "y: " young, "Y: " young of a major, "O: " old
            }
        }
        if (q >= n) {
            return;
        }
        if (s.at(q) == ' ' || s.at(q) == 'L') {
            // ZGC's gc,heap table rows are indented: "GC(7) O:      Live:   -   12M (5%)   12M (5%) ..."
            int r = skipSpaces(s, q, n);
            if (startsWith(s, r, "Live:")) {
                live(touch(id), generation, s, r + 5, n);
                return;
            }
            if (r > q) {
                return;
            }
        }
        switch (s.at(q)) {
            case 'M':
                if (startsWith(s, q, "Metaspace: ")) {
                    metaspace(touch(id), s, q + 11, n);
                    return;
                }
                break;
            case 'O':
                if (startsWith(s, q, "Old regions: ")) {
                    regions(touch(id), s, q + 13, n);
                    return;
                }
                break;
            case 'H':
                if (startsWith(s, q, "Humongous regions: ")) {
                    regions(touch(id), s, q + 19, n);
                    return;
                }
                break;
            case 'P':
                if (startsWith(s, q, "PSOldGen: ") || startsWith(s, q, "ParOldGen: ")) {
                    inferCollector(Collector.PARALLEL);
                    oldGen(touch(id), s, indexOf(s, ' ', q, n) + 1, n);
                    return;
                }
                if (startsWith(s, q, "PSYoungGen: ")) {
                    inferCollector(Collector.PARALLEL);
                    return;
                }
                if (startsWith(s, q, "ParNew: ")) {
                    inferCollector(Collector.CMS);
                    return;
                }
                break;
            case 'T':
                if (startsWith(s, q, "Tenured: ")) {
                    inferCollector(Collector.SERIAL);
                    oldGen(touch(id), s, q + 9, n);
                    return;
                }
                break;
            case 'C':
                if (startsWith(s, q, "CMS: ")) {
                    inferCollector(Collector.CMS);
                    oldGen(touch(id), s, q + 5, n);
                    return;
                }
                break;
            case 'E':
                if (startsWith(s, q, "Eden regions: ")) {
                    inferCollector(Collector.G1);
                    return;
                }
                break;
            case 'D':
                if (startsWith(s, q, "DefNew: ")) {
                    inferCollector(Collector.SERIAL);
                    return;
                }
                break;
            default:
                break;
        }
        // only these name collections and their phases; the rest are details we do not use (phases of
        // a pause, workers, cpu, young generation regions)
        if (startsWith(s, q, "Pause ") || startsWith(s, q, "Concurrent ") || startsWith(s, q, "Garbage Collection")
                || startsWith(s, q, "Major Collection") || startsWith(s, q, "Minor Collection")) {
            eventLine(s, q, trimEnd(s, q, n), id);
        }
    }

    /** A line naming a collection or a phase, possibly ending in sizes and a duration. */
    private void eventLine(AsciiLine s, int q, int n, long id) {
        parseTimes();
        long duration = NONE;
        int textEnd = n;
        int sp = lastIndexOf(s, ' ', q, n);
        if (sp > q) {
            duration = parseDurationNanos(s, sp + 1, n);
            if (duration != NONE) {
                textEnd = trimEnd(s, q, sp);
            }
        }
        boolean sized = false;
        int nameEnd = textEnd;
        int sp2 = lastIndexOf(s, ' ', q, textEnd);
        if (sp2 > q && indexOf(s, "->", sp2 + 1, textEnd) > 0 && parseChange(s, sp2 + 1, textEnd)) {
            sized = true;
            nameEnd = trimEnd(s, q, sp2);
        } else if (duration == NONE && sp > q) {
            // sizes followed by something that is not a duration: a line cut short ("14M->12M(128M) 7.0")
            int sp3 = lastIndexOf(s, ' ', q, sp);
            if (sp3 > q && indexOf(s, "->", sp3 + 1, sp) > 0 && parseChange(s, sp3 + 1, sp)) {
                skipped++;
                return;
            }
        }
        if (startsWith(s, q, "Pause ")) {
            pauseLine(s, q, nameEnd, id, duration, sized);
        } else if (startsWith(s, q, "Concurrent ")) {
            concurrentLine(s, q, nameEnd, id, duration, sized);
        } else if (startsWith(s, q, "Garbage Collection")) {
            inferCollector(Collector.ZGC);
            cycleSummary(s, q, nameEnd, id, duration, sized, Collector.ZGC, GcKind.CONCURRENT_CYCLE);
        } else if (startsWith(s, q, "Major Collection")) {
            collector = Collector.GENERATIONAL_ZGC;
            cycleSummary(s, q, nameEnd, id, duration, sized, Collector.GENERATIONAL_ZGC, GcKind.CONCURRENT_CYCLE);
        } else if (startsWith(s, q, "Minor Collection")) {
            collector = Collector.GENERATIONAL_ZGC;
            cycleSummary(s, q, nameEnd, id, duration, sized, Collector.GENERATIONAL_ZGC, GcKind.YOUNG);
        }
    }

    private void pauseLine(AsciiLine s, int q, int nameEnd, long id, long duration, boolean sized) {
        int k = q + 6;
        GcKind kind;
        Collector hint = null;
        if (startsWith(s, k, "Young")) {
            kind = GcKind.YOUNG;
            if (startsWith(s, k, "Young (Mixed)")) {
                kind = GcKind.MIXED;
                hint = Collector.G1;
            } else if (startsWith(s, k, "Young (Normal)") || startsWith(s, k, "Young (Concurrent Start)")
                    || startsWith(s, k, "Young (Prepare Mixed)")) {
                hint = Collector.G1;
            }
        } else if (startsWith(s, k, "Full")) {
            kind = GcKind.FULL;
        } else if (startsWith(s, k, "Mixed")) {
            kind = GcKind.MIXED;
            hint = Collector.G1;
        } else if (startsWith(s, k, "Initial Mark")) {
            kind = collector == Collector.CMS ? GcKind.CONCURRENT_CYCLE : GcKind.YOUNG;
        } else if (startsWith(s, k, "Remark") || startsWith(s, k, "Cleanup")) {
            kind = GcKind.CONCURRENT_CYCLE;
        } else if (startsWith(s, k, "Degenerated GC")) {
            kind = GcKind.FULL;
            hint = Collector.SHENANDOAH;
        } else {
            // STW phases of a concurrent collector: Shenandoah "Pause Init Mark", "Pause Final Update Refs",
            // ZGC "Pause Mark Start", "Pause Relocate Start"; their time belongs to the cycle
            if (duration != NONE) {
                if (startsWith(s, k, "Init Mark") || startsWith(s, k, "Final Mark")
                        || startsWith(s, k, "Init Update Refs") || startsWith(s, k, "Final Update Refs")
                        || startsWith(s, k, "Final Roots") || startsWith(s, k, "Final Evac")) {
                    inferCollector(Collector.SHENANDOAH);
                    Pending p = touch(id);
                    p.pauseNanos += duration;
                    if (collector == Collector.SHENANDOAH) {
                        openCycle = p;
                    }
                } else {
                    touch(id).pauseNanos += duration;
                }
            }
            return;
        }
        if (hint != null) {
            inferCollector(hint);
        }
        if (!sized && duration == NONE) {
            touch(id); // a start line: the summary follows
            return;
        }
        if (duration == NONE) {
            // every collector prints a pause's time after its sizes: this line was cut short
            skipped++;
            return;
        }
        Pending p = find(id);
        long pause = duration == NONE ? 0 : duration;
        if (kind == GcKind.FULL && p != null && p == openCycle) {
            // a Shenandoah cycle that degenerated (or was upgraded to a full GC): one event, its pauses summed
            pause += p.pauseNanos;
            openCycle = null;
        }
        pause += carriedPauseNanos;
        carriedPauseNanos = 0;
        emit(s, q, nameEnd, id, collector, kind, sized, pause, duration, p);
    }

    private void concurrentLine(AsciiLine s, int q, int nameEnd, long id, long duration, boolean sized) {
        int k = q + 11;
        if (startsWith(s, k, "Cycle") || startsWith(s, k, "Mark Cycle") || startsWith(s, k, "Undo Cycle")) {
            if (duration == NONE) {
                return; // start line
            }
            inferCollector(Collector.G1);
            emit(s, q, nameEnd, id, collector, GcKind.CONCURRENT_CYCLE, false, 0, duration, find(id));
            return;
        }
        if (collector == Collector.SHENANDOAH || collector == Collector.UNKNOWN
                && (startsWith(s, k, "reset") || startsWith(s, k, "marking") || startsWith(s, k, "cleanup")
                || startsWith(s, k, "evacuation") || startsWith(s, k, "update references"))) {
            // Shenandoah phases: "Concurrent reset", "Concurrent marking", "Concurrent cleanup 22M->5M(64M)"
            inferCollector(Collector.SHENANDOAH);
            Pending p = touch(id);
            openCycle = p;
            if (duration != NONE) {
                p.noteStart(lineUptimeNanos, lineWallMillis, duration);
            }
            if (sized) {
                if (p.heapBefore < 0) {
                    p.heapBefore = changeBefore;
                }
                p.heapAfter = changeAfter;
                p.heapCapacity = changeCapacity;
            }
            p.lastUptimeNanos = lineUptimeNanos;
            p.lastWallMillis = lineWallMillis;
        } else if (duration != NONE && (collector == Collector.ZGC || collector == Collector.GENERATIONAL_ZGC
                || collector == Collector.UNKNOWN)) {
            // ZGC's phases: the cycle began no later than its first phase (when its start line is missing)
            touch(id).noteStart(lineUptimeNanos, lineWallMillis, duration);
        }
    }

    /** ZGC's cycle lines: a start line without sizes, a summary with sizes (and, from JDK 21, a duration). */
    private void cycleSummary(AsciiLine s, int q, int nameEnd, long id, long duration, boolean sized,
            Collector which, GcKind kind) {
        Pending p = touch(id);
        if (!sized) {
            return;
        }
        emit(s, q, nameEnd, id, which, kind, true, p.pauseNanos, duration, p);
    }

    /** Emits the Shenandoah cycle gathered so far, if any. */
    private void flushCycle() {
        Pending p = openCycle;
        openCycle = null;
        if (p == null || p.id < 0) {
            return;
        }
        long end = p.lastUptimeNanos;
        long startUptime = p.firstUptimeNanos;
        long duration = end != NONE && startUptime != NONE ? Math.max(0, end - startUptime) : 0;
        long savedUptime = lineUptimeNanos;
        long savedWall = lineWallMillis;
        lineUptimeNanos = end;
        lineWallMillis = p.lastWallMillis;
        changeBefore = p.heapBefore;
        changeAfter = p.heapAfter;
        changeCapacity = p.heapCapacity;
        changeBeforePercent = -1;
        changeAfterPercent = -1;
        emitEvent(p.id, Collector.SHENANDOAH, GcKind.CONCURRENT_CYCLE, "Concurrent Cycle", null,
                p.heapAfter >= 0, p.pauseNanos, duration, p);
        lineUptimeNanos = savedUptime;
        lineWallMillis = savedWall;
    }

    // ---- details ------------------------------------------------------------------------------

    /**
     * ZGC's {@code Live:} row: columns Mark Start ({@code -}), Mark End, Relocate Start, Relocate End; the Mark End
     * figure is what marking found alive, for the whole heap (single-generation ZGC) or for one generation.
     */
    private void live(Pending p, char generation, AsciiLine s, int from, int n) {
        int i = from;
        for (int column = 0; column < 2; column++) {
            while (i < n && s.at(i) == ' ') {
                i++;
            }
            int end = indexOf(s, ' ', i, n);
            if (end < 0) {
                end = n;
            }
            if (column == 1) {
                long bytes = parseSize(s, i, end);
                if (bytes == NONE) {
                    return;
                }
                if (generation == 'O') {
                    p.liveOld = bytes;
                } else if (generation == 0) {
                    p.liveWhole = bytes;
                }
                // the young generation's rows ('Y', 'y') count requests in flight, not retained memory
            }
            i = end;
        }
    }

    private boolean metaspace(Pending p, AsciiLine s, int from, int n) {
        int sp = indexOf(s, ' ', from, n);
        int end = sp < 0 ? n : sp;
        if (indexOf(s, "->", from, end) > 0) {
            if (parseChange(s, from, end)) {
                p.metaBefore = changeBefore;
                p.metaAfter = changeAfter;
                p.metaCapacity = changeCapacity;
                return true;
            }
            return false;
        }
        // ZGC: "Metaspace: 12M used, 13M committed, 1088M reserved"
        if (startsWith(s, end, " used, ")) {
            long used = parseSize(s, from, end);
            int c = end + 7;
            int sp2 = indexOf(s, ' ', c, n);
            long committed = sp2 < 0 ? NONE : parseSize(s, c, sp2);
            if (used != NONE) {
                p.metaBefore = used;
                p.metaAfter = used;
                p.metaCapacity = committed == NONE ? -1 : committed;
                return true;
            }
        }
        return false;
    }

    private void regions(Pending p, AsciiLine s, int from, int n) {
        if (regionBytes <= 0) {
            return;
        }
        int arrow = indexOf(s, "->", from, n);
        if (arrow < 0) {
            return;
        }
        long before = parseLong(s, from, arrow);
        int end = arrow + 2;
        while (end < n && isDigit(s.at(end))) {
            end++;
        }
        long after = parseLong(s, arrow + 2, end);
        if (before == NONE || after == NONE) {
            return;
        }
        p.oldBefore = Math.max(p.oldBefore, 0) + before * regionBytes;
        p.oldAfter = Math.max(p.oldAfter, 0) + after * regionBytes;
    }

    private void oldGen(Pending p, AsciiLine s, int from, int n) {
        int sp = indexOf(s, ' ', from, n);
        if (parseChange(s, from, sp < 0 ? n : sp)) {
            p.oldBefore = changeBefore;
            p.oldAfter = changeAfter;
            p.oldCapacity = changeCapacity;
        }
    }

    /**
     * A size change token: {@code 14M->12M(128M)}, {@code 8K(44032K)->8K(44032K)},
     * {@code 120M(47%)->20M(8%)}. Sets the change fields; returns false if the text is not one.
     */
    private boolean parseChange(AsciiLine s, int from, int to) {
        int arrow = indexOf(s, "->", from, to);
        if (arrow < 0) {
            return false;
        }
        if (!parsePart(s, from, arrow)) {
            return false;
        }
        changeBefore = partSize;
        long capacityBefore = partCapacity;
        changeBeforePercent = partPercent;
        if (!parsePart(s, arrow + 2, to)) {
            return false;
        }
        changeAfter = partSize;
        changeAfterPercent = partPercent;
        changeCapacity = partCapacity >= 0 ? partCapacity : capacityBefore;
        if (changeCapacity < 0 && (partPercent > 0 || changeBeforePercent > 0)) {
            changeCapacity = maxHeapBytes > 0 ? maxHeapBytes : capacityFromPercent();
        }
        return true;
    }

    // ZGC prints occupancy as a share of the maximum heap: derive it from the larger (more precise) figure
    private long capacityFromPercent() {
        long size = changeBeforePercent >= changeAfterPercent ? changeBefore : changeAfter;
        int percent = Math.max(changeBeforePercent, changeAfterPercent);
        return percent > 0 ? size * 100 / percent : -1;
    }

    private boolean parsePart(AsciiLine s, int from, int to) {
        partCapacity = -1;
        partPercent = -1;
        int paren = indexOf(s, '(', from, to);
        if (paren < 0) {
            partSize = parseSize(s, from, to);
            return partSize != NONE;
        }
        if (s.at(to - 1) != ')') {
            return false;
        }
        partSize = parseSize(s, from, paren);
        if (partSize == NONE) {
            return false;
        }
        int innerEnd = to - 1;
        if (innerEnd > paren + 1 && s.at(innerEnd - 1) == '%') {
            long percent = parseLong(s, paren + 1, innerEnd - 1);
            if (percent == NONE || percent > 1000) {
                return false;
            }
            partPercent = (int) percent;
            return true;
        }
        partCapacity = parseSize(s, paren + 1, innerEnd);
        return partCapacity != NONE;
    }

    // ---- events -------------------------------------------------------------------------------

    /**
     * Emits the event named by [q, nameEnd) on the current line.
     *
     * @param duration the duration on the line in ns, or NONE (then the span since the GC id's first line)
     */
    private void emit(AsciiLine s, int q, int nameEnd, long id, Collector which, GcKind kind, boolean sized,
            long pause, long duration, Pending p) {
        // the name keeps G1's young-collection subtype, e.g. "Pause Young (Mixed)"; the cause is the last group
        int firstParen = indexOf(s, " (", q, nameEnd);
        int nameTo = firstParen < 0 ? nameEnd : firstParen;
        String cause = null;
        if (firstParen >= 0) {
            int groupEnd = closingParen(s, firstParen + 1, nameEnd);
            boolean subtype = groupEnd > 0 && isYoungSubtype(s, firstParen + 2, groupEnd);
            if (subtype) {
                nameTo = groupEnd + 1;
                int next = indexOf(s, " (", groupEnd, nameEnd);
                if (next >= 0) {
                    int end = closingParen(s, next + 1, nameEnd);
                    cause = end > 0 ? strings.get(s, next + 2, end) : null;
                }
            } else if (groupEnd > 0) {
                cause = strings.get(s, firstParen + 2, groupEnd);
            }
        }
        String name = strings.get(s, q, nameTo);
        emitEvent(id, which, kind, name, cause, sized, pause, duration, p);
    }

    private static boolean isYoungSubtype(AsciiLine s, int from, int to) {
        int len = to - from;
        return len == 6 && startsWith(s, from, "Normal") || len == 5 && startsWith(s, from, "Mixed")
                || len == 16 && startsWith(s, from, "Concurrent Start")
                || len == 13 && startsWith(s, from, "Prepare Mixed");
    }

    private static int closingParen(AsciiLine s, int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            char c = s.at(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private void emitEvent(long id, Collector which, GcKind kind, String name, String cause, boolean sized,
            long pause, long duration, Pending p) {
        long end = lineUptimeNanos;
        long endWall = lineWallMillis;
        long span;
        if (duration != NONE) {
            span = duration;
        } else if (p != null && p.firstUptimeNanos != NONE && end != NONE) {
            span = Math.max(0, end - p.firstUptimeNanos);
        } else if (p != null && p.firstWallMillis != NONE && endWall != NONE) {
            span = Math.max(0, endWall - p.firstWallMillis) * NANOS_PER_MILLI;
        } else {
            span = 0;
        }
        Instant wall = endWall == NONE ? null : Instant.ofEpochMilli(endWall - span / NANOS_PER_MILLI);
        Duration uptime;
        if (end != NONE) {
            uptime = Duration.ofNanos(Math.max(0, end - span));
        } else if (wall != null) {
            uptime = origin.uptimeOf(wall);
        } else {
            uptime = Duration.ZERO;
            if (!warnedNoTime) {
                warnedNoTime = true;
                warnings.add(file + ": the log has no time decorations (uptime, time...): events have no times");
            }
        }
        // a single-generation cycle marks the whole heap; of a major collection only the old generation's figure
        // is retained memory: the young one also counts every request in flight at mark start (4 to 28 MB from
        // one cycle to the next in the demo, where the old generation's rose steadily from 4 to 13 MB)
        long live = p == null ? -1 : p.liveWhole >= 0 ? p.liveWhole : p.liveOld;
        MemoryChange heap = sized ? MemoryChange.of(Math.max(changeBefore, -1), Math.max(changeAfter, -1),
                Math.max(changeCapacity, -1)) : MemoryChange.UNKNOWN;
        MemoryChange old = MemoryChange.UNKNOWN;
        MemoryChange meta = MemoryChange.UNKNOWN;
        if (p != null) {
            if (p.oldAfter >= 0) {
                old = MemoryChange.of(Math.max(p.oldBefore, -1), p.oldAfter, Math.max(p.oldCapacity, -1));
            }
            if (p.metaAfter >= 0) {
                meta = MemoryChange.of(Math.max(p.metaBefore, -1), p.metaAfter, Math.max(p.metaCapacity, -1));
            }
            p.clear();
        }
        Duration pauseTime = Duration.ofNanos(pause);
        Duration wallTime = kind != GcKind.CONCURRENT_CYCLE && which != Collector.ZGC
                && which != Collector.GENERATIONAL_ZGC && pause > 0 && duration != NONE
                ? pauseTime : Duration.ofNanos(Math.max(span, pause));
        sink.accept(new GcEvent(uptime, wall, id, which == Collector.UNKNOWN ? collector : which, kind, name,
                cause, heap, old, meta, pauseTime, wallTime, live));
    }

    private void inferCollector(Collector c) {
        if (collector == Collector.UNKNOWN) {
            collector = c;
        }
    }

    // ---- per-GC-id state ----------------------------------------------------------------------

    private Pending find(long id) {
        for (Pending p : pending) {
            if (p.id == id) {
                return p;
            }
        }
        return null;
    }

    /** The state of a GC id, created if new (evicting the least recently created), with its first time noted. */
    private Pending touch(long id) {
        parseTimes();
        Pending p = find(id);
        if (p == null) {
            p = pending[0];
            for (Pending candidate : pending) {
                if (candidate.sequence < p.sequence) {
                    p = candidate;
                }
            }
            if (p == openCycle) {
                flushCycle();
            }
            p.clear();
            p.id = id;
            p.sequence = ++pendingSequence;
        }
        p.noteStart(lineUptimeNanos, lineWallMillis, 0);
        return p;
    }

    /** What -Xlog:gc* printed so far for one GC id. */
    private static final class Pending {
        long id = -1;
        long sequence;
        long firstUptimeNanos = NONE;
        long firstWallMillis = NONE;
        long lastUptimeNanos = NONE;
        long lastWallMillis = NONE;
        long pauseNanos;
        long heapBefore = -1;
        long heapAfter = -1;
        long heapCapacity = -1;
        long oldBefore = -1;
        long oldAfter = -1;
        long oldCapacity = -1;
        long metaBefore = -1;
        long metaAfter = -1;
        long metaCapacity = -1;
        long liveWhole = -1;
        long liveOld = -1;

        void noteStart(long uptimeNanos, long wallMillis, long duration) {
            if (uptimeNanos != NONE) {
                long start = uptimeNanos - duration;
                if (firstUptimeNanos == NONE || start < firstUptimeNanos) {
                    firstUptimeNanos = start;
                }
            }
            if (wallMillis != NONE) {
                long start = wallMillis - duration / NANOS_PER_MILLI;
                if (firstWallMillis == NONE || start < firstWallMillis) {
                    firstWallMillis = start;
                }
            }
        }

        void clear() {
            id = -1;
            sequence = 0;
            firstUptimeNanos = NONE;
            firstWallMillis = NONE;
            lastUptimeNanos = NONE;
            lastWallMillis = NONE;
            pauseNanos = 0;
            heapBefore = -1;
            heapAfter = -1;
            heapCapacity = -1;
            oldBefore = -1;
            oldAfter = -1;
            oldCapacity = -1;
            metaBefore = -1;
            metaAfter = -1;
            metaCapacity = -1;
            liveWhole = -1;
            liveOld = -1;
        }
    }

    /** Interns short regions of a line so that repeated names and causes cost no allocation. */
    private static final class StringCache {
        private final String[] table = new String[512];

        String get(AsciiLine s, int from, int to) {
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + s.at(i);
            }
            int slot = (h ^ (h >>> 16)) & (table.length - 1);
            String cached = table[slot];
            if (cached != null && cached.length() == to - from && regionEquals(cached, s, from)) {
                return cached;
            }
            String made = s.subSequence(from, to).toString();
            table[slot] = made;
            return made;
        }

        private static boolean regionEquals(String a, AsciiLine s, int from) {
            for (int i = 0; i < a.length(); i++) {
                if (a.charAt(i) != s.at(from + i)) {
                    return false;
                }
            }
            return true;
        }
    }
}

package io.leakhound.series.gclog;

import io.leakhound.series.Collector;
import io.leakhound.series.GcEvent;
import io.leakhound.series.GcKind;
import io.leakhound.series.MemoryChange;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses GC logs of JDK 8 and earlier ({@code -verbose:gc}, {@code -XX:+PrintGC}, {@code -XX:+PrintGCDetails}
 * with date and/or time stamps, GC cause, GC id, tenuring distribution, adaptive size policy, heap at GC
 * and application stopped time) for Serial, Parallel, CMS and G1, back to JDK 1.3 on a best-effort basis.
 *
 * <p>The JVM of that era writes one GC record from several threads: a record opened by {@code [GC} or
 * {@code [Full GC} may be split over lines, with CMS or G1 concurrent-phase output, tenuring lines or a
 * heap print in the middle. So rather than match whole lines, the parser first cuts concurrent-phase
 * fragments out of each line, then accumulates the record by bracket depth until its closing {@code ]},
 * and hands the complete text to {@link LegacyRecord}. G1 with details puts the heap on a later
 * {@code [Eden: ... Heap: ...]} line, so a closed record stays pending until its {@code [Times: ...]}
 * line, the next record or the end of the file.
 *
 * <p>CMS reclaims the old generation at the end of its concurrent sweep, but the sweep line has no sizes:
 * the sweep's event is emitted when the next record shows the old generation's occupancy (which is what
 * the sweep left plus what was promoted since, nothing in between). Its {@code heap.after} is that
 * old-generation occupancy; the young generation is left out because it is mostly garbage.
 *
 * <p>Lines it does not know are counted, never fatal; a record that cannot be completed (a torn line, a
 * corrupted file) is dropped and counted in {@link #droppedEvents()}. Not on the hot path of leakhound:
 * one {@code String} per line and a few precompiled, linear-time regex matches per record.
 */
final class LegacyLogParser implements GcLogParser {

    /** A record longer than this is a corrupted file, not a GC event: bounds memory on garbage input. */
    private static final int MAX_RECORD_CHARS = 1 << 15;
    private static final int MAX_STAMP_CHARS = 64;

    private static final String DATE = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[.,]\\d{3}[+-]\\d{4}";
    /** The decorations in front of a record: date stamp, uptime stamp, GC id, each optional. */
    private static final Pattern STAMPS = Pattern.compile(
            "(?:(" + DATE + "): ?)?(?:(\\d{1,12}[.,]\\d{1,9}): ?)?(?:#(\\d{1,15}): ?)?\\s*$");
    private static final Pattern LEADING_STAMP = Pattern.compile(
            "^(?:" + DATE + ": ?)?(?:\\d{1,12}[.,]\\d{1,9}: ?)?(?:#\\d{1,15}: ?)?");
    private static final Pattern EDEN_HEAP = Pattern.compile(
            "Heap: (\\d{1,15}(?:[.,]\\d{1,9})?)([KMGB])\\(\\d{1,15}(?:[.,]\\d{1,9})?[KMGB]\\)->"
                    + "(\\d{1,15}(?:[.,]\\d{1,9})?)([KMGB])\\((\\d{1,15}(?:[.,]\\d{1,9})?)([KMGB])\\)");
    private static final Pattern METASPACE = Pattern.compile("\\[Metaspace: ");
    private static final Pattern REAL = Pattern.compile("real=(\\d{1,9}[.,]\\d{1,9})");
    private static final Pattern MAX_HEAP = Pattern.compile("-XX:MaxHeapSize=(\\d{1,19})|-Xmx(\\d{1,15})([kKmMgG]?)");
    private static final Pattern SWEEP_TIMES = Pattern.compile("(\\d{1,9}[.,]\\d{1,9})/(\\d{1,9}[.,]\\d{1,9})");

    private final Consumer<GcEvent> sink;
    private final WallClockOrigin origin;

    private Path file;
    private Collector collector = Collector.UNKNOWN;
    /** Whether a record named the permanent generation: then the metadata figures are PermGen, not metaspace. */
    private boolean permanentGeneration;
    private long maxHeapBytes = -1;
    private long skippedLines;
    private long droppedEvents;
    private Duration lastUptime = Duration.ZERO;
    private boolean inHeapBlock;

    // The record being accumulated, from its "[GC" to its matching "]".
    private final StringBuilder record = new StringBuilder();
    private boolean inRecord;
    private int depth;
    private Duration recordUptime;
    private Instant recordWallClock;
    private long recordGcId;

    // Whether a CMS initial mark has been seen without its remark (names marks logged without details).
    private boolean initialMarkOpen;

    // A CMS remark interrupted by the young collection it asked for, resumed when that one closes.
    private Suspended suspended;

    // The last closed record, completed by later lines of the same event.
    private Pending pending;

    // A CMS sweep that ended, waiting for the next record to show the old generation it left.
    private Duration sweepUptime;
    private Instant sweepWallClock;
    private Duration sweepDuration;

    LegacyLogParser(Consumer<GcEvent> sink, WallClockOrigin origin) {
        this.sink = sink;
        this.origin = origin;
    }

    /**
     * Whether a line is typical of a JDK 8 (or earlier) log, for format detection: a stamped or bare
     * {@code [GC}/{@code [Full GC} record, a CMS concurrent phase, a PrintHeapAtGC block or the JVM's
     * header lines. False for unified logging lines ({@code [0.012s][info][gc] ...}).
     */
    static boolean recognizes(CharSequence line) {
        String s = line.toString();
        if (s.startsWith("CommandLine flags:") || s.startsWith("{Heap before GC")
                || (s.startsWith("Java HotSpot(TM)") || s.startsWith("OpenJDK")) && s.contains(" VM (")) {
            return true;
        }
        Matcher m = LEADING_STAMP.matcher(s);
        int i = m.lookingAt() ? m.end() : 0;
        return s.startsWith("[Full GC", i) || s.startsWith("[CMS-concurrent-", i)
                || s.startsWith("[GC concurrent-", i) || (s.startsWith("[GC", i) && isGcStart(s, i));
    }

    @Override
    public void startFile(Path file) {
        this.file = file;
    }

    @Override
    public void accept(CharSequence line, long lineNumber) {
        String s = line.toString();
        if (s.isBlank()) {
            return;
        }
        if (handleHeapBlock(s) || handleHeader(s)) {
            return;
        }
        int heapPrint = s.indexOf("{Heap before", 1);
        if (heapPrint > 0) {
            // A PrintHeapAtGC block that begins mid-line: what precedes it is still GC output.
            inHeapBlock = true;
            s = s.substring(0, heapPrint);
        }
        if (s.contains("concurrent-")) {
            s = removeConcurrentPhases(s);
            if (s.isBlank()) {
                return;
            }
        }
        if (inRecord) {
            if (isNoise(s)) {
                return;
            }
            int start = findStart(s, 0);
            if (start >= 0 && onlyStampsBefore(s, start)) {
                if (suspended == null && record.indexOf("YG occupancy") >= 0) {
                    // -XX:+CMSScavengeBeforeRemark: a whole young collection inside the remark's record.
                    suspend();
                } else {
                    // A new record begins while one is open: the open one was torn and cannot be completed.
                    dropRecord();
                }
                beginRecord(s, start);
            } else {
                feed(s, 0);
            }
        } else {
            rest(s, 0);
        }
    }

    @Override
    public void endOfFile() {
        if (inRecord) {
            dropRecord();
        }
        if (suspended != null) {
            suspended = null;
            droppedEvents++;
        }
        flushPending();
        if (sweepUptime != null) {
            emitSweep(null);
        }
        inHeapBlock = false;
    }

    @Override
    public boolean permanentGeneration() {
        return permanentGeneration;
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
        return skippedLines;
    }

    /** Records that were begun but could not be completed (torn or corrupted lines). */
    long droppedEvents() {
        return droppedEvents;
    }

    /** The file being read, for diagnostics. */
    Path file() {
        return file;
    }

    // ---- line classes ----

    private boolean handleHeapBlock(String s) {
        if (s.startsWith("{Heap before") || s.startsWith("Heap after") || s.equals("Heap")) {
            inHeapBlock = true;
            return true;
        }
        if (!inHeapBlock) {
            return false;
        }
        if (s.charAt(0) == '}') {
            inHeapBlock = false;
            String rest = s.substring(1);
            if (!rest.isBlank()) {
                accept(rest, 0);
            }
            return true;
        }
        // Block lines are indented area descriptions ("  eden space 8192K, 100% used [0x...,0x...)"),
        // whose unbalanced brackets must not reach the record.
        String stripped = s.stripLeading();
        if (s.charAt(0) == ' ' && (Character.isLetter(stripped.charAt(0)) || stripped.startsWith("[0x"))
                || s.startsWith("No shared spaces")) {
            collector = LegacyRecord.stronger(collector, heapPrintCollector(stripped));
            return true;
        }
        inHeapBlock = false;
        return false;
    }

    /** The collector a PrintHeapAtGC area line names, the only hint in a log of G1 full GCs. */
    private static Collector heapPrintCollector(String area) {
        if (area.startsWith("garbage-first heap")) {
            return Collector.G1;
        } else if (area.startsWith("par new generation") || area.startsWith("concurrent mark-sweep")) {
            return Collector.CMS;
        } else if (area.startsWith("PSYoungGen") || area.startsWith("ParOldGen") || area.startsWith("PSOldGen")) {
            return Collector.PARALLEL;
        } else if (area.startsWith("def new generation") || area.startsWith("tenured generation")) {
            return Collector.SERIAL;
        }
        return Collector.UNKNOWN;
    }

    private boolean handleHeader(String s) {
        if (s.startsWith("CommandLine flags:")) {
            readFlags(s);
            return true;
        }
        return (s.startsWith("Java HotSpot(TM)") || s.startsWith("OpenJDK")) && s.contains(" VM (")
                || s.startsWith("Memory: ");
    }

    private void readFlags(String s) {
        Matcher m = MAX_HEAP.matcher(s);
        if (m.find()) {
            if (m.group(1) != null) {
                maxHeapBytes = Long.parseLong(m.group(1));
            } else {
                long value = Long.parseLong(m.group(2));
                String unit = m.group(3).toUpperCase(java.util.Locale.ROOT);
                maxHeapBytes = unit.isEmpty() ? value : LegacyRecord.bytes(m.group(2), unit);
            }
        }
        if (s.contains("-XX:+UseG1GC")) {
            collector = Collector.G1;
        } else if (s.contains("-XX:+UseConcMarkSweepGC")) {
            collector = Collector.CMS;
        } else if (s.contains("-XX:+UseParallelGC") || s.contains("-XX:+UseParallelOldGC")) {
            collector = Collector.PARALLEL;
        } else if (s.contains("-XX:+UseSerialGC")) {
            collector = Collector.SERIAL;
        }
    }

    /**
     * Known output that is not a GC event: tenuring distribution, safepoint times (also written into the
     * middle of a record), CMS's preclean abort note (what is left once its concurrent phase is cut out)
     * and the GC locker's note before its full collection. Not counted in {@link #skippedLines()}, which
     * tells the user how many lines were not understood.
     */
    private static boolean isNoise(String s) {
        return s.startsWith("Desired survivor") || s.startsWith("- age") || s.contains("Total time for which")
                || s.contains("Application time:") || s.contains("CMS: abort preclean due to time")
                || s.startsWith("GC locker: ");
    }

    // ---- concurrent phases ----

    /**
     * Cuts every {@code [CMS-concurrent-...]} and {@code [GC concurrent-...]} fragment (with its stamp and
     * a {@code [Times: ...]} that follows it) out of the line; a CMS sweep end is remembered.
     */
    private String removeConcurrentPhases(String s) {
        while (true) {
            int cms = cmsConcurrent(s);
            int g1 = s.indexOf("[GC concurrent-");
            int open = cms < 0 ? g1 : (g1 < 0 ? cms : Math.min(cms, g1));
            if (open < 0) {
                return s;
            }
            int close = s.indexOf(']', open);
            int end = close < 0 ? s.length() : close + 1;
            int afterSpaces = end;
            while (afterSpaces < s.length() && s.charAt(afterSpaces) == ' ') {
                afterSpaces++;
            }
            if (s.startsWith("[Times:", afterSpaces)) {
                int timesClose = s.indexOf(']', afterSpaces);
                end = timesClose < 0 ? s.length() : timesClose + 1;
            }
            int stampStart = open;
            while (stampStart > 0 && isStampChar(s.charAt(stampStart - 1))) {
                stampStart--;
            }
            if (open == cms && s.startsWith("-concurrent-sweep:", s.indexOf("CMS-", open) + 3)) {
                Stamp stamp = stamp(s, stampStart, open);
                Matcher times = SWEEP_TIMES.matcher(s);
                times.region(open, close < 0 ? s.length() : close);
                sweepUptime = stamp.uptime;
                sweepWallClock = stamp.wallClock;
                sweepDuration = times.find()
                        ? Duration.ofNanos(LegacyRecord.secondsToNanos(times.group(2))) : Duration.ZERO;
            }
            s = s.substring(0, stampStart) + s.substring(end);
        }
    }

    /** The index of a {@code [CMS-concurrent-} or incremental CMS's {@code [ASCMS-concurrent-}, or -1. */
    private static int cmsConcurrent(String s) {
        int i = s.indexOf("CMS-concurrent-");
        while (i >= 0) {
            if (i >= 1 && s.charAt(i - 1) == '[') {
                return i - 1;
            }
            if (i >= 3 && s.startsWith("[AS", i - 3)) {
                return i - 3;
            }
            i = s.indexOf("CMS-concurrent-", i + 1);
        }
        return -1;
    }

    private static boolean isStampChar(char c) {
        return c >= '0' && c <= '9' || c == '.' || c == ',' || c == ':' || c == '+' || c == '-' || c == 'T'
                || c == ' ' || c == '#';
    }

    // ---- records ----

    /** Text after a closed record (or a whole line outside one): another record, a trailer, or noise. */
    private void rest(String s, int from) {
        int start = findStart(s, from);
        if (start >= 0) {
            beginRecord(s, start);
            return;
        }
        String t = s.substring(from);
        if (t.isBlank()) {
            return;
        }
        if (isNoise(t)) {
            return;
        }
        if (t.contains("[Eden:") || t.contains("[ Eden:")) {
            eden(t);
        } else if (t.contains("[Times:")) {
            times(t);
        } else if (pending != null && (t.charAt(0) == ' ' || t.charAt(0) == '\t' || t.charAt(0) == '[')
                || collector == Collector.G1 && Character.isWhitespace(t.charAt(0))) {
            // G1's per-phase detail lines (indented, or not when a log was tidied), JDK 6 G1's worker
            // tables and the indented remembered-set summaries (-XX:+G1SummarizeRSetStats) between pauses.
            return;
        } else {
            skippedLines++;
        }
    }

    private void beginRecord(String s, int start) {
        flushPending();
        Stamp stamp = stamp(s, Math.max(0, start - MAX_STAMP_CHARS), start);
        recordUptime = stamp.uptime;
        recordWallClock = stamp.wallClock;
        recordGcId = stamp.gcId;
        record.setLength(0);
        depth = 0;
        inRecord = true;
        feed(s, start);
    }

    /** Appends text to the open record, closing it where its depth returns to zero. */
    private void feed(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                if (depth == 1 && suspended == null && isGcStart(s, i) && s.startsWith("[GC", i)
                        && (record.indexOf("YG occupancy") >= 0 || s.lastIndexOf("YG occupancy", i) >= from)) {
                    // -XX:+CMSScavengeBeforeRemark on the remark's own line: "[GC (CMS Final Remark) [YG
                    // occupancy: ...]171.721: [GC (CMS Final Remark) 171.721: [ParNew: ...], 0.159 secs]".
                    record.append(s, from, i);
                    suspend();
                    beginRecord(s, i);
                    return;
                }
                depth++;
            } else if (c == ']' && --depth == 0) {
                record.append(s, from, i + 1);
                completeRecord();
                if (suspended != null) {
                    resume(s, i + 1);
                    return;
                }
                rest(s, i + 1);
                return;
            }
        }
        record.append(s, from, s.length());
        if (record.length() > MAX_RECORD_CHARS) {
            dropRecord();
        }
    }

    private void completeRecord() {
        inRecord = false;
        LegacyRecord parsed;
        try {
            parsed = LegacyRecord.parse(record.toString());
        } catch (RuntimeException e) {
            // NumberFormatException or an impossible size on a corrupted line: the event is lost, not the log.
            droppedEvents++;
            return;
        }
        if (parsed.name().equals(LegacyRecord.MARK_WITHOUT_DETAILS)) {
            parsed = new LegacyRecord(initialMarkOpen ? "CMS-remark" : "CMS-initial-mark", parsed.cause(),
                    parsed.kind(), parsed.collector(), parsed.heap(), parsed.young(), parsed.oldGen(),
                    parsed.metaspace(), parsed.pauseNanos());
        }
        if (parsed.name().equals("CMS-initial-mark")) {
            initialMarkOpen = true;
        } else if (parsed.name().equals("CMS-remark")) {
            initialMarkOpen = false;
        }
        collector = LegacyRecord.stronger(collector, parsed.collector());
        permanentGeneration |= parsed.metaspace() != MemoryChange.UNKNOWN && LegacyRecord.namesPermGen(record);
        if (sweepUptime != null && sweepUptime.compareTo(recordUptime) <= 0) {
            emitSweep(parsed);
        }
        pending = new Pending(parsed, recordUptime, recordWallClock, recordGcId);
    }

    private void suspend() {
        suspended = new Suspended(record.toString(), depth, recordUptime, recordWallClock, recordGcId);
    }

    private void resume(String s, int from) {
        Suspended r = suspended;
        suspended = null;
        // The young collection's trailer ("[Times: ...]") completes it before the remark goes on, on this
        // line or the next.
        int next = from;
        while (next < s.length() && s.charAt(next) == ' ') {
            next++;
        }
        int timesEnd = s.startsWith("[Times:", next) ? s.indexOf(']', next) : -1;
        if (timesEnd >= 0) {
            times(s.substring(next, timesEnd + 1));
            next = timesEnd + 1;
        } else {
            flushPending();
        }
        record.setLength(0);
        record.append(r.text);
        depth = r.depth;
        recordUptime = r.uptime;
        recordWallClock = r.wallClock;
        recordGcId = r.gcId;
        inRecord = true;
        if (next < s.length()) {
            feed(s, next);
        }
    }

    private void dropRecord() {
        inRecord = false;
        record.setLength(0);
        droppedEvents++;
    }

    /** G1's {@code [Eden: ... Heap: 25.0M(256.0M)->3.2M(256.0M)]} (and, after a full GC, metaspace). */
    private void eden(String t) {
        if (pending == null) {
            skippedLines++;
            return;
        }
        Matcher m = EDEN_HEAP.matcher(t);
        if (m.find()) {
            pending.heap = MemoryChange.of(LegacyRecord.bytes(m.group(1), m.group(2)),
                    LegacyRecord.bytes(m.group(3), m.group(4)), LegacyRecord.bytes(m.group(5), m.group(6)));
        }
        Matcher meta = METASPACE.matcher(t);
        if (meta.find()) {
            Matcher figure = LegacyRecord.FIGURE.matcher(t);
            if (figure.find(meta.end())) {
                pending.metaspace = LegacyRecord.toChange(figure);
            }
        }
        if (t.contains("[Times:")) {
            times(t);
        }
    }

    private void times(String t) {
        if (pending == null) {
            skippedLines++;
            return;
        }
        if (pending.pauseNanos < 0) {
            Matcher m = REAL.matcher(t);
            if (m.find()) {
                pending.pauseNanos = LegacyRecord.secondsToNanos(m.group(1));
            }
        }
        flushPending();
    }

    private void flushPending() {
        Pending p = pending;
        if (p == null) {
            return;
        }
        pending = null;
        LegacyRecord r = p.record;
        Duration pause = p.pauseNanos < 0 ? Duration.ZERO : Duration.ofNanos(p.pauseNanos);
        sink.accept(new GcEvent(p.uptime, p.wallClock, p.gcId, LegacyRecord.stronger(collector, r.collector()),
                r.kind(), r.name(), r.cause(), p.heap, r.oldGen(), p.metaspace, pause, pause));
    }

    /** Emits the CMS sweep that ended before {@code next}, with the old generation {@code next} starts from. */
    private void emitSweep(LegacyRecord next) {
        MemoryChange heap = MemoryChange.UNKNOWN;
        MemoryChange old = MemoryChange.UNKNOWN;
        if (next != null && next.oldGen().hasBefore()) {
            long left = next.oldGen().beforeBytes();
            old = MemoryChange.of(MemoryChange.UNKNOWN_BYTES, left, next.oldGen().capacityBytes());
            heap = MemoryChange.of(MemoryChange.UNKNOWN_BYTES, left, next.heap().capacityBytes());
        }
        sink.accept(new GcEvent(sweepUptime, sweepWallClock, -1, Collector.CMS, GcKind.CONCURRENT_CYCLE,
                "CMS-concurrent-sweep", null, heap, old, MemoryChange.UNKNOWN, Duration.ZERO, sweepDuration));
        sweepUptime = null;
    }

    // ---- starts and stamps ----

    /** The index of the next {@code [GC}/{@code [Full GC} that opens a record, or -1. */
    private static int findStart(String s, int from) {
        int full = s.indexOf("[Full GC", from);
        int gc = s.indexOf("[GC", from);
        while (gc >= 0 && !isGcStart(s, gc)) {
            gc = s.indexOf("[GC", gc + 3);
        }
        if (full < 0) {
            return gc;
        }
        return gc < 0 ? full : Math.min(full, gc);
    }

    /** Whether {@code [GC} at {@code i} opens a record, as opposed to a G1 detail like {@code [GC Worker}. */
    private static boolean isGcStart(String s, int i) {
        int next = i + 3;
        if (next >= s.length()) {
            return true;
        }
        char c = s.charAt(next);
        if (c == ' ') {
            return !(s.startsWith(" Worker", next) || s.startsWith(" ref-proc", next)
                    || s.startsWith(" concurrent", next) || s.startsWith(" Locker", next));
        }
        return c == '(' || c == '-' || c == '[' || (c >= '0' && c <= '9') || s.startsWith("AdaptiveSize", next)
                || s.startsWith("Before GC", next);
    }

    private static boolean onlyStampsBefore(String s, int start) {
        if (start == 0) {
            return true;
        }
        Matcher m = LEADING_STAMP.matcher(s);
        m.region(0, start);
        return m.lookingAt() && s.substring(m.end(), start).isBlank();
    }

    private Stamp stamp(String s, int from, int to) {
        Matcher m = STAMPS.matcher(s);
        m.region(from, to);
        Instant wallClock = null;
        Duration uptime = null;
        long gcId = -1;
        if (m.find()) {
            if (m.group(1) != null) {
                wallClock = parseDate(m.group(1));
            }
            if (m.group(2) != null) {
                uptime = Duration.ofNanos(LegacyRecord.secondsToNanos(m.group(2)));
            }
            if (m.group(3) != null) {
                gcId = Long.parseLong(m.group(3));
            }
        }
        if (uptime == null) {
            // No uptime stamp: the date stamp on the series' axis, else the last time known (-verbose:gc
            // without stamps has no time at all; the events keep their order).
            uptime = wallClock != null ? origin.uptimeOf(wallClock) : lastUptime;
        }
        lastUptime = uptime;
        return new Stamp(uptime, wallClock, gcId);
    }

    /** {@code 2014-03-12T10:04:24.123+0100}, by position (the format is fixed). */
    private static Instant parseDate(String d) {
        try {
            LocalDateTime local = LocalDateTime.of(num(d, 0, 4), num(d, 5, 7), num(d, 8, 10), num(d, 11, 13),
                    num(d, 14, 16), num(d, 17, 19), num(d, 20, 23) * 1_000_000);
            int sign = d.charAt(23) == '-' ? -1 : 1;
            ZoneOffset offset = ZoneOffset.ofHoursMinutes(sign * num(d, 24, 26), sign * num(d, 26, 28));
            return local.toInstant(offset);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int num(String s, int from, int to) {
        return Integer.parseInt(s, from, to, 10);
    }

    private record Suspended(String text, int depth, Duration uptime, Instant wallClock, long gcId) {
    }

    private record Stamp(Duration uptime, Instant wallClock, long gcId) {
    }

    /** A closed record whose heap (G1 details) or pause ({@code real=}) may still arrive. */
    private static final class Pending {
        final LegacyRecord record;
        final Duration uptime;
        final Instant wallClock;
        final long gcId;
        MemoryChange heap;
        MemoryChange metaspace;
        long pauseNanos;

        Pending(LegacyRecord record, Duration uptime, Instant wallClock, long gcId) {
            this.record = record;
            this.uptime = uptime;
            this.wallClock = wallClock;
            this.gcId = gcId;
            this.heap = record.heap();
            this.metaspace = record.metaspace();
            this.pauseNanos = record.pauseNanos();
        }
    }
}

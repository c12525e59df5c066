package io.leakhound.series.gclog;

import static io.leakhound.series.gclog.LineText.NONE;
import static io.leakhound.series.gclog.LineText.indexOf;
import static io.leakhound.series.gclog.LineText.isDigit;
import static io.leakhound.series.gclog.LineText.parseLong;
import static io.leakhound.series.gclog.LineText.skipSpaces;
import static io.leakhound.series.gclog.LineText.startsWith;
import static io.leakhound.series.gclog.LineText.trimEnd;

import io.leakhound.series.GcLogFormatException;
import java.util.List;

/**
 * Tells a GC log's dialect from the first lines of its parts: JDK 9+ unified logging or JDK 8 and earlier,
 * and names what a file is when it is neither (an OpenJ9 or JRockit log, or no log at all).
 */
final class GcLogFormatSniffer {

    static final String UNIFIED_EXAMPLE =
            "'[0.200s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 14M->12M(128M) 7.033ms'";
    static final String LEGACY_EXAMPLE =
            "'2.345: [GC (Allocation Failure) [PSYoungGen: 33280K->5104K(38400K)] 33280K->5112K(125952K), 0.0054 secs]'";

    private GcLogFormatSniffer() {
    }

    /** Whether any of the first lines of {@code head} is a HotSpot GC log line of either dialect. */
    static boolean hasGcLogLine(byte[] head) {
        LogHead h = LogHead.of(head);
        for (AsciiLine line : h.lines()) {
            if (isUnifiedLine(line) || isLegacyLine(line)) {
                return true;
            }
        }
        return false;
    }

    // the JDK 8 recognizer was written for lines it is given as GC log lines: any failure means "not one"
    private static boolean isLegacyLine(AsciiLine line) {
        try {
            return LegacyLogParser.recognizes(line);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The dialect of the first part whose head has a line of one, unified first (a JDK 8 line never reads as one). */
    static GcLogFormat detect(List<LogPart> parts) throws GcLogFormatException {
        for (LogPart part : parts) {
            for (AsciiLine line : part.head.lines()) {
                if (isUnifiedLine(line)) {
                    return GcLogFormat.UNIFIED;
                }
            }
        }
        for (LogPart part : parts) {
            for (AsciiLine line : part.head.lines()) {
                if (isLegacyLine(line)) {
                    return GcLogFormat.LEGACY;
                }
            }
        }
        LogPart first = parts.get(0);
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

    /** Whether a line looks like unified logging, for format detection. */
    static boolean isUnifiedLine(CharSequence text) {
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
                    || IsoTime.isIsoTime(line, from, to))) {
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
}

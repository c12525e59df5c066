package io.leakhound.series.gclog;

import static io.leakhound.series.gclog.LineText.NONE;
import static io.leakhound.series.gclog.LineText.indexOf;
import static io.leakhound.series.gclog.LineText.isDigit;
import static io.leakhound.series.gclog.LineText.parseLong;
import static io.leakhound.series.gclog.LineText.parseScaled;
import static io.leakhound.series.gclog.LineText.skipSpaces;
import static io.leakhound.series.gclog.LineText.trimEnd;

/**
 * The leading {@code [..]} decorations of a unified-logging line: where they end, and the uptime and
 * wall-clock time they carry. The times are read lazily, only for the few lines that need them, because
 * most lines of a {@code -Xlog:gc*} log are details whose time nobody asks for. Reused for every line.
 */
final class UnifiedDecorations {

    private static final long NANOS_PER_MILLI = 1_000_000L;
    // uptimemillis / uptimenanos look like timemillis / timenanos; a wall clock is far larger than any uptime
    private static final long WALL_MILLIS_THRESHOLD = 100_000_000_000L; // 1973 as epoch ms, 3 years as uptime

    private long lineUptimeNanos = NONE;
    private long lineWallMillis = NONE;
    // where the current line's decorations that may be times are, read lazily
    private final int[] timeFrom = new int[8];
    private final int[] timeTo = new int[8];
    private int timeSpans;
    /** The line being read. */
    private AsciiLine current;
    private boolean timesParsed;
    /** How good lineUptimeNanos is: 0 none, 1 nanoseconds (maybe timenanos), 2 uptimemillis, 3 uptime. */
    private int uptimeRank;

    /**
     * Finds the leading [..] decorations of a line and notes where the times are; {@link #uptimeNanos()} and
     * {@link #wallMillis()} read them. Returns where the message starts.
     */
    int scan(AsciiLine s, int n) {
        current = s;
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

    /** The uptime of the line scanned last, in ns, or {@link LineText#NONE}. */
    long uptimeNanos() {
        parseTimes();
        return lineUptimeNanos;
    }

    /** The wall-clock time of the line scanned last, in epoch ms, or {@link LineText#NONE}. */
    long wallMillis() {
        parseTimes();
        return lineWallMillis;
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
        if (IsoTime.isIsoTime(s, from, to)) {
            long wall = IsoTime.parseMillis(s, from, to);
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
}

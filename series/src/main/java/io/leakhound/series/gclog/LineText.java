package io.leakhound.series.gclog;

/**
 * Allocation-free scanning of an {@link AsciiLine}: prefix tests, searches, and the size and
 * duration tokens of HotSpot logs ({@code 14M}, {@code 3644K}, {@code 7.033ms}, {@code 0.123s}).
 * Parsing methods return {@link #NONE} when the text is not what they expect, never throw.
 */
final class LineText {

    static final long NONE = Long.MIN_VALUE;

    private LineText() {
    }

    static boolean startsWith(AsciiLine s, int at, String prefix) {
        int n = prefix.length();
        if (at < 0 || at + n > s.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (s.at(at + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(AsciiLine s, char c, int from, int to) {
        for (int i = Math.max(from, 0); i < to; i++) {
            if (s.at(i) == c) {
                return i;
            }
        }
        return -1;
    }

    static int lastIndexOf(AsciiLine s, char c, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (s.at(i) == c) {
                return i;
            }
        }
        return -1;
    }

    static int indexOf(AsciiLine s, String needle, int from, int to) {
        int n = needle.length();
        if (n == 0) {
            return from;
        }
        char first = needle.charAt(0);
        for (int i = Math.max(from, 0); i + n <= to; i++) {
            if (s.at(i) == first && startsWith(s, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static int skipSpaces(AsciiLine s, int from, int to) {
        int i = from;
        while (i < to && s.at(i) == ' ') {
            i++;
        }
        return i;
    }

    static int trimEnd(AsciiLine s, int from, int to) {
        int i = to;
        while (i > from && (s.at(i - 1) == ' ' || s.at(i - 1) == '\t')) {
            i--;
        }
        return i;
    }

    /** The unsigned decimal integer spanning exactly [from, to), or NONE. */
    static long parseLong(AsciiLine s, int from, int to) {
        if (from >= to || to - from > 18) {
            return NONE;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.at(i);
            if (!isDigit(c)) {
                return NONE;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * A decimal number with an optional fraction in [from, to) times {@code scale} (e.g. 1_000_000_000
     * for seconds to nanoseconds), or NONE. Fraction digits below the scale are dropped.
     */
    static long parseScaled(AsciiLine s, int from, int to, long scale) {
        if (from >= to || to - from > 30) {
            return NONE;
        }
        long whole = 0;
        int i = from;
        int digits = 0;
        while (i < to && isDigit(s.at(i))) {
            whole = whole * 10 + (s.at(i) - '0');
            i++;
            if (++digits > 15) {
                return NONE;
            }
        }
        if (digits == 0) {
            return NONE;
        }
        long value = whole * scale;
        if (i < to) {
            char sep = s.at(i);
            if (sep != '.' && sep != ',') {
                return NONE;
            }
            i++;
            long unit = scale;
            if (i == to) {
                return NONE;
            }
            while (i < to) {
                char c = s.at(i);
                if (!isDigit(c)) {
                    return NONE;
                }
                unit /= 10;
                value += (c - '0') * unit;
                i++;
            }
        }
        return value;
    }

    /**
     * A duration token ending exactly at {@code to}: {@code 7.033ms}, {@code 0.123s}, {@code 12us},
     * {@code 5ns}; returns nanoseconds or NONE.
     */
    static long parseDurationNanos(AsciiLine s, int from, int to) {
        if (to - from < 2) {
            return NONE;
        }
        char last = s.at(to - 1);
        if (last != 's') {
            return NONE;
        }
        char unit = s.at(to - 2);
        if (unit == 'm') {
            return parseScaled(s, from, to - 2, 1_000_000L);
        }
        if (unit == 'u') {
            return parseScaled(s, from, to - 2, 1_000L);
        }
        if (unit == 'n') {
            return parseScaled(s, from, to - 2, 1L);
        }
        return parseScaled(s, from, to - 1, 1_000_000_000L);
    }

    /** Bytes per unit letter of HotSpot's size printing, or 0 for a character that is not a unit. */
    static long unitBytes(char c) {
        switch (c) {
            case 'B':
                return 1L;
            case 'K':
            case 'k':
                return 1L << 10;
            case 'M':
            case 'm':
                return 1L << 20;
            case 'G':
            case 'g':
                return 1L << 30;
            case 'T':
            case 't':
                return 1L << 40;
            default:
                return 0L;
        }
    }

    /** A size such as {@code 14M}, {@code 1.5G} or {@code 512 MB} spanning exactly [from, to), or NONE. */
    static long parseSize(AsciiLine s, int from, int to) {
        int end = to;
        if (end - from >= 2 && s.at(end - 1) == 'B' && unitBytes(s.at(end - 2)) > 1) {
            end--; // "MB", "KB"
        }
        end = trimEnd(s, from, end);
        if (end <= from) {
            return NONE;
        }
        long unit = unitBytes(s.at(end - 1));
        if (unit == 0) {
            return NONE;
        }
        long v = parseScaled(s, from, trimEnd(s, from, end - 1), 1024L);
        if (v == NONE || v > Long.MAX_VALUE / unit) {
            return NONE;
        }
        return v * unit / 1024;
    }
}

package io.leakhound.series.gclog;

import io.leakhound.series.Collector;
import io.leakhound.series.GcKind;
import io.leakhound.series.MemoryChange;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of one complete JDK 8 (or earlier) GC record: the text from {@code [GC} or {@code [Full GC}
 * to its matching {@code ]}, with interleaved concurrent-phase output and tenuring lines already removed.
 *
 * <p>The record's structure is read from its bracket depth rather than from one regex per collector and
 * JDK version: the heap figure is the first {@code before->after(capacity)} at depth 1, per-generation
 * figures are the nested {@code [Name: ...]} segments at depth 2, and the pause is the {@code , x secs]}
 * that closes depth 1. This survives the many variants (causes, date stamps inside nested segments, GC
 * ids, adaptive-size chatter) without one pattern per variant. Costs one pass over the record plus a few
 * anchored regex matches; allocation is a handful of objects per record.
 *
 * @param name       the event's name: the young generation's name ({@code ParNew}), {@code Full GC},
 *                   {@code GC pause (young)}, {@code CMS-initial-mark}, ...
 * @param cause      the cause in parentheses after {@code GC}, or null
 * @param kind       what was collected
 * @param collector  what the record itself shows ({@link Collector#UNKNOWN} when it names no generation)
 * @param heap       the whole heap, or {@link MemoryChange#UNKNOWN} (G1 with details puts it on a later line)
 * @param young      the young generation where named
 * @param oldGen     the old generation where named, or derived as heap minus young
 * @param metaspace  metaspace, or the permanent generation before JDK 8
 * @param pauseNanos the pause that closes the record, or -1
 */
record LegacyRecord(
        String name,
        String cause,
        GcKind kind,
        Collector collector,
        MemoryChange heap,
        MemoryChange young,
        MemoryChange oldGen,
        MemoryChange metaspace,
        long pauseNanos) {

    /** The name of a CMS mark pause logged without details, before the parser tells which mark it is. */
    static final String MARK_WITHOUT_DETAILS = "CMS mark";

    private static final String NUMBER = "(\\d{1,15}(?:[.,]\\d{1,9})?)";
    /** {@code 1234K->567K(8888K)} or the occupancy-only {@code 1234K(8888K)} of CMS marks. */
    static final Pattern FIGURE = Pattern.compile(
            NUMBER + "([KMGB])(?:->" + NUMBER + "([KMGB]))?\\(" + NUMBER + "([KMGB])\\)");
    private static final Pattern PAUSE_AT_END = Pattern.compile(NUMBER + "\\s*secs?\\s*\\]$");

    /** Whether the record names the permanent generation ({@code PSPermGen}, {@code CMS Perm}, {@code Perm :}). */
    static boolean namesPermGen(CharSequence record) {
        String text = record.toString();
        return text.contains("PermGen") || text.contains("CMS Perm") || text.contains("[Perm");
    }

    /** Parses the record text (which starts with {@code [} and ends with its matching {@code ]}). */
    static LegacyRecord parse(String text) {
        boolean full = text.startsWith("[Full GC");
        Header header = Header.of(text, full);

        MemoryChange heap = MemoryChange.UNKNOWN;
        MemoryChange young = MemoryChange.UNKNOWN;
        MemoryChange old = MemoryChange.UNKNOWN;
        MemoryChange meta = MemoryChange.UNKNOWN;
        String youngName = null;
        String oldName = null;
        Collector collector = header.g1 ? Collector.G1 : Collector.UNKNOWN;
        boolean cmsMark = false;
        boolean cmsRemark = false;
        boolean occupancyOnly = false;

        // One pass: depth-1 figure = heap; depth-2 segments = generations.
        int depth = 0;
        int segmentStart = -1;
        Matcher figure = FIGURE.matcher(text);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[') {
                depth++;
                if (depth == 2) {
                    segmentStart = i + 1;
                }
            } else if (c == ']') {
                if (depth == 2 && segmentStart >= 0) {
                    Segment segment = Segment.of(text, segmentStart, i, figure);
                    if (segment != null) {
                        switch (segment.role) {
                            case YOUNG -> {
                                if (youngName == null) {
                                    youngName = segment.name;
                                    young = segment.figure;
                                }
                            }
                            case OLD -> {
                                oldName = segment.name;
                                old = segment.figure;
                            }
                            case META -> meta = segment.figure;
                            case INITIAL_MARK -> {
                                cmsMark = true;
                                old = segment.figure;
                            }
                            case REMARK -> {
                                cmsRemark = true;
                                old = segment.figure;
                            }
                            default -> { }
                        }
                        collector = stronger(collector, segment.collector);
                    }
                    segmentStart = -1;
                }
                depth--;
            } else if (depth == 1 && heap == MemoryChange.UNKNOWN && isDigit(c)
                    && (i == 0 || !isFigureChar(text.charAt(i - 1)))) {
                figure.region(i, text.length());
                if (figure.lookingAt()) {
                    heap = toChange(figure);
                    occupancyOnly = figure.group(3) == null;
                    i = figure.end() - 1;
                }
            }
        }

        if (old == MemoryChange.UNKNOWN && heap.hasAfter() && young.hasAfter()) {
            // The line names young and whole heap: the old generation is exactly the difference.
            old = MemoryChange.of(
                    difference(heap.beforeBytes(), young.beforeBytes()),
                    difference(heap.afterBytes(), young.afterBytes()),
                    difference(heap.capacityBytes(), young.capacityBytes()));
        }

        GcKind kind;
        String name;
        if (cmsMark || cmsRemark) {
            kind = GcKind.CONCURRENT_CYCLE;
            name = cmsMark ? "CMS-initial-mark" : "CMS-remark";
            collector = Collector.CMS;
        } else if (header.remark || header.cleanup) {
            kind = GcKind.CONCURRENT_CYCLE;
            name = header.remark ? "GC remark" : "GC cleanup";
            collector = Collector.G1;
        } else if (header.g1Pause) {
            kind = header.mixed ? GcKind.MIXED : GcKind.YOUNG;
            name = "GC pause (" + (header.mixed ? "mixed" : "young") + ")"
                    + (header.initialMark ? " (initial-mark)" : "");
        } else if (full) {
            kind = GcKind.FULL;
            name = "Full GC";
        } else if (occupancyOnly && youngName == null) {
            // -XX:+PrintGC under CMS: "[GC 46468K(83008K), 0.0039 secs]" is a mark pause; which one is
            // told by the order (the parser alternates initial mark and remark).
            kind = GcKind.CONCURRENT_CYCLE;
            name = MARK_WITHOUT_DETAILS;
            collector = Collector.CMS;
        } else if (oldName != null) {
            // A young collection that fell back to collecting the old generation (promotion failed).
            kind = GcKind.FULL;
            name = oldName;
        } else {
            kind = GcKind.YOUNG;
            name = youngName != null ? youngName : (text.startsWith("[GC--") ? "GC--" : "GC");
        }
        String cause = header.cause;
        if (kind == GcKind.FULL && !full) {
            // What turned the young collection into a full one, which JDK 7 and earlier print without a cause.
            // "promotion failed" names the young collection's own failure and comes first when both appear;
            // "concurrent mode failure" alone means the young collection completed but the concurrent cycle
            // could not finish in time. Neither: the young collection was skipped (ParNew 0 secs, X->X)
            // because the old generation could not guarantee promotion; the header's cause, if any, stays.
            if (text.contains("promotion failed")) {
                cause = "promotion failed";
            } else if (text.contains("concurrent mode failure")) {
                cause = "concurrent mode failure";
            }
        } else if (kind == GcKind.YOUNG && text.contains("(promotion failed)")) {
            // A young collection that failed to promote but did not fall back to an old collection in the
            // same record (a separate Full GC usually follows): the failure matters more than the trigger.
            cause = "promotion failed";
        }
        return new LegacyRecord(name, cause, kind, collector, heap, young, old, meta, pauseAtEnd(text));
    }

    /** The record's closing {@code , 0.0123 secs]}, in nanoseconds, or -1. */
    static long pauseAtEnd(String text) {
        Matcher m = PAUSE_AT_END.matcher(text);
        m.region(Math.max(0, text.length() - 40), text.length());
        return m.find() ? secondsToNanos(m.group(1)) : -1;
    }

    static long secondsToNanos(String seconds) {
        return Math.round(Double.parseDouble(seconds.replace(',', '.')) * 1e9);
    }

    /** {@code 24.0M} as bytes. */
    static long bytes(String number, String unit) {
        double value = Double.parseDouble(number.replace(',', '.'));
        long scale = switch (unit.charAt(0)) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1L;
        };
        return Math.round(value * scale);
    }

    /** A {@link #FIGURE} match as a memory change (occupancy-only figures have before = after). */
    static MemoryChange toChange(Matcher m) {
        long before = bytes(m.group(1), m.group(2));
        long after = m.group(3) != null ? bytes(m.group(3), m.group(4)) : before;
        return MemoryChange.of(before, after, bytes(m.group(5), m.group(6)));
    }

    /** The rank of the evidence a name gives: G1 and CMS names are never seen in another collector's log. */
    static Collector stronger(Collector a, Collector b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(Collector c) {
        return switch (c) {
            case SERIAL -> 1;
            case PARALLEL -> 2;
            case CMS -> 3;
            case G1 -> 4;
            default -> 0;
        };
    }

    private static long difference(long total, long part) {
        return total < 0 || part < 0 || part > total ? MemoryChange.UNKNOWN_BYTES : total - part;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isFigureChar(char c) {
        return isDigit(c) || c == '.' || c == ',' || c == '>';
    }

    /** What {@code [GC ...} or {@code [Full GC ...} says before the first nested segment. */
    private record Header(String cause, boolean g1, boolean g1Pause, boolean mixed, boolean initialMark,
                          boolean remark, boolean cleanup) {

        static Header of(String text, boolean full) {
            int i = full ? "[Full GC".length() : "[GC".length();
            boolean g1Pause = text.startsWith(" pause", i);
            boolean remark = text.startsWith(" remark", i);
            boolean cleanup = text.startsWith(" cleanup", i);
            if (g1Pause) {
                i += " pause".length();
            }
            if (text.startsWith("--", i)) {
                i += 2;
            }
            String cause = null;
            boolean mixed = false;
            boolean initialMark = false;
            // Parenthesised groups before the first figure or nested segment: the cause, and for G1 the
            // pause's type ("(young)", "(mixed)", "(initial-mark)", JDK 6's "(partial)").
            while (true) {
                while (i < text.length() && text.charAt(i) == ' ') {
                    i++;
                }
                if (i >= text.length() || text.charAt(i) != '(') {
                    break;
                }
                int close = matchingParen(text, i);
                if (close < 0) {
                    break;
                }
                String group = text.substring(i + 1, close);
                switch (group) {
                    case "young" -> { }
                    case "mixed", "partial" -> mixed = true;
                    case "initial-mark" -> initialMark = true;
                    default -> {
                        if (group.startsWith("to-space")) {
                            break;
                        }
                        if (cause == null) {
                            cause = group;
                        }
                    }
                }
                i = close + 1;
            }
            return new Header(cause, g1Pause || remark || cleanup, g1Pause, mixed, initialMark, remark, cleanup);
        }

        private static int matchingParen(String text, int open) {
            int depth = 0;
            int limit = Math.min(text.length(), open + 80);
            for (int i = open; i < limit; i++) {
                char c = text.charAt(i);
                if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    return i;
                } else if (c == '[' || c == ']') {
                    return -1;
                }
            }
            return -1;
        }
    }

    private enum Role { YOUNG, OLD, META, INITIAL_MARK, REMARK }

    /** A nested {@code [Name: figure ...]} segment. */
    private record Segment(Role role, String name, Collector collector, MemoryChange figure) {

        /** Known segment names, longest first where one is a prefix of another. */
        private static final Object[][] NAMES = {
                {"PSYoungGen", Role.YOUNG, Collector.PARALLEL},
                {"ParNew", Role.YOUNG, Collector.CMS},
                {"ASParNew", Role.YOUNG, Collector.CMS},
                {"DefNew", Role.YOUNG, Collector.SERIAL},
                {"ParOldGen", Role.OLD, Collector.PARALLEL},
                {"PSOldGen", Role.OLD, Collector.PARALLEL},
                {"PSPermGen", Role.META, Collector.PARALLEL},
                {"CMS Perm", Role.META, Collector.CMS},
                {"CMS-initial-mark", Role.INITIAL_MARK, Collector.CMS},
                {"CMS-remark", Role.REMARK, Collector.CMS},
                {"ASCMS-initial-mark", Role.INITIAL_MARK, Collector.CMS},
                {"ASCMS-remark", Role.REMARK, Collector.CMS},
                {"CMS", Role.OLD, Collector.CMS},
                {"ASCMS", Role.OLD, Collector.CMS},
                {"Tenured", Role.OLD, Collector.SERIAL},
                {"Metaspace", Role.META, Collector.UNKNOWN},
                {"Perm", Role.META, Collector.UNKNOWN},
        };

        static Segment of(String text, int start, int end, Matcher figure) {
            int i = start;
            // "[1 CMS-initial-mark: ...]": skip the generation number.
            if (i + 1 < end && isDigit(text.charAt(i)) && text.charAt(i + 1) == ' ') {
                i += 2;
            }
            for (Object[] entry : NAMES) {
                String name = (String) entry[0];
                if (text.startsWith(name, i)) {
                    MemoryChange change = MemoryChange.UNKNOWN;
                    figure.region(i + name.length(), end);
                    if (figure.find()) {
                        change = toChange(figure);
                    }
                    figure.reset();
                    return new Segment((Role) entry[1], name, (Collector) entry[2], change);
                }
            }
            return null;
        }
    }
}

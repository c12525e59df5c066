package io.leakhound.series.gclog;

import static io.leakhound.series.gclog.LineText.NONE;
import static io.leakhound.series.gclog.LineText.indexOf;
import static io.leakhound.series.gclog.LineText.isDigit;
import static io.leakhound.series.gclog.LineText.parseLong;
import static io.leakhound.series.gclog.LineText.parseSize;
import static io.leakhound.series.gclog.LineText.startsWith;

/**
 * Decoders of the detail lines {@code -Xlog:gc*} prints for one GC id before (or, for Shenandoah, around)
 * its summary: each reads one collector's line into the {@link PendingCollection} of that id.
 */
final class UnifiedDetailLines {

    private UnifiedDetailLines() {
    }

    /**
     * ZGC's {@code Live:} row: columns Mark Start ({@code -}), Mark End, Relocate Start, Relocate End; the Mark End
     * figure is what marking found alive, for the whole heap (single-generation ZGC) or for one generation.
     */
    static void live(PendingCollection p, char generation, AsciiLine s, int from, int n) {
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

    /** Metaspace, as G1, Parallel, Serial and Shenandoah ({@code 1M(2M)->1M(2M)}) or ZGC ({@code 12M used, ...}) print it. */
    static boolean metaspace(PendingCollection p, AsciiLine s, int from, int n, SizeChange change,
            long maxHeapBytes) {
        int sp = indexOf(s, ' ', from, n);
        int end = sp < 0 ? n : sp;
        if (indexOf(s, "->", from, end) > 0) {
            if (change.parse(s, from, end, maxHeapBytes)) {
                p.metaBefore = change.before;
                p.metaAfter = change.after;
                p.metaCapacity = change.capacity;
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

    /** G1's {@code Old regions: 10->12} and {@code Humongous regions: 0->3}, added up as the old generation. */
    static void regions(PendingCollection p, AsciiLine s, int from, int n, long regionBytes) {
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

    /** The old generation of Parallel ({@code ParOldGen:}), Serial ({@code Tenured:}) and CMS ({@code CMS:}). */
    static void oldGen(PendingCollection p, AsciiLine s, int from, int n, SizeChange change,
            long maxHeapBytes) {
        int sp = indexOf(s, ' ', from, n);
        if (change.parse(s, from, sp < 0 ? n : sp, maxHeapBytes)) {
            p.oldBefore = change.before;
            p.oldAfter = change.after;
            p.oldCapacity = change.capacity;
        }
    }
}

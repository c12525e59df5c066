package io.leakhound.series.gclog;

import static io.leakhound.series.gclog.LineText.NONE;
import static io.leakhound.series.gclog.LineText.indexOf;
import static io.leakhound.series.gclog.LineText.parseLong;
import static io.leakhound.series.gclog.LineText.parseSize;

import io.leakhound.series.MemoryChange;

/**
 * A size change token of a unified-logging line: {@code 14M->12M(128M)}, {@code 8K(44032K)->8K(44032K)},
 * {@code 120M(47%)->20M(8%)}. Holds the last one {@link #parse parsed}; reused for every line, so reading
 * sizes allocates nothing.
 */
final class SizeChange {

    long before;
    long after;
    long capacity;
    int beforePercent;
    int afterPercent;
    // the last size part parsed by parsePart
    private long partSize;
    private long partCapacity;
    private int partPercent;

    /**
     * Reads [from, to) into the fields; returns false if the text is not a size change.
     *
     * @param maxHeapBytes the heap's maximum if known (else -1): the capacity of a change given in percent
     */
    boolean parse(AsciiLine s, int from, int to, long maxHeapBytes) {
        int arrow = indexOf(s, "->", from, to);
        if (arrow < 0) {
            return false;
        }
        if (!parsePart(s, from, arrow)) {
            return false;
        }
        before = partSize;
        long capacityBefore = partCapacity;
        beforePercent = partPercent;
        if (!parsePart(s, arrow + 2, to)) {
            return false;
        }
        after = partSize;
        afterPercent = partPercent;
        capacity = partCapacity >= 0 ? partCapacity : capacityBefore;
        if (capacity < 0 && (partPercent > 0 || beforePercent > 0)) {
            capacity = maxHeapBytes > 0 ? maxHeapBytes : capacityFromPercent();
        }
        return true;
    }

    // ZGC prints occupancy as a share of the maximum heap: derive it from the larger (more precise) figure

    /** The change parsed last, as the series' model holds it (-1 for what it did not say). */
    MemoryChange toMemoryChange() {
        return MemoryChange.of(Math.max(before, -1), Math.max(after, -1), Math.max(capacity, -1));
    }

    private long capacityFromPercent() {
        long size = beforePercent >= afterPercent ? before : after;
        int percent = Math.max(beforePercent, afterPercent);
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
}

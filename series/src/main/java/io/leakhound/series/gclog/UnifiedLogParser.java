package io.leakhound.series.gclog;

import static io.leakhound.series.gclog.LineText.NONE;
import static io.leakhound.series.gclog.LineText.indexOf;
import static io.leakhound.series.gclog.LineText.lastIndexOf;
import static io.leakhound.series.gclog.LineText.parseDurationNanos;
import static io.leakhound.series.gclog.LineText.parseLong;
import static io.leakhound.series.gclog.LineText.parseSize;
import static io.leakhound.series.gclog.LineText.skipSpaces;
import static io.leakhound.series.gclog.LineText.startsWith;
import static io.leakhound.series.gclog.LineText.trimEnd;

import io.leakhound.series.Collector;
import io.leakhound.series.GcEvent;
import io.leakhound.series.GcKind;
import io.leakhound.series.MemoryChange;
import java.nio.file.Path;
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
 * <p>The work is shared out: {@link UnifiedDecorations} reads a line's decorations and times,
 * {@link UnifiedDetailLines} the detail lines of one collection, {@link SizeChange} the size tokens and
 * {@link UnifiedEventAssembler} makes the event; this class tells the lines apart, per collector, and keeps
 * the state across them (which collector, the collections still open).
 *
 * <p>Cost: the hot path scans each line's characters a few times and allocates nothing except for the
 * {@link GcEvent} it emits (names and causes are interned), so throughput is bound by character access.
 */
final class UnifiedLogParser implements GcLogParser {

    private final UnifiedEventAssembler events;
    private final UnifiedDecorations decorations = new UnifiedDecorations();
    private final SizeChange change = new SizeChange();
    private final PendingCollections pending = new PendingCollections();

    private Collector collector = Collector.UNKNOWN;
    private long maxHeapBytes = -1;
    private long regionBytes = -1;
    private long skipped;

    /** The Shenandoah cycle being gathered, or null. */
    private PendingCollection openCycle;
    /** STW time of a cancelled Shenandoah cycle, added to the degenerated GC that follows it. */
    private long carriedPauseNanos;

    UnifiedLogParser(Consumer<GcEvent> sink, WallClockOrigin origin) {
        this.events = new UnifiedEventAssembler(sink, origin);
    }

    @Override
    public void startFile(Path file) {
        events.startFile(file);
    }

    @Override
    public void endOfFile() {
        flushCycle();
        pending.clear();
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
        return events.warnings();
    }

    @Override
    public void accept(CharSequence text, long lineNumber) {
        AsciiLine line = AsciiLine.of(text);
        // trailing blanks are trimmed only where a line is read to its end (most lines are not)
        int n = line.length();
        int p = decorations.scan(line, n);
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
                return UnifiedDetailLines.metaspace(openCycle, s, p + 11, n, change, maxHeapBytes);
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
                UnifiedDetailLines.live(touch(id), generation, s, r + 5, n);
                return;
            }
            if (r > q) {
                return;
            }
        }
        switch (s.at(q)) {
            case 'M':
                if (startsWith(s, q, "Metaspace: ")) {
                    UnifiedDetailLines.metaspace(touch(id), s, q + 11, n, change, maxHeapBytes);
                    return;
                }
                break;
            case 'O':
                if (startsWith(s, q, "Old regions: ")) {
                    UnifiedDetailLines.regions(touch(id), s, q + 13, n, regionBytes);
                    return;
                }
                break;
            case 'H':
                if (startsWith(s, q, "Humongous regions: ")) {
                    UnifiedDetailLines.regions(touch(id), s, q + 19, n, regionBytes);
                    return;
                }
                break;
            case 'P':
                if (startsWith(s, q, "PSOldGen: ") || startsWith(s, q, "ParOldGen: ")) {
                    inferCollector(Collector.PARALLEL);
                    UnifiedDetailLines.oldGen(touch(id), s, indexOf(s, ' ', q, n) + 1, n, change, maxHeapBytes);
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
                    UnifiedDetailLines.oldGen(touch(id), s, q + 9, n, change, maxHeapBytes);
                    return;
                }
                break;
            case 'C':
                if (startsWith(s, q, "CMS: ")) {
                    inferCollector(Collector.CMS);
                    UnifiedDetailLines.oldGen(touch(id), s, q + 5, n, change, maxHeapBytes);
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
        if (sp2 > q && indexOf(s, "->", sp2 + 1, textEnd) > 0 && change.parse(s, sp2 + 1, textEnd, maxHeapBytes)) {
            sized = true;
            nameEnd = trimEnd(s, q, sp2);
        } else if (duration == NONE && sp > q) {
            // sizes followed by something that is not a duration: a line cut short ("14M->12M(128M) 7.0")
            int sp3 = lastIndexOf(s, ' ', q, sp);
            if (sp3 > q && indexOf(s, "->", sp3 + 1, sp) > 0 && change.parse(s, sp3 + 1, sp, maxHeapBytes)) {
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
                    PendingCollection p = touch(id);
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
        PendingCollection p = pending.find(id);
        long pause = duration == NONE ? 0 : duration;
        if (kind == GcKind.FULL && p != null && p == openCycle) {
            // a Shenandoah cycle that degenerated (or was upgraded to a full GC): one event, its pauses summed
            pause += p.pauseNanos;
            openCycle = null;
        }
        pause += carriedPauseNanos;
        carriedPauseNanos = 0;
        emitLine(s, q, nameEnd, id, collector, kind, sized, pause, duration, p);
    }

    private void concurrentLine(AsciiLine s, int q, int nameEnd, long id, long duration, boolean sized) {
        int k = q + 11;
        if (startsWith(s, k, "Cycle") || startsWith(s, k, "Mark Cycle") || startsWith(s, k, "Undo Cycle")) {
            if (duration == NONE) {
                return; // start line
            }
            inferCollector(Collector.G1);
            emitLine(s, q, nameEnd, id, collector, GcKind.CONCURRENT_CYCLE, false, 0, duration, pending.find(id));
            return;
        }
        if (collector == Collector.SHENANDOAH || collector == Collector.UNKNOWN
                && (startsWith(s, k, "reset") || startsWith(s, k, "marking") || startsWith(s, k, "cleanup")
                || startsWith(s, k, "evacuation") || startsWith(s, k, "update references"))) {
            // Shenandoah phases: "Concurrent reset", "Concurrent marking", "Concurrent cleanup 22M->5M(64M)"
            inferCollector(Collector.SHENANDOAH);
            PendingCollection p = touch(id);
            openCycle = p;
            if (duration != NONE) {
                p.noteStart(decorations.uptimeNanos(), decorations.wallMillis(), duration);
            }
            if (sized) {
                if (p.heapBefore < 0) {
                    p.heapBefore = change.before;
                }
                p.heapAfter = change.after;
                p.heapCapacity = change.capacity;
            }
            p.lastUptimeNanos = decorations.uptimeNanos();
            p.lastWallMillis = decorations.wallMillis();
        } else if (duration != NONE && (collector == Collector.ZGC || collector == Collector.GENERATIONAL_ZGC
                || collector == Collector.UNKNOWN)) {
            // ZGC's phases: the cycle began no later than its first phase (when its start line is missing)
            touch(id).noteStart(decorations.uptimeNanos(), decorations.wallMillis(), duration);
        }
    }

    /** ZGC's cycle lines: a start line without sizes, a summary with sizes (and, from JDK 21, a duration). */
    private void cycleSummary(AsciiLine s, int q, int nameEnd, long id, long duration, boolean sized,
            Collector which, GcKind kind) {
        PendingCollection p = touch(id);
        if (!sized) {
            return;
        }
        emitLine(s, q, nameEnd, id, which, kind, true, p.pauseNanos, duration, p);
    }

    /** Emits the Shenandoah cycle gathered so far, if any. */
    private void flushCycle() {
        PendingCollection p = openCycle;
        openCycle = null;
        if (p == null || p.id < 0) {
            return;
        }
        long end = p.lastUptimeNanos;
        long startUptime = p.firstUptimeNanos;
        long duration = end != NONE && startUptime != NONE ? Math.max(0, end - startUptime) : 0;
        MemoryChange heap = p.heapAfter >= 0
                ? MemoryChange.of(Math.max(p.heapBefore, -1), p.heapAfter, Math.max(p.heapCapacity, -1))
                : MemoryChange.UNKNOWN;
        events.emit(p.id, Collector.SHENANDOAH, GcKind.CONCURRENT_CYCLE, "Concurrent Cycle", null, heap,
                p.pauseNanos, duration, p, end, p.lastWallMillis);
    }

    /** Emits the event named by [q, nameEnd) on the current line, with the sizes parsed last if sized. */
    private void emitLine(AsciiLine s, int q, int nameEnd, long id, Collector which, GcKind kind, boolean sized,
            long pause, long duration, PendingCollection p) {
        events.emit(s, q, nameEnd, id, which, kind, sized ? change.toMemoryChange() : MemoryChange.UNKNOWN, pause,
                duration, p, decorations.uptimeNanos(), decorations.wallMillis());
    }

    private void inferCollector(Collector c) {
        if (collector == Collector.UNKNOWN) {
            collector = c;
        }
    }

    // ---- per-GC-id state ----------------------------------------------------------------------

    /** The state of a GC id, created if new (evicting the least recently created), with its first time noted. */
    private PendingCollection touch(long id) {
        PendingCollection p = pending.find(id);
        if (p == null) {
            p = pending.oldest();
            if (p == openCycle) {
                flushCycle();
            }
            pending.claim(p, id);
        }
        p.noteStart(decorations.uptimeNanos(), decorations.wallMillis(), 0);
        return p;
    }
}

package io.leakhound.series.gclog;

import static io.leakhound.series.gclog.LineText.NONE;
import static io.leakhound.series.gclog.LineText.indexOf;
import static io.leakhound.series.gclog.LineText.startsWith;

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
 * Assembles a {@link GcEvent} from a unified-logging summary line and the details gathered for its GC id:
 * its name and cause, its start (its end minus its span), its sizes, pause and wall time. The one place
 * a unified log's collection becomes an event.
 */
final class UnifiedEventAssembler {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final Consumer<GcEvent> sink;
    private final WallClockOrigin origin;
    private final InternedText strings = new InternedText();
    private final List<String> warnings = new ArrayList<>();
    private Path file;
    private boolean warnedNoTime;

    UnifiedEventAssembler(Consumer<GcEvent> sink, WallClockOrigin origin) {
        this.sink = sink;
        this.origin = origin;
    }

    void startFile(Path file) {
        this.file = file;
    }

    /** Things a person should know about the log (e.g. it has no times). */
    List<String> warnings() {
        return warnings;
    }

    /**
     * Emits the event named by [q, nameEnd) on the current line.
     *
     * @param which    the collector of the event (never {@link Collector#UNKNOWN} when the log named one)
     * @param heap     the heap before and after, or {@link MemoryChange#UNKNOWN}
     * @param duration the duration on the line in ns, or NONE (then the span since the GC id's first line)
     * @param end      the line's uptime in ns, or NONE
     * @param endWall  the line's wall-clock time in epoch ms, or NONE
     */
    void emit(AsciiLine s, int q, int nameEnd, long id, Collector which, GcKind kind, MemoryChange heap,
            long pause, long duration, PendingCollection p, long end, long endWall) {
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
                    int close = closingParen(s, next + 1, nameEnd);
                    cause = close > 0 ? strings.get(s, next + 2, close) : null;
                }
            } else if (groupEnd > 0) {
                cause = strings.get(s, firstParen + 2, groupEnd);
            }
        }
        String name = strings.get(s, q, nameTo);
        emit(id, which, kind, name, cause, heap, pause, duration, p, end, endWall);
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

    /** Emits an event whose name and cause are known. */
    void emit(long id, Collector which, GcKind kind, String name, String cause, MemoryChange heap,
            long pause, long duration, PendingCollection p, long end, long endWall) {
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
        sink.accept(new GcEvent(uptime, wall, id, which, kind, name,
                cause, heap, old, meta, pauseTime, wallTime, live));
    }
}

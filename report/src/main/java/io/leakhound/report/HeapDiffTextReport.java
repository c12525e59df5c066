package io.leakhound.report;

import io.leakhound.heap.HeapDiff;
import io.leakhound.heap.HeapDiff.ClassDelta;
import io.leakhound.heap.HeapDiff.GrowthSuspect;
import io.leakhound.jfr.alloc.AllocationProfile;
import io.leakhound.jfr.alloc.ClassProfile;
import io.leakhound.series.Human;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Renders a {@link HeapDiff} as compact plain text: a header (the dumps, their timestamps, the time between
 * them, the live heap before and after), the growth suspects (numbered sentences, each with its path from a
 * GC root as an indented chain, as {@link HeapTextReport} shows paths) or a plain "nothing grew materially",
 * then the classes that grew most. The diff's warnings are left to the caller, as for the heap report (the
 * CLI prints them on stderr, where they stay visible when stdout goes to a file). Never prints; costs one
 * pass over the rows shown.
 *
 * <pre>
 * 2 dumps, 1 h 05 min apart; live heap 180 MB → 240 MB (+60 MB)
 *   1. before.hprof  2026-01-01T00:00:00Z  1,234,567 objects, 180 MB reachable
 *   2. after.hprof   2026-01-01T01:05:00Z  1,534,567 objects, 240 MB reachable
 *
 * Growth suspects
 *   1. static com.acme.EventBus.LISTENERS (java.util.ArrayList) grew from 1,204 to 9,870 com.acme.Listener: ...
 *        static com.acme.EventBus.LISTENERS
 *        → java.util.ArrayList.elementData
 * </pre>
 */
public final class HeapDiffTextReport {

    private static final String CLASS_ROW = "%12s %12s %14s %14s %15s %15s  %s%n";

    private HeapDiffTextReport() {
    }

    /** The report as a string ending with a line break; the class table is cut to {@code top} rows. */
    public static String render(HeapDiff d, int top) {
        return render(d, top, null);
    }

    /**
     * As {@link #render(HeapDiff, int)}, each growth suspect followed by the allocation sites of its element
     * class (or of its holder's class) in {@code profile}, a recording of the same process; none when null.
     */
    public static String render(HeapDiff d, int top, AllocationProfile profile) {
        StringBuilder out = new StringBuilder(4096);
        header(out, d);
        suspects(out, d, profile);
        classes(out, d.classes(), top);
        return out.toString();
    }

    /** {@code 2 dumps, 1 h 05 min apart; live heap 180 MB → 240 MB (+60 MB)}. */
    public static String summary(HeapDiff d) {
        long before = d.dumps().get(0).reachableBytes();
        long after = d.dumps().get(d.dumps().size() - 1).reachableBytes();
        return d.dumps().size() + " dumps, " + Human.duration(elapsed(d)) + " apart; live heap " + Human.bytes(before)
                + " → " + Human.bytes(after) + " (" + GrowthSentence.signed(after - before) + ")";
    }

    /** The time from the first dump to the last, to the millisecond. */
    static Duration elapsed(HeapDiff d) {
        return Duration.ofMillis(Math.round(d.elapsedSeconds() * 1000));
    }

    private static void header(StringBuilder out, HeapDiff d) {
        out.append(summary(d)).append('\n');
        int width = d.dumps().stream().mapToInt(dump -> dump.source().length()).max().orElse(0);
        int n = 1;
        for (HeapDiff.Dump dump : d.dumps()) {
            out.append(String.format("%3d. %-" + width + "s  %s  %s objects, %s reachable%n", n++, dump.source(),
                    dump.timestamp() == null ? "(no timestamp)" : dump.timestamp(), SuspectSentence.count(dump.objects()), Human.bytes(dump.reachableBytes())));
        }
        out.append('\n');
    }

    private static void suspects(StringBuilder out, HeapDiff d, AllocationProfile profile) {
        if (d.suspects().isEmpty()) {
            out.append("Nothing grew materially: no holder's retained size grew enough to suspect a leak.\n\n");
            return;
        }
        out.append("Growth suspects\n");
        int n = 1;
        for (GrowthSuspect s : d.suspects()) {
            String number = String.format("%3d. ", n++);
            out.append(number).append(GrowthSentence.of(s, d.dumps().size())).append('\n');
            String indent = " ".repeat(number.length() + 2);
            HeapTextReport.path(out, s.path(), indent);
            HeapTextReport.advice(out, s.fixAdvice(), " ".repeat(number.length()));
            if (profile != null) {
                Optional<ClassProfile> sites = AllocationSites.of(profile, s);
                if (sites.isPresent()) {
                    out.append(indent).append("allocated at (").append(profile.source().getFileName()).append(": ")
                            .append(AllocationSites.heading(sites.get(), s)).append(")\n");
                    AllocationTextReport.sites(out, sites.get(), AllocationSites.byKept(sites.get()), indent + "  ");
                } else {
                    out.append(indent).append("no allocation site of ").append(s.elementClass()).append(" or ")
                            .append(s.holderClass()).append(" in ").append(profile.source().getFileName()).append('\n');
                }
            }
        }
        out.append('\n');
    }

    private static void classes(StringBuilder out, List<ClassDelta> classes, int top) {
        if (classes.isEmpty()) {
            out.append("No class changed its instance count or shallow size.\n");
            return;
        }
        List<ClassDelta> rows = classes.subList(0, Math.min(top, classes.size()));
        out.append("Classes by shallow growth (top ").append(rows.size()).append(" of ")
                .append(SuspectSentence.count(classes.size())).append(" that changed)\n");
        out.append(String.format(CLASS_ROW, "count before", "count after", "shallow before", "shallow after",
                "retained before", "retained after", "class"));
        for (ClassDelta c : rows) {
            out.append(String.format(CLASS_ROW, SuspectSentence.count(c.countBefore()),
                    SuspectSentence.count(c.countAfter()), Human.bytes(c.shallowBytesBefore()),
                    Human.bytes(c.shallowBytesAfter()), Human.bytes(c.retainedBytesBefore()),
                    Human.bytes(c.retainedBytesAfter()), c.className()));
        }
    }
}

package io.leakhound.report;

import io.leakhound.heap.FixAdvice;
import io.leakhound.heap.HeapAnalysis;
import io.leakhound.heap.LeakSuspect;
import io.leakhound.series.Human;
import java.util.List;
import java.util.Optional;

/**
 * Renders a {@link HeapAnalysis} as compact plain text: a header line, the leak suspects (numbered sentences,
 * each with its path from a GC root as an indented chain of hops), the top of the class histogram and the
 * top dominators. The analysis's warnings are left to the caller (the CLI prints them on stderr, where they
 * stay visible when stdout goes to a file). Never prints; costs one pass over the rows shown.
 *
 * <pre>
 * dump.hprof: 1,234,567 objects, 4,321 classes, 2,345 GC roots; 180 MB reachable, 12 MB unreachable
 *
 * Leak suspects
 *   1. static com.acme.EventBus.LISTENERS (java.util.ArrayList) holds 74,812 com.acme.OrderListener retaining 142 MB (71 % of the heap)
 *        static com.acme.EventBus.LISTENERS
 *        → java.util.ArrayList.elementData
 * </pre>
 */
public final class HeapTextReport {

    private HeapTextReport() {
    }

    /** The report as a string ending with a line break. */
    public static String render(HeapAnalysis a, int top) {
        StringBuilder out = new StringBuilder(4096);
        out.append(a.source()).append(": ").append(header(a)).append("\n\n");
        suspects(out, a.suspects());
        histogram(out, a, top);
        dominators(out, a, top);
        return out.toString();
    }

    /** {@code 1,234,567 objects, 4,321 classes, 2,345 GC roots; 180 MB reachable, 12 MB unreachable}. */
    public static String header(HeapAnalysis a) {
        return SuspectSentence.count(a.objects()) + " objects, " + SuspectSentence.count(a.classes()) + " classes, "
                + SuspectSentence.count(a.gcRoots()) + " GC roots; " + Human.bytes(a.reachableBytes()) + " reachable, "
                + Human.bytes(a.unreachableBytes()) + " unreachable";
    }

    private static void suspects(StringBuilder out, List<LeakSuspect> suspects) {
        if (suspects.isEmpty()) {
            out.append("No leak suspect: no object, and no class's instances together, retain a tenth of the heap.\n\n");
            return;
        }
        out.append("Leak suspects\n");
        int n = 1;
        for (LeakSuspect s : suspects) {
            String number = String.format("%3d. ", n++);
            out.append(number).append(SuspectSentence.of(s)).append('\n');
            path(out, s.path(), " ".repeat(number.length() + 2));
            advice(out, s.fixAdvice(), " ".repeat(number.length()));
        }
        out.append('\n');
    }

    /** The pattern and what to do, under a suspect's path; shared with {@link HeapDiffTextReport}. */
    static void advice(StringBuilder out, Optional<FixAdvice> advice, String indent) {
        advice.ifPresent(a -> out.append(indent).append(a.line()).append('\n'));
    }

    /** A path from a GC root as an indented chain, one hop a line; shared with {@link HeapDiffTextReport}. */
    static void path(StringBuilder out, List<String> path, String indent) {
        for (int i = 0; i < path.size(); i++) {
            out.append(indent).append(i == 0 ? "" : "→ ").append(path.get(i)).append('\n');
        }
    }

    private static void histogram(StringBuilder out, HeapAnalysis a, int top) {
        List<HeapAnalysis.ClassRow> rows = a.histogram().subList(0, Math.min(top, a.histogram().size()));
        out.append("Classes by retained size (top ").append(rows.size()).append(" of ")
                .append(SuspectSentence.count(a.histogram().size())).append(")\n");
        out.append(String.format("%12s %10s %10s  %s%n", "instances", "shallow", "retained", "class"));
        for (HeapAnalysis.ClassRow row : rows) {
            out.append(String.format("%12s %10s %10s  %s%n", SuspectSentence.count(row.count()),
                    Human.bytes(row.shallowBytes()), Human.bytes(row.retainedBytes()), row.className()));
        }
        out.append('\n');
    }

    private static void dominators(StringBuilder out, HeapAnalysis a, int top) {
        List<HeapAnalysis.Dominator> rows = a.dominators().subList(0, Math.min(top, a.dominators().size()));
        out.append("Biggest objects (top of the dominator tree)\n");
        out.append(String.format("%10s %7s  %s%n", "retained", "heap", "object"));
        for (HeapAnalysis.Dominator d : rows) {
            out.append(String.format("%10s %7s  %s @ %s%s%n", Human.bytes(d.retainedBytes()),
                    Human.percent(d.retainedFraction()), d.className(), HeapJsonReport.address(d.objectId()),
                    d.path().isEmpty() ? "" : "  via " + d.path().get(0)));
        }
    }
}

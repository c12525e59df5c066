package io.leakhound.report;

import io.leakhound.jfr.alloc.AllocationProfile;
import io.leakhound.jfr.alloc.ClassProfile;
import io.leakhound.jfr.alloc.Frame;
import io.leakhound.jfr.alloc.Site;
import io.leakhound.jfr.alloc.SurvivorPath;
import io.leakhound.jfr.alloc.Survivors;
import io.leakhound.series.Human;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Renders an {@link AllocationProfile} as compact plain text: a header (the recording, which events the
 * sites come from), the growing classes first (each with why, its sites ranked by what survives, the
 * allocating line's callers and the survivors' path from a GC root), then the classes that allocate most
 * with their top sites. The profile's warnings are left to the caller (the CLI prints them on stderr).
 * Never prints; costs one pass over the rows shown.
 *
 * <pre>
 * rec.jfr: 55 s recorded; sites from jdk.ObjectAllocationSample (9,926 events, 3.3 GB); 252 old-object samples alive at the end
 *
 * Growing classes: their sampled instances keep being allocated and kept
 *   1. byte[]: 217 surviving samples allocated steadily over the recording (61, 117 and 39 in its three thirds...)
 *        217 kept (293 KB)       allocated at io.leakhound.demo.ModeBehaviour.capture:68
 *                                             ← io.leakhound.demo.ModeBehaviour$ListenerLeak.onRequest:83
 * </pre>
 */
public final class AllocationTextReport {

    /** Sites shown per class, and application callers shown per site. */
    static final int SITES = 3;
    static final int CALLERS = 3;

    private AllocationTextReport() {
    }

    /** The report as a string ending with a line break; the class list is cut to {@code top} classes. */
    public static String render(AllocationProfile p, int top) {
        StringBuilder out = new StringBuilder(4096);
        out.append(p.source()).append(": ").append(summary(p)).append("\n\n");
        List<ClassProfile> growing = p.growing();
        if (growing.isEmpty()) {
            out.append(p.oldObjectSamples()
                    ? "Nothing grows: no class's sampled instances keep being allocated and kept over the recording.\n\n"
                    : "Growth unknown: the recording has no old-object samples (record with settings=profile).\n\n");
        } else {
            out.append("Growing classes: their sampled instances keep being allocated and kept\n");
            int n = 1;
            for (ClassProfile c : growing) {
                String number = String.format("%3d. ", n++);
                out.append(number).append(c.className()).append(": ").append(c.growthReason()).append('\n');
                String indent = " ".repeat(number.length() + 2);
                sites(out, c, indent);
                if (c.survivors() != null) {
                    survivors(out, c.survivors(), p.start(), indent);
                }
            }
            out.append('\n');
        }
        allocating(out, p, top);
        return out.toString();
    }

    /** {@code 55 s recorded; sites from jdk.ObjectAllocationSample (9,926 events, 3.3 GB); 252 old-object samples...}. */
    public static String summary(AllocationProfile p) {
        StringBuilder s = new StringBuilder();
        s.append(Human.duration(Duration.between(p.start(), p.end()))).append(" recorded; ");
        if (p.allocationEvents() == AllocationProfile.AllocationEvents.NONE) {
            s.append("no allocation events");
        } else {
            s.append("sites from ").append(p.allocationEvents().eventNames()).append(" (")
                    .append(SuspectSentence.count(p.allocationSamples())).append(" events, ")
                    .append(Human.bytes(p.allocatedBytes())).append(')');
        }
        s.append("; ");
        if (!p.oldObjectSamples()) {
            s.append("no old-object samples");
        } else {
            s.append(SuspectSentence.count(p.survivorCount())).append(" old-object samples alive at the end, ")
                    .append(p.referenceChains() ? "with" : "without").append(" paths to GC roots");
        }
        return s.toString();
    }

    /** The top sites of a class, each on one line with its callers below; shared with the diff report. */
    static void sites(StringBuilder out, ClassProfile c, String indent) {
        sites(out, c, byKept(c), indent);
    }

    /** As {@link #sites(StringBuilder, ClassProfile, String)}, told by kept samples when {@code byKept}. */
    static void sites(StringBuilder out, ClassProfile c, boolean byKept, String indent) {
        List<Site> sites = shown(c, byKept);
        for (Site site : sites) {
            String figures = byKept
                    ? String.format("%,d kept (%s)", site.settledSurvivors(), Human.bytes(site.settledSurvivorBytes()))
                    : Human.bytes(site.allocatedBytes());
            String head = indent + String.format("%-24s", figures) + " allocated at ";
            out.append(head).append(site.allocatingLine()).append('\n');
            String callerIndent = " ".repeat(head.length());
            if (site.application() != null && !site.application().equals(site.top())) {
                out.append(callerIndent).append("(in ").append(site.top()).append(")\n");
            }
            for (Frame caller : callers(site)) {
                out.append(callerIndent).append("← ").append(caller).append('\n');
            }
        }
        if (sites.isEmpty()) {
            out.append(indent).append("(no allocation site recorded)\n");
        }
    }

    /**
     * The sites shown for a class: its first {@value #SITES}; told by kept samples, only those with survivors
     * allocated before the recording's last tenth (the young ones may be garbage not yet collected).
     */
    static List<Site> shown(ClassProfile c, boolean byKept) {
        return c.sites().stream().filter(site -> !byKept || site.settledSurvivors() > 0).limit(SITES).toList();
    }

    /**
     * Whether a class's sites are told by their kept survivors: a growing class whose survivors have stacks
     * (a recording made with {@code settings=default} has none: its sites are then by allocated bytes).
     */
    static boolean byKept(ClassProfile c) {
        return c.growing() && c.sites().stream().anyMatch(site -> site.settledSurvivors() > 0);
    }

    /** Up to {@value #CALLERS} application frames below the site's allocating line: who called it. */
    static List<Frame> callers(Site site) {
        int from = site.stack().indexOf(site.allocatingLine());
        if (from < 0) {
            return List.of();
        }
        return site.stack().subList(from + 1, site.stack().size()).stream().filter(Frame::isApplication)
                .limit(CALLERS).toList();
    }

    private static void survivors(StringBuilder out, Survivors s, Instant start, String indent) {
        out.append(indent).append(SuspectSentence.count(s.count())).append(" sampled survivors, allocated from ")
                .append(Human.clock(since(start, s.firstAllocation()))).append(" to ")
                .append(Human.clock(since(start, s.lastAllocation()))).append(" into the recording, the oldest ")
                .append(Human.duration(s.oldestAge())).append(" old\n");
        for (SurvivorPath path : s.paths().subList(0, Math.min(1, s.paths().size()))) {
            out.append(indent).append("path from a GC root (").append(SuspectSentence.count(path.count()))
                    .append(" of them): ").append(path.root() == null ? "" : path.root()).append('\n');
            HeapTextReport.path(out, path.chain(), indent + "  ");
        }
    }

    private static Duration since(Instant start, Instant time) {
        Duration d = Duration.between(start, time);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static void allocating(StringBuilder out, AllocationProfile p, int top) {
        List<ClassProfile> byBytes = p.classes().stream().filter(c -> c.allocatedBytes() > 0)
                .sorted((a, b) -> Long.compare(b.allocatedBytes(), a.allocatedBytes())).limit(top).toList();
        if (byBytes.isEmpty()) {
            out.append("No allocation recorded.\n");
            return;
        }
        out.append("Classes by allocated bytes (top ").append(byBytes.size()).append(" of ")
                .append(SuspectSentence.count(p.classes().size())).append(")\n");
        int n = 1;
        for (ClassProfile c : byBytes) {
            String number = String.format("%3d. ", n++);
            out.append(number).append(String.format("%-10s %6s  ", Human.bytes(c.allocatedBytes()),
                    Human.percent((double) c.allocatedBytes() / Math.max(1, p.allocatedBytes()))))
                    .append(c.className()).append(c.growing() ? "  (growing)" : "").append('\n');
            Site site = c.sites().isEmpty() ? null : c.sites().stream()
                    .max((a, b) -> Long.compare(a.allocatedBytes(), b.allocatedBytes())).orElseThrow();
            if (site != null) {
                out.append(" ".repeat(number.length() + 2)).append("mostly at ").append(site.allocatingLine())
                        .append(site.application() != null && !site.application().equals(site.top())
                                ? " (in " + site.top() + ")" : "").append('\n');
            }
        }
    }
}

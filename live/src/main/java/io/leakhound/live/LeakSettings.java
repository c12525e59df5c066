package io.leakhound.live;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The event settings of a recording for {@code leakhound analyze} and {@code leakhound alloc}: the target's
 * own "profile" configuration, with the overrides below, each there for a finding or a report. Settings for
 * events the target does not have (e.g. {@code jdk.ResidentSetSize} before JDK 21) are accepted and ignored
 * by the JVM, so one map serves every target. Pure: does no I/O.
 */
final class LeakSettings {

    /**
     * The events leakhound reads, in the order of its findings; those the target lacks are reported, not
     * fatal, as the verdict then simply has no finding for that resource.
     */
    static final List<String> EVENTS = List.of("jdk.GCHeapSummary", "jdk.GarbageCollection", "jdk.MetaspaceSummary",
            "jdk.ClassLoadingStatistics", "jdk.JavaThreadStatistics", "jdk.DirectBufferStatistics",
            "jdk.ResidentSetSize", "jdk.ContainerMemoryUsage", "jdk.ObjectAllocationSample", "jdk.OldObjectSample");

    /**
     * Period of the statistics events: the verdict wants many points over its 45 s minimum, and each of these
     * events reads a few counters, so once a second costs nothing measurable.
     */
    static final String STATISTICS_PERIOD = "1 s";

    /** The allocation sampling rate of the JDK's profile configuration, the least leakhound accepts. */
    static final double MIN_ALLOCATION_SAMPLES_PER_SECOND = 300;

    private static final Pattern RATE = Pattern.compile("\\s*(\\d+)\\s*/\\s*(ns|us|ms|s|m|h|d)\\s*");

    private LeakSettings() {
    }

    /** The profile's settings ({@code "event#setting" -> value}) with leakhound's overrides applied. */
    static Map<String, String> of(Map<String, String> profile) {
        Map<String, String> s = new LinkedHashMap<>(profile);

        // alloc: what survives, grouped by allocation stack; cutoff=infinity is jcmd's path-to-gc-roots=true,
        // without which the samples have no reference chain to a root. The root search runs once, when the
        // recording stops.
        s.put("jdk.OldObjectSample#enabled", "true");
        s.put("jdk.OldObjectSample#stackTrace", "true");
        s.put("jdk.OldObjectSample#cutoff", "infinity");

        // alloc: where memory is allocated, by stack; the profile's rate or more (a user's own rate stays)
        s.put("jdk.ObjectAllocationSample#enabled", "true");
        s.put("jdk.ObjectAllocationSample#stackTrace", "true");
        String throttle = profile.get("jdk.ObjectAllocationSample#throttle");
        if (throttle == null || samplesPerSecond(throttle) < MIN_ALLOCATION_SAMPLES_PER_SECOND) {
            s.put("jdk.ObjectAllocationSample#throttle", (int) MIN_ALLOCATION_SAMPLES_PER_SECOND + "/s");
        }

        // heap: the heap after each GC (and per generation where the collector reports it), the GC pauses for
        // the pressure figures, and the maximum heap that the growth is measured against
        for (String event : List.of("jdk.GCHeapSummary", "jdk.G1HeapSummary", "jdk.PSHeapSummary",
                "jdk.GarbageCollection", "jdk.GCHeapConfiguration", "jdk.GCConfiguration")) {
            s.put(event + "#enabled", "true");
        }
        // metaspace: after each GC, the size a class-loader leak grows
        s.put("jdk.MetaspaceSummary#enabled", "true");

        // classes, threads, direct buffers, rss, container memory: sampled by period; the profile samples
        // direct buffers every 5 s and container memory every 30 s, too few points for a 2-minute recording
        for (String event : List.of("jdk.ClassLoadingStatistics", "jdk.JavaThreadStatistics",
                "jdk.DirectBufferStatistics", "jdk.ResidentSetSize", "jdk.ContainerMemoryUsage")) {
            s.put(event + "#enabled", "true");
            s.put(event + "#period", STATISTICS_PERIOD);
        }
        // the container's memory limit, against which rss is judged
        s.put("jdk.ContainerConfiguration#enabled", "true");
        return s;
    }

    /**
     * A JFR throttle such as {@code 300/s} or {@code 20/ms} in events per second; 0 when it cannot be read
     * (so that leakhound's rate replaces it).
     */
    static double samplesPerSecond(String throttle) {
        Matcher m = RATE.matcher(throttle);
        if (!m.matches()) {
            return 0;
        }
        double n = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "ns" -> n * 1e9;
            case "us" -> n * 1e6;
            case "ms" -> n * 1e3;
            case "s" -> n;
            case "m" -> n / 60;
            case "h" -> n / 3600;
            default -> n / 86400;
        };
    }
}

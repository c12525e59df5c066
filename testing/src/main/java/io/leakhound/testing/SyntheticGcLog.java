package io.leakhound.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A GC log of a synthetic service as unified {@code -Xlog:gc} text, together with the same events as plain
 * values (for tests that build a series without parsing).
 *
 * <p>The model is the one that makes leak detection hard: young collections every few seconds leave the
 * live set plus all garbage promoted since the last cleaning collection, so a healthy service's heap after
 * young GCs rises (at {@code promotedGarbagePerSecond}) until a cleaning collection (G1 mixed, Parallel and
 * Serial full) drops it back to the live set; ZGC cycles leave the live set plus floating garbage. Sizes
 * are written in whole megabytes, as the JVM writes them. Deterministic for a seed. JDK only.
 */
public final class SyntheticGcLog {

    /** The collectors the generator imitates. */
    public enum Flavor { G1, PARALLEL, SERIAL, ZGC }

    /** One collection: kind is {@code YOUNG}, {@code MIXED}, {@code FULL} or {@code CONCURRENT_CYCLE}. */
    public record Event(long uptimeMillis, String kind, String name, long beforeBytes, long afterBytes,
                        long capacityBytes, long pauseMicros) {
    }

    private static final long MB = 1 << 20;

    private final Flavor flavor;
    private final List<Event> events;
    private final long maxHeapBytes;

    private SyntheticGcLog(Flavor flavor, List<Event> events, long maxHeapBytes) {
        this.flavor = flavor;
        this.events = List.copyOf(events);
        this.maxHeapBytes = maxHeapBytes;
    }

    public static Builder builder(Flavor flavor, LiveSet live) {
        return new Builder(flavor, live);
    }

    public Flavor flavor() {
        return flavor;
    }

    public List<Event> events() {
        return events;
    }

    public long maxHeapBytes() {
        return maxHeapBytes;
    }

    /** The log as {@code -Xlog:gc} writes it with the default decorations ({@code [uptime][level][tags]}). */
    public String text() {
        StringBuilder s = new StringBuilder();
        s.append("[0.005s][info][gc] Using ").append(switch (flavor) {
            case G1 -> "G1";
            case PARALLEL -> "Parallel";
            case SERIAL -> "Serial";
            case ZGC -> "The Z Garbage Collector";
        }).append('\n');
        long id = 0;
        for (Event e : events) {
            String time = String.format(Locale.ROOT, "[%.3fs][info][gc] GC(%d) ", e.uptimeMillis() / 1000.0, id++);
            long before = e.beforeBytes() / MB;
            long after = e.afterBytes() / MB;
            long cap = e.capacityBytes() / MB;
            if (flavor == Flavor.ZGC) {
                s.append(time).append(String.format(Locale.ROOT, "%s %dM(%d%%)->%dM(%d%%)%n", e.name(),
                        before, 100 * before / cap, after, 100 * after / cap));
            } else {
                s.append(time).append(String.format(Locale.ROOT, "%s %dM->%dM(%dM) %.3fms%n", e.name(),
                        before, after, cap, e.pauseMicros() / 1000.0));
            }
        }
        return s.toString();
    }

    /** Settings of the synthetic service; defaults give a G1 young collection every 2 s in a 256 MB heap. */
    public static final class Builder {
        private final Flavor flavor;
        private final LiveSet live;
        private double seconds = 150;
        private long intervalMillis = 2000;
        private long edenBytes = 60 * MB;
        private double promotedGarbagePerSecond = 200 * 1024;
        private long noiseBytes = 2 * MB;
        private long maxHeapBytes = 256 * MB;
        private double cleanAtFraction = 0.45;
        private long seed = 1;
        private double cleanEverySeconds = Double.POSITIVE_INFINITY;

        private Builder(Flavor flavor, LiveSet live) {
            this.flavor = flavor;
            this.live = live;
            if (flavor == Flavor.PARALLEL || flavor == Flavor.SERIAL) {
                cleanAtFraction = 0.66;
            }
        }

        public Builder seconds(double value) {
            seconds = value;
            return this;
        }

        public Builder intervalMillis(long value) {
            intervalMillis = value;
            return this;
        }

        /** Dead objects promoted per second, which only a cleaning collection removes (not used by ZGC). */
        public Builder promotedGarbagePerSecond(double value) {
            promotedGarbagePerSecond = value;
            return this;
        }

        /** Upper bound of the uniform noise on each heap-after figure (survivors, floating garbage). */
        public Builder noiseBytes(long value) {
            noiseBytes = value;
            return this;
        }

        public Builder maxHeapBytes(long value) {
            maxHeapBytes = value;
            return this;
        }

        /** Heap occupancy (fraction of the maximum) after a young collection that triggers a cleaning one. */
        public Builder cleanAtFraction(double value) {
            cleanAtFraction = value;
            return this;
        }

        /** Also runs a cleaning collection at least this often (a G1 marking cycle, a periodic full GC). */
        public Builder cleanEverySeconds(double value) {
            cleanEverySeconds = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public SyntheticGcLog build() {
            Random random = new Random(seed);
            List<Event> out = new ArrayList<>();
            double garbage = 0;
            long previousAfter = 0;
            long t = 0;
            long lastClean = 0;
            while (true) {
                t += (long) (intervalMillis * (0.9 + 0.2 * random.nextDouble()));
                if (t > seconds * 1000) {
                    break;
                }
                double liveNow = live.bytesAt(t / 1000.0);
                long noise = (long) (random.nextDouble() * noiseBytes);
                long before = Math.min(maxHeapBytes, previousAfter + edenBytes);
                if (flavor == Flavor.ZGC) {
                    long after = Math.min(maxHeapBytes, (long) liveNow + noise);
                    out.add(new Event(t, "CONCURRENT_CYCLE", "Garbage Collection (Proactive)",
                            Math.max(before, after), after, maxHeapBytes, 0));
                    previousAfter = after;
                    continue;
                }
                garbage += promotedGarbagePerSecond * intervalMillis / 1000.0;
                long after = Math.min(maxHeapBytes, (long) (liveNow + garbage) + noise);
                String young = flavor == Flavor.G1 ? "Pause Young (Normal) (G1 Evacuation Pause)"
                        : "Pause Young (Allocation Failure)";
                out.add(new Event(t, "YOUNG", young, Math.max(before, after), after, maxHeapBytes,
                        2000 + random.nextInt(8000)));
                previousAfter = after;
                if (after >= cleanAtFraction * maxHeapBytes || t - lastClean >= cleanEverySeconds * 1000) {
                    lastClean = t;
                    if (flavor == Flavor.G1) {
                        for (int k = 0; k < 2; k++) {
                            t += 300;
                            garbage = k == 0 ? garbage / 2 : 0;
                            long mixed = Math.min(maxHeapBytes, (long) (live.bytesAt(t / 1000.0) + garbage)
                                    + (long) (random.nextDouble() * noiseBytes));
                            out.add(new Event(t, "MIXED", "Pause Young (Mixed) (G1 Evacuation Pause)",
                                    previousAfter + edenBytes / 4, mixed, maxHeapBytes, 5000 + random.nextInt(5000)));
                            previousAfter = mixed;
                        }
                    } else {
                        t += 10;
                        garbage = 0;
                        long full = Math.min(maxHeapBytes, (long) live.bytesAt(t / 1000.0));
                        out.add(new Event(t, "FULL", "Pause Full (Ergonomics)", previousAfter, full, maxHeapBytes,
                                50_000 + random.nextInt(50_000)));
                        previousAfter = full;
                    }
                }
            }
            return new SyntheticGcLog(flavor, out, maxHeapBytes);
        }
    }
}

package io.leakhound.watch;

import com.sun.management.GarbageCollectorMXBean;
import com.sun.management.GcInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import io.leakhound.live.JvmConnection;
import io.leakhound.live.LiveJvmException;
import io.leakhound.series.Collector;
import io.leakhound.series.GcEvent;
import io.leakhound.series.GcKind;
import io.leakhound.series.MemoryChange;
import io.leakhound.series.Unit;
import io.leakhound.series.history.Target;
import io.leakhound.store.Sample;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

/**
 * Reads a running JVM's memory over JMX alone, for targets whose flight recorder cannot stream (Java 8 to 15) and on
 * demand ({@code watch --source jmx}): at every poll, the last collection of each collector
 * ({@code LastGcInfo}: the pools before and after it) when it is new, and once an {@code interval} has passed the
 * loaded classes, live threads, direct and mapped buffers (their platform MXBeans) and the resident set (/proc).
 *
 * <p>Polled, not subscribed to: a remote listener of the collectors' notifications makes the JVM's JMX server
 * keep the last thousand notifications for it, each with its pools' figures, a few megabytes that grow with every
 * collection until the buffer is full: the watched heap would grow because it is watched (measured: 3 MB in a
 * minute of a steady service, read as a leak). Polling misses the collections between two polls, which the
 * verdict does not need: it judges the minima of windows of the post-GC series.
 *
 * <p>What it cannot know that a recording knows: a G1 mixed collection is told from a young one by its old
 * generation shrinking (a young collection never shrinks it, but for humongous objects it frees); a collection
 * has no cause here and no JVM-wide id, so a resumed watch does not recognise one it has stored already.
 *
 * <p>Cost in the watched JVM: a handful of attribute reads per poll; nothing is recorded or kept in the JVM.
 */
public final class JmxProbe implements ProcessProbe {

    private final JvmConnection jvm;
    private final MBeanServerConnection mbeans;
    private final MemoryMXBean memory;
    private final ThreadMXBean threads;
    private final ClassLoadingMXBean classes;
    private final List<BufferPoolMXBean> buffers;
    private final Instant start;
    private final String command;
    private final long maxHeapBytes;
    private final long directLimit;
    private final Duration interval;
    private final Pools pools;
    private final List<GarbageCollectorMXBean> collectors;
    /** The id of the last collection handed over, per collector (ids count per collector). */
    private final Map<String, Long> lastIds = new HashMap<>();
    /** Whether the collections that ran before the watch have been passed over. */
    private boolean primed;
    private Instant nextSample = Instant.MIN;

    /** The heap pools, the old generation's, and metaspace, by name as the collectors' GcInfo gives them. */
    record Pools(Set<String> heap, Set<String> old, String metaspace) {
    }

    private JmxProbe(JvmConnection jvm, Duration interval, Pools pools) throws LiveJvmException {
        this.jvm = jvm;
        this.mbeans = jvm.mbeans();
        this.interval = interval;
        this.pools = pools;
        RuntimeMXBean runtime = jvm.platformMXBean(RuntimeMXBean.class);
        this.memory = jvm.platformMXBean(MemoryMXBean.class);
        this.threads = jvm.platformMXBean(ThreadMXBean.class);
        this.classes = jvm.platformMXBean(ClassLoadingMXBean.class);
        this.buffers = platformMXBeans(jvm, BufferPoolMXBean.class, "buffer pools");
        this.collectors = platformMXBeans(jvm, GarbageCollectorMXBean.class, "garbage collectors");
        try {
            this.start = Instant.ofEpochMilli(runtime.getStartTime());
            this.command = JvmProbe.mainCommand(runtime);
            this.maxHeapBytes = memory.getHeapMemoryUsage().getMax();
        } catch (RuntimeException e) {
            throw new LiveJvmException(jvm.pid(), "cannot be read over JMX: " + e, e);
        }
        this.directLimit = directLimit(jvm, maxHeapBytes);
    }

    /**
     * Subscribes to the collections of the JVM behind {@code jvm}; the connection stays the caller's (closed by the
     * caller after this probe).
     *
     * @param interval the period of the sampled resources (classes, threads, buffers, RSS)
     * @throws LiveJvmException when the JVM's collectors or pools cannot be read over the connection
     */
    public static JmxProbe open(JvmConnection jvm, Duration interval) throws LiveJvmException {
        JmxProbe probe = new JmxProbe(jvm, interval, pools(jvm));
        if (probe.collectors.isEmpty()) {
            throw new LiveJvmException(jvm.pid(), "has no garbage collector MXBean to read");
        }
        // what ran before the watch is history: only collections from now on are handed over
        probe.newCollections();
        probe.primed = true;
        return probe;
    }

    private static Pools pools(JvmConnection jvm) throws LiveJvmException {
        Set<String> heap = new HashSet<>();
        Set<String> old = new HashSet<>();
        String metaspace = null;
        try {
            MBeanServerConnection mbeans = jvm.mbeans();
            for (ObjectName pool : mbeans.queryNames(new ObjectName(
                    ManagementFactory.MEMORY_POOL_MXBEAN_DOMAIN_TYPE + ",*"), null)) {
                String name = pool.getKeyProperty("name");
                if ("HEAP".equals(String.valueOf(mbeans.getAttribute(pool, "Type")))) {
                    heap.add(name);
                    if (isOldGeneration(name)) {
                        old.add(name);
                    }
                } else if ("Metaspace".equals(name)) {
                    metaspace = name;
                }
            }
        } catch (IOException | JMException | RuntimeException e) {
            throw new LiveJvmException(jvm.pid(), "cannot list its memory pools over JMX: " + e.getMessage(), e);
        }
        return new Pools(Set.copyOf(heap), Set.copyOf(old), metaspace);
    }

    /** G1 Old Gen, PS Old Gen, Tenured Gen, CMS Old Gen, ZGC Old Generation: the pools a young collection only adds to. */
    static boolean isOldGeneration(String pool) {
        return pool.contains("Old") || pool.contains("Tenured");
    }

    private static <T extends java.lang.management.PlatformManagedObject> List<T> platformMXBeans(JvmConnection jvm,
            Class<T> type, String what) throws LiveJvmException {
        try {
            return ManagementFactory.getPlatformMXBeans(jvm.mbeans(), type);
        } catch (IOException | RuntimeException e) {
            throw new LiveJvmException(jvm.pid(), "cannot read its " + what + " over JMX: " + e.getMessage(), e);
        }
    }

    /** -XX:MaxDirectMemorySize, whose default (0) is the maximum heap, as the JDK's own Bits reads it. */
    private static long directLimit(JvmConnection jvm, long maxHeap) {
        try {
            String value = jvm.platformMXBean(HotSpotDiagnosticMXBean.class).getVMOption("MaxDirectMemorySize")
                    .getValue();
            long limit = Long.parseLong(value);
            return limit > 0 ? limit : maxHeap;
        } catch (LiveJvmException | RuntimeException e) {
            return -1;
        }
    }

    /** The last collection of each collector that was not handed over yet. */
    private List<GcEvent> newCollections() {
        List<GcEvent> events = new ArrayList<>();
        for (GarbageCollectorMXBean collector : collectors) {
            String name = collector.getName();
            GcInfo info = collector.getLastGcInfo();
            if (info == null) {
                continue;
            }
            Long last = lastIds.put(name, info.getId());
            if (last != null && last == info.getId()) {
                continue;
            }
            GcEvent event = toEvent(name, info, start, pools);
            if (event != null && primed) {
                events.add(event);
            }
        }
        events.sort(java.util.Comparator.comparing(GcEvent::uptime));
        return events;
    }

    /** The collection a collector MXBean reports, or null for one that reports pauses only. */
    static GcEvent toEvent(String name, GcInfo gc, Instant jvmStart, Pools pools) {
        // ZGC and Shenandoah report their cycles and their pauses on two MXBeans; the cycles carry the memory
        if (name.endsWith("Pauses")) {
            return null;
        }
        Map<String, MemoryUsage> before = gc.getMemoryUsageBeforeGc();
        Map<String, MemoryUsage> after = gc.getMemoryUsageAfterGc();
        MemoryChange heap = change(before, after, pools.heap());
        MemoryChange old = pools.old().isEmpty() ? MemoryChange.UNKNOWN : change(before, after, pools.old());
        MemoryChange metaspace = pools.metaspace() == null ? MemoryChange.UNKNOWN
                : change(before, after, Set.of(pools.metaspace()));
        Collector collector = collectorOf(name);
        GcKind kind = kindOf(name, old);
        Duration duration = Duration.ofMillis(gc.getDuration());
        // a concurrent cycle's duration is its wall time, not a pause
        Duration pause = name.endsWith("Cycles") ? Duration.ZERO : duration;
        Duration uptime = Duration.ofMillis(gc.getStartTime());
        return new GcEvent(uptime, jvmStart.plus(uptime), -1, collector, kind, name, null, heap, old, metaspace,
                pause, duration);
    }

    private static MemoryChange change(Map<String, MemoryUsage> before, Map<String, MemoryUsage> after,
            Set<String> names) {
        long b = 0;
        long a = 0;
        long committed = 0;
        boolean any = false;
        for (String pool : names) {
            MemoryUsage ub = before.get(pool);
            MemoryUsage ua = after.get(pool);
            if (ub != null && ua != null) {
                b += ub.getUsed();
                a += ua.getUsed();
                committed += ua.getCommitted();
                any = true;
            }
        }
        return any ? MemoryChange.of(b, a, committed) : MemoryChange.UNKNOWN;
    }

    /** The collector behind a collector MXBean's name. */
    static Collector collectorOf(String gcName) {
        if (gcName.startsWith("G1 ")) {
            return Collector.G1;
        }
        if (gcName.startsWith("PS ")) {
            return Collector.PARALLEL;
        }
        if (gcName.startsWith("ZGC Minor") || gcName.startsWith("ZGC Major")) {
            return Collector.GENERATIONAL_ZGC;
        }
        if (gcName.startsWith("ZGC")) {
            return Collector.ZGC;
        }
        if (gcName.startsWith("Shenandoah")) {
            return Collector.SHENANDOAH;
        }
        return switch (gcName) {
            case "Copy", "MarkSweepCompact" -> Collector.SERIAL;
            case "ParNew", "ConcurrentMarkSweep" -> Collector.CMS;
            default -> Collector.UNKNOWN;
        };
    }

    /**
     * What a collection cleaned, as the verdict engine reads the kinds (the same reading as a recording's, in
     * {@code JfrMemoryReader.kindOf}): G1's young MXBean also reports its mixed collections, told apart by the
     * old generation they shrink.
     */
    static GcKind kindOf(String gcName, MemoryChange old) {
        switch (gcName) {
            case "G1 Young Generation":
                return old.hasBefore() && old.hasAfter() && old.afterBytes() < old.beforeBytes() ? GcKind.MIXED : GcKind.YOUNG;
            case "PS Scavenge", "Copy", "ParNew", "ZGC Minor Cycles":
                return GcKind.YOUNG;
            case "G1 Old Generation", "PS MarkSweep", "MarkSweepCompact":
                return GcKind.FULL;
            default:
                // a G1 concurrent cycle, CMS, and every ZGC and Shenandoah cycle: marking of the whole heap
                return GcKind.CONCURRENT_CYCLE;
        }
    }

    @Override
    public Target.Kind kind() {
        return Target.JVM;
    }

    @Override
    public long pid() {
        return jvm.pid();
    }

    @Override
    public Instant processStart() {
        return start;
    }

    @Override
    public String command() {
        return command;
    }

    @Override
    public long maxHeapBytes() {
        return maxHeapBytes;
    }

    @Override
    public Readings poll() throws IOException {
        List<GcEvent> events = List.of();
        List<Sample> samples = new ArrayList<>();
        Instant now = Instant.now();
        try {
            events = newCollections();
        } catch (RuntimeException e) {
            if (alive()) {
                throw new LiveJvmException(jvm.pid(), "cannot be read over JMX any more: " + e, e);
            }
        }
        if (!now.isBefore(nextSample)) {
            nextSample = now.plus(interval);
            try {
                samples.add(new Sample("classes", Unit.COUNT, now, classes.getLoadedClassCount(), -1));
                samples.add(new Sample("threads", Unit.COUNT, now, threads.getThreadCount(), -1));
                for (BufferPoolMXBean pool : buffers) {
                    String resource = pool.getName().toLowerCase(Locale.ROOT);
                    if (resource.equals("direct") || resource.equals("mapped")) {
                        samples.add(new Sample(resource, Unit.BYTES, now, pool.getMemoryUsed(),
                                resource.equals("direct") ? directLimit : -1));
                    }
                }
            } catch (RuntimeException e) {
                if (alive()) {
                    throw new LiveJvmException(jvm.pid(), "cannot be read over JMX any more: " + e, e);
                }
            }
            ProcProbe.rss(jvm.pid(), now).ifPresent(samples::add);
        }
        return new Readings(events, samples);
    }

    @Override
    public long heapUsed() {
        try {
            return memory.getHeapMemoryUsage().getUsed();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    @Override
    public boolean alive() {
        return jvm.isAlive();
    }

    /** Nothing runs in the JVM to stop; the connection stays the caller's. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "JmxProbe[pid %d]", jvm.pid());
    }
}

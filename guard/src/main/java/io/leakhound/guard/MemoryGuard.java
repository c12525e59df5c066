package io.leakhound.guard;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches this JVM's heap after each collection against the effective limit and says how much pressure
 * there is, so a service can shed load and shrink caches before an {@code OutOfMemoryError} or an OOM kill.
 *
 * <pre>{@code
 * MemoryGuard guard = MemoryGuard.builder().thresholds(0.70, 0.85, 0.95).start();
 * guard.onChange((from, to) -> cache.policy().eviction().ifPresent(e -> e.setMaximum(e.getMaximum() / 2)));
 * if (!guard.admit(Priority.NORMAL)) return 503;
 * }</pre>
 *
 * <p>Readings come from the JVM's own GC notifications: heap in use <em>after</em> a collection, the part
 * that is really live; raw usage before a collection is mostly garbage and would raise false alarms. The
 * limit is the smaller of the maximum heap and, in a container, the cgroup memory limit less what the JVM
 * uses outside the heap (metaspace, code cache, direct and mapped buffers, thread stacks): a heap below
 * {@code -Xmx} can still get the process OOM-killed. Levels are confirmed and fall with hysteresis
 * ({@link PressureTracker}). Nothing here throws into the host: a failing listener is logged once.
 */
public final class MemoryGuard implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MemoryGuard.class.getName());
    private static final long DEFAULT_STACK_BYTES = 1 << 20;

    private final PressureTracker tracker;
    private final Path cgroupRoot;
    private final Path procCgroup;
    private final ExecutorService worker;
    private final List<PressureListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<PressureListener> reportedFailures = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<Registration> registrations = new ArrayList<>();
    private final Set<String> heapPools;
    private volatile PressureLevel level = PressureLevel.NONE;
    private volatile double usedFraction = Double.NaN;
    private volatile long limitBytes;

    private record Registration(NotificationEmitter emitter, NotificationListener listener) {
    }

    private MemoryGuard(double[] thresholds, Path cgroupRoot, Path procCgroup) {
        this.tracker = new PressureTracker(thresholds);
        this.cgroupRoot = cgroupRoot;
        this.procCgroup = procCgroup;
        this.heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toUnmodifiableSet());
        // one daemon thread, a bounded queue: readings arriving faster than they are handled are dropped,
        // the next collection brings a fresher one
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(64), r -> {
            Thread thread = new Thread(r, "leakhound-guard");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.DiscardPolicy());
        this.limitBytes = effectiveLimit();
    }

    /** A guard with the default thresholds (0.70, 0.85, 0.95), listening from now on. */
    public static MemoryGuard start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The level now: {@link PressureLevel#NONE} until a collection has confirmed more. */
    public PressureLevel level() {
        return level;
    }

    /** The last post-GC reading as a fraction of {@link #limitBytes()}; NaN before the first collection. */
    public double usedFraction() {
        return usedFraction;
    }

    /** The effective limit: the max heap, or less in a container whose limit leaves less room for the heap. */
    public long limitBytes() {
        return limitBytes;
    }

    /** A copy: {warning, escalate, critical}. */
    public double[] thresholds() {
        return tracker.thresholds();
    }

    /** Adds a listener told of every change of level, on the guard's thread. */
    public void onChange(PressureListener listener) {
        if (listener != null) {
            listeners.add(listener);
        }
    }

    /**
     * Whether work of {@code priority} may start now: {@code WARNING} refuses {@code LOW}; {@code ESCALATE}
     * refuses {@code LOW} and {@code NORMAL}; {@code CRITICAL} admits only {@code CRITICAL}.
     */
    public boolean admit(Priority priority) {
        return level.admits(priority == null ? Priority.NORMAL : priority);
    }

    /** Stops listening to the collectors and ends the guard's thread. */
    @Override
    public void close() {
        synchronized (registrations) {
            for (Registration r : registrations) {
                try {
                    r.emitter().removeNotificationListener(r.listener());
                } catch (Exception e) {
                    // already removed
                }
            }
            registrations.clear();
        }
        worker.shutdownNow();
    }

    private MemoryGuard listen() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                NotificationListener listener = this::onNotification;
                emitter.addNotificationListener(listener, null, null);
                registrations.add(new Registration(emitter, listener));
            }
        }
        return this;
    }

    /** On the JVM's notification thread: take the figure and leave. */
    private void onNotification(Notification notification, Object handback) {
        try {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long used = 0;
            for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (heapPools.contains(pool.getKey())) {
                    used += pool.getValue().getUsed();
                }
            }
            long usedAfterGc = used;
            long now = System.currentTimeMillis();
            worker.execute(() -> take(now, usedAfterGc));
        } catch (RejectedExecutionException e) {
            // closed
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "leakhound guard: unreadable GC notification", e);
        }
    }

    /** On the guard's thread: one reading. Package-private so tests can feed readings. */
    void take(long timeMillis, long usedAfterGcBytes) {
        try {
            long limit = effectiveLimit();
            limitBytes = limit;
            double fraction = limit > 0 ? (double) usedAfterGcBytes / limit : Double.NaN;
            usedFraction = fraction;
            PressureLevel before = level;
            PressureLevel after = Double.isNaN(fraction) ? before : tracker.accept(timeMillis, fraction);
            level = after;
            if (after != before) {
                for (PressureListener listener : listeners) {
                    tell(listener, before, after);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "leakhound guard: reading failed", e);
        }
    }

    private void tell(PressureListener listener, PressureLevel from, PressureLevel to) {
        try {
            listener.changed(from, to);
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError fatal && !(e instanceof OutOfMemoryError)) {
                throw fatal;
            }
            // logged once per listener: a listener failing at every change must not flood the log
            if (reportedFailures.add(listener)) {
                LOG.log(System.Logger.Level.WARNING, "leakhound guard: a pressure listener failed on " + from
                        + " -> " + to + "; the guard goes on (reported once)", e);
            }
        }
    }

    /** min(max heap, container limit - non-heap use); the max heap alone outside a container. */
    long effectiveLimit() {
        long maxHeap = Runtime.getRuntime().maxMemory();
        long container = CgroupMemoryLimit.read(cgroupRoot, procCgroup);
        if (container <= 0) {
            return maxHeap;
        }
        long room = container - nonHeapBytes();
        return Math.max(1, Math.min(maxHeap, room));
    }

    private static long nonHeapBytes() {
        long nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed();
        long buffers = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            buffers += Math.max(0, pool.getMemoryUsed());
        }
        long stacks = (long) ManagementFactory.getThreadMXBean().getThreadCount() * stackBytes();
        return nonHeap + buffers + stacks;
    }

    /** The JVM's thread stack size ({@code -Xss} sets it), else HotSpot's 1 MiB default on 64-bit. */
    private static long stackBytes() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            long kib = Long.parseLong(hotspot.getVMOption("ThreadStackSize").getValue());
            return kib > 0 ? kib * 1024 : DEFAULT_STACK_BYTES;
        } catch (RuntimeException e) {
            return DEFAULT_STACK_BYTES; // not HotSpot, or no such option
        }
    }

    /** Thresholds and, for tests, where the cgroup file system is. */
    public static final class Builder {
        private double[] thresholds = {0.70, 0.85, 0.95};
        private Path cgroupRoot = Path.of("/sys/fs/cgroup");
        private Path procCgroup = Path.of("/proc/self/cgroup");

        private Builder() {
        }

        /**
         * The three levels' thresholds as fractions of the limit, strictly rising within (0, 1].
         *
         * @throws IllegalArgumentException when they are not
         */
        public Builder thresholds(double warning, double escalate, double critical) {
            this.thresholds = PressureTracker.validated(new double[] {warning, escalate, critical});
            return this;
        }

        /** Where the cgroup file system is mounted (default {@code /sys/fs/cgroup}); tests point at a fake one. */
        public Builder cgroupRoot(Path root) {
            this.cgroupRoot = java.util.Objects.requireNonNull(root, "root");
            return this;
        }

        /** A guard listening from now on; close it to stop. */
        public MemoryGuard start() {
            return new MemoryGuard(thresholds, cgroupRoot, procCgroup).listen();
        }

        /** Which groups the process is in (default {@code /proc/self/cgroup}); tests give a fake one. */
        Builder procCgroup(Path file) {
            this.procCgroup = java.util.Objects.requireNonNull(file, "file");
            return this;
        }

        /** A guard that does not listen: readings come from {@link MemoryGuard#take}; for tests. */
        MemoryGuard detached() {
            return new MemoryGuard(thresholds, cgroupRoot, procCgroup);
        }
    }
}

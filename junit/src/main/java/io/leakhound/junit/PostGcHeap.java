package io.leakhound.junit;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The used heap after a full GC that is known to have happened: the measurement every check decides on.
 *
 * <p>{@code System.gc()} is a request, so each collection is verified: a sentinel object that survived the
 * previous collection (and so sits in the old generation after a full GC) must have been cleared from its
 * {@link WeakReference}, and the used heap must agree within {@code stableWithin} bytes across two
 * consecutive verified collections (a collection that only cleared the young generation, or one that ran while
 * another thread allocated, does not). Failing that, it retries with back-off until the timeout, then throws
 * an {@link AssertionError} saying why rather than returning a guess.
 *
 * <p>When {@code System.gc()} clears nothing (the JVM runs with {@code -XX:+DisableExplicitGC}), it asks for
 * the collection through the {@code GC.run} diagnostic command, which that flag does not disable. With
 * {@code -XX:+ExplicitGCInvokesConcurrent} both start a concurrent cycle and return when it ends; the sentinel
 * and the stability test still apply, so the measurement holds or the check fails saying so.
 *
 * <p>Cost: two or more full GCs per measurement, each proportional to the live heap (about 10 ms for a
 * test JVM's 20 MB).
 */
final class PostGcHeap {

    private static final int SENTINEL_POLLS = 6;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Duration timeout;
    private final long stableWithin;
    /** The object the next collection must clear; held strongly until then so that it is old by then. */
    private Object sentinel = new Object();
    private boolean useDiagnosticCommand;

    PostGcHeap(Duration timeout, long stableWithin) {
        this.timeout = timeout;
        this.stableWithin = stableWithin;
    }

    /** The used heap in bytes after two consecutive verified full GCs that agree. */
    long settle() {
        long deadline = System.nanoTime() + timeout.toNanos();
        long previous = -1;
        int verified = 0;
        int attempts = 0;
        long backOffMillis = 1;
        List<Long> seen = new ArrayList<>();
        while (true) {
            attempts++;
            if (collect()) {
                verified++;
                long used = memory.getHeapMemoryUsage().getUsed();
                seen.add(used);
                if (previous >= 0 && Math.abs(used - previous) <= stableWithin) {
                    return used;
                }
                previous = used;
            } else {
                previous = -1;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(failure(attempts, verified, seen));
            }
            if (attempts >= 2) {
                // something else is allocating or collecting: give it a moment rather than measuring its churn
                sleep(backOffMillis);
                backOffMillis = Math.min(backOffMillis * 2, 200);
            }
        }
    }

    /**
     * Collects until {@code done} holds, with back-off, and gives up after four verified full GCs (an object a
     * verified full GC did not clear four times is strongly reachable) or at the timeout.
     *
     * @return whether {@code done} held in time
     */
    boolean collectUntil(BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long backOffMillis = 1;
        int verified = 0;
        while (true) {
            if (collect()) {
                verified++;
            }
            if (done.getAsBoolean()) {
                return true;
            }
            if (verified >= 4 || System.nanoTime() - deadline > 0) {
                return false;
            }
            // a reference queue or a cleaner may still have to run before the object is let go
            sleep(backOffMillis);
            backOffMillis = Math.min(backOffMillis * 2, 200);
        }
    }

    /** Whether one full collection cleared the sentinel that survived the previous one. */
    private boolean collect() {
        WeakReference<Object> old = new WeakReference<>(sentinel);
        sentinel = new Object();
        if (!useDiagnosticCommand) {
            System.gc();
            if (cleared(old)) {
                return true;
            }
        }
        if (gcRun()) {
            boolean cleared = cleared(old);
            useDiagnosticCommand |= cleared;
            return cleared;
        }
        return false;
    }

    /** Waits a little for a concurrent cycle to clear the reference: 1, 2, 4... ms. */
    private static boolean cleared(WeakReference<Object> reference) {
        for (int i = 0; i < SENTINEL_POLLS; i++) {
            if (reference.refersTo(null)) {
                return true;
            }
            sleep(1L << i);
        }
        return reference.refersTo(null);
    }

    /** Runs the {@code GC.run} diagnostic command (as {@code jcmd PID GC.run} would); false when it is absent. */
    private static boolean gcRun() {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcRun", new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return true;
        } catch (JMException | RuntimeException e) {
            return false;
        }
    }

    private String failure(int attempts, int verified, List<Long> seen) {
        StringBuilder out = new StringBuilder("leakhound could not measure the heap: ");
        if (verified == 0) {
            out.append("no full GC could be verified in ").append(attempts)
                    .append(" attempts (System.gc() and the GC.run diagnostic command left a weakly reachable sentinel uncollected)");
        } else {
            out.append("the used heap after full GCs did not settle within ").append(stableWithin)
                    .append(" bytes in ").append(attempts).append(" attempts (").append(seen.subList(Math.max(0, seen.size() - 6), seen.size()))
                    .append(" bytes): another thread allocates while the check runs");
        }
        out.append(" within ").append(timeout.toMillis()).append(" ms");
        String flags = gcFlags();
        if (!flags.isEmpty()) {
            out.append("; the JVM runs with ").append(flags);
        }
        return out.append(". Run memory checks in a JVM without -XX:+DisableExplicitGC and without parallel tests.").toString();
    }

    /** The JVM flags that change what System.gc() does, as set, for the failure message. */
    private static String gcFlags() {
        List<String> set = new ArrayList<>();
        try {
            HotSpotDiagnosticMXBean diagnostic = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            for (String flag : List.of("DisableExplicitGC", "ExplicitGCInvokesConcurrent")) {
                if ("true".equals(diagnostic.getVMOption(flag).getValue())) {
                    set.add("-XX:+" + flag);
                }
            }
        } catch (RuntimeException e) {
            // not HotSpot: nothing to add
        }
        return String.join(" ", set);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a garbage collection", e);
        }
    }
}

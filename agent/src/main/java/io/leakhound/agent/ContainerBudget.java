package io.leakhound.agent;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.leakhound.series.Human;
import io.leakhound.guard.CgroupMemoryLimit;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.lang.management.MemoryPoolMXBean;

/**
 * The check at start: whether the JVM's memory maxima fit in its container's memory limit, i.e. max heap + max
 * metaspace + max direct memory + threads x stack size against the cgroup's limit. A JVM configured beyond its
 * container is OOM-killed by the kernel, without a Java {@code OutOfMemoryError} and without a heap dump, once
 * its memory grows into the excess: the agent says so at start, with the numbers.
 *
 * @param maxHeap      the maximum heap (-Xmx)
 * @param maxMetaspace MaxMetaspaceSize, or -1 when unbounded (the default): then the metaspace committed now counts
 * @param metaspaceNow the metaspace committed now
 * @param maxDirect    MaxDirectMemorySize (its default is the maximum heap)
 * @param threads      the live threads now
 * @param stackBytes   the stack size of a thread (-Xss)
 * @param limit        the cgroup's memory limit, or -1 when there is none
 */
record ContainerBudget(long maxHeap, long maxMetaspace, long metaspaceNow, long maxDirect, int threads,
                       long stackBytes, long limit) {

    /** What the maxima add up to. */
    long total() {
        long metaspace = maxMetaspace >= 0 ? maxMetaspace : metaspaceNow;
        return Math.max(0, maxHeap) + Math.max(0, metaspace) + Math.max(0, maxDirect)
                + (long) threads * Math.max(0, stackBytes);
    }

    /** Whether a limit is known and the maxima exceed it. */
    boolean exceeds() {
        return limit > 0 && total() > limit;
    }

    /** The sum in words: {@code max heap 512 MB + max metaspace unbounded (now 20 MB) + ... = 1.1 GB}. */
    String describe() {
        return "max heap " + Human.bytes(maxHeap) + " + max metaspace "
                + (maxMetaspace >= 0 ? Human.bytes(maxMetaspace) : "unbounded (" + Human.bytes(metaspaceNow) + " now)")
                + " + max direct memory " + Human.bytes(maxDirect) + " + " + threads + " threads x "
                + Human.bytes(stackBytes) + " stack = " + Human.bytes(total())
                + (limit > 0 ? ", container limit " + Human.bytes(limit) : ", no container limit");
    }

    /** The figures of this JVM and its cgroup now. */
    static ContainerBudget ofThisJvm() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        long maxHeap = JvmMemory.maxHeap();
        long maxMetaspace = option(hotspot, "MaxMetaspaceSize", 1);
        // the default MaxMetaspaceSize is "unlimited": the largest size_t
        if (maxMetaspace <= 0 || maxMetaspace >= Long.MAX_VALUE / 2) {
            maxMetaspace = -1;
        }
        long metaspaceNow = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) {
                metaspaceNow = pool.getUsage().getCommitted();
            }
        }
        long maxDirect = option(hotspot, "MaxDirectMemorySize", 1);
        if (maxDirect <= 0) {
            maxDirect = Runtime.getRuntime().maxMemory(); // 0 means "as much as the heap"
        }
        long stack = option(hotspot, "ThreadStackSize", 1024); // in KB
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        return new ContainerBudget(maxHeap, maxMetaspace, metaspaceNow, maxDirect, threads, stack,
                CgroupMemoryLimit.of(Path.of("/proc/self")));
    }

    /** A numeric VM option times {@code scale}, or -1 when it cannot be read. */
    private static long option(HotSpotDiagnosticMXBean hotspot, String name, long scale) {
        try {
            String v = hotspot.getVMOption(name).getValue();
            long n = Long.parseUnsignedLong(v);
            return n < 0 ? Long.MAX_VALUE : n * scale;
        } catch (RuntimeException e) {
            return -1;
        }
    }
}

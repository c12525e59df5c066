package io.leakhound.agent;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/** This JVM's heap figures from its memory pools; each call asks the MXBeans now (a few microseconds). */
final class JvmMemory {

    private JvmMemory() {
    }

    /** The maximum heap, or -1 when unbounded. */
    static long maxHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    }

    /** The heap pools' usage after their last collection, summed; -1 before any collection. */
    static long heapAfterLastGc() {
        long sum = 0;
        boolean any = false;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP || !pool.isValid()) {
                continue;
            }
            MemoryUsage after = pool.getCollectionUsage();
            if (after != null) {
                sum += after.getUsed();
                any = true;
            }
        }
        return any ? sum : -1;
    }
}

package io.leakhound.heap;

import io.leakhound.hprof.HeapDumpRecord;

/**
 * Why the JVM keeps an object alive, in the order leakhound prefers when several roots reach an object
 * at the same distance: a static field (held through a sticky class) says most about a leak, a local
 * variable least, since it dies with its frame.
 */
public enum GcRootKind {
    STICKY_CLASS("system class"),
    THREAD_OBJECT("thread"),
    JNI_GLOBAL("JNI global"),
    MONITOR_USED("monitor"),
    THREAD_BLOCK("thread block"),
    NATIVE_STACK("native stack"),
    UNKNOWN("unknown root"),
    JNI_LOCAL("JNI local"),
    JAVA_FRAME("local variable");

    private final String description;

    GcRootKind(String description) {
        this.description = description;
    }

    /**
     * Whether the root outlives what its thread is doing at the moment of the dump: classes, threads, JNI
     * globals and roots of unknown kind do; local variables, native stacks, JNI locals, blocked threads and
     * held monitors are gone with the current call. A structure a durable root holds is a holder to fix;
     * one only a call holds is work in progress.
     */
    public boolean durable() {
        return this == STICKY_CLASS || this == THREAD_OBJECT || this == JNI_GLOBAL || this == UNKNOWN;
    }

    /** A few words for people: "local variable", "JNI global". */
    public String description() {
        return description;
    }

    static GcRootKind of(HeapDumpRecord.GcRoot root) {
        // Java 17 has no pattern matching for switch; the chain follows the sealed interface's permits.
        if (root instanceof HeapDumpRecord.RootStickyClass) {
            return STICKY_CLASS;
        } else if (root instanceof HeapDumpRecord.RootThreadObject) {
            return THREAD_OBJECT;
        } else if (root instanceof HeapDumpRecord.RootJniGlobal) {
            return JNI_GLOBAL;
        } else if (root instanceof HeapDumpRecord.RootMonitorUsed) {
            return MONITOR_USED;
        } else if (root instanceof HeapDumpRecord.RootThreadBlock) {
            return THREAD_BLOCK;
        } else if (root instanceof HeapDumpRecord.RootNativeStack) {
            return NATIVE_STACK;
        } else if (root instanceof HeapDumpRecord.RootJniLocal) {
            return JNI_LOCAL;
        } else if (root instanceof HeapDumpRecord.RootJavaFrame) {
            return JAVA_FRAME;
        }
        return UNKNOWN;
    }
}

package io.leakhound.watch;

import io.leakhound.series.history.Target;
import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;

/**
 * Where a watch's readings come from: a JVM's flight recording stream ({@link JvmProbe}) or /proc for any
 * process ({@link ProcProbe}). A probe starts reading when it is created and stops at {@link #close()}.
 */
public interface ProcessProbe extends Closeable {

    /** {@link io.leakhound.series.history.Target#JVM} or {@link io.leakhound.series.history.Target#PROCESS}. */
    Target.Kind kind();

    long pid();

    /** When the process started: series times count from here. */
    Instant processStart();

    /** The command line or main class, for reports (may be empty). */
    String command();

    /** The maximum heap of a JVM, or -1. */
    long maxHeapBytes();

    /**
     * The readings since the last call; returns at once (a probe that reads on its own thread hands over what it
     * has, one that reads on demand reads now).
     *
     * @throws IOException when the process can no longer be read for a reason other than its exit
     */
    Readings poll() throws IOException;

    /**
     * The last readings, at the end of a watch: what {@link #poll()} would hand over, and what it would still
     * wait for (a collection whose events are not all in yet).
     */
    default Readings finish() throws IOException {
        return poll();
    }

    /** The heap in use now (for a capture's free-disk check), or -1 when unknown or not a JVM. */
    default long heapUsed() {
        return -1;
    }

    /** Whether the process is still running. */
    boolean alive();
}

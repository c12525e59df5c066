package io.leakhound.live;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A heap dump of a running JVM's live objects, written by the JVM itself to a file on this machine. Through
 * {@code HotSpotDiagnosticMXBean.dumpHeap(file, live)}, which is what {@code jcmd PID GC.heap_dump} runs: the
 * DiagnosticCommand MBean does not export {@code GC.heap_dump} (JDK 17 and 25 list no {@code gcHeapDump}
 * operation), so it cannot be called over JMX.
 *
 * <p>Cost: a full collection in the target (the "live" in live objects) and a pause while it writes about the
 * size of its live heap; the dump holds every string and byte of the process, so it is made readable by its
 * owner only (mode 0600).
 */
public final class LiveHeapDump {

    private LiveHeapDump() {
    }

    /**
     * Dumps the live objects of the JVM behind {@code jvm} to {@code file}, which must not exist yet.
     *
     * @throws IOException when the JVM refuses (a file that exists, a folder it cannot write) or wrote no dump;
     *                     a connection lost on the way comes as the unchecked exception of any MXBean proxy
     */
    public static void write(JvmConnection jvm, Path file) throws IOException {
        jvm.platformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), true);
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            throw new IOException("the target wrote no heap dump to " + file);
        }
        ownerOnly(file);
    }

    // the JVM writes the dump with its umask (often world-readable): secrets in the heap must not be
    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): its folder's access rules apply
        }
    }
}

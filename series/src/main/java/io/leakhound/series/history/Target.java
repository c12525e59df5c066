package io.leakhound.series.history;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One watched process, as the store knows it: a series of samples that a restarted watch resumes. A process is
 * identified by its pid and the time it started, so a pid reused by a later process starts a new target.
 *
 * @param id           the store's key
 * @param kind         {@link #JVM} or {@link #PROCESS}
 * @param pid          the process id
 * @param processStart when the process started (series times count from here)
 * @param command      the process's command line, or its main class, as far as known (may be empty)
 * @param maxHeapBytes a JVM's maximum heap, or -1 when unknown or not a JVM
 */
public record Target(long id, Kind kind, long pid, Instant processStart, String command, long maxHeapBytes) {

    /** What is watched; {@link #toString()} is its label as stored, printed and in JSON. */
    public enum Kind {
        /** A JVM watched through JFR and JMX. */
        JVM,
        /** Any other process, watched through /proc. */
        PROCESS;

        /** {@code jvm} or {@code process}: the stored and printed label. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind of a stored label. */
        public static Kind ofLabel(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return label();
        }
    }

    /** A JVM watched through JFR and JMX. */
    public static final Kind JVM = Kind.JVM;
    /** Any other process, watched through /proc. */
    public static final Kind PROCESS = Kind.PROCESS;

    public Target {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(processStart, "processStart");
        Objects.requireNonNull(command, "command");
    }
}

package io.leakhound.live;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.management.JMException;
import javax.management.JMX;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import jdk.management.jfr.FlightRecorderMXBean;

/**
 * A flight recording in a running JVM with the settings leakhound's {@code analyze} and {@code alloc} need
 * (see {@link LeakSettings}): started through the target's {@link FlightRecorderMXBean}, stopped, copied to
 * a local file block by block and closed, so that the target is left as it was. The recording lives in the
 * target's disk repository while it runs, so it costs the target what {@code -XX:StartFlightRecording} with
 * the profile settings costs (about 2 % CPU), plus one walk from the sampled old objects to the GC roots
 * when it stops.
 *
 * <p>{@link #finish(Path)} and {@link #close()} are synchronized and idempotent, so that a shutdown hook
 * (Ctrl-C) and the thread that waits can both call them: the first one does the work.
 */
public final class LeakRecorder implements Closeable {

    /** The target's predefined configuration the settings start from. */
    public static final String CONFIGURATION = "profile";
    /** The recording's name in the target, as {@code jcmd PID JFR.check} shows it. */
    public static final String RECORDING_NAME = "leakhound";
    /**
     * The target stops the recording by itself this long after the requested duration, should leakhound
     * die without stopping it (kill -9): a forgotten recording must not run for ever.
     */
    static final Duration TARGET_SAFETY_MARGIN = Duration.ofMinutes(1);
    // readStream's maximum is 5 MB; 1 MB blocks keep few round trips and little memory
    private static final String BLOCK_SIZE = Integer.toString(1 << 20);

    /** A recording written to a local file. */
    public record Result(Path file, long bytes, Duration recorded) {
    }

    private final JvmConnection jvm;
    private final ObjectName name;
    private final FlightRecorderMXBean recorder;
    private final long id;
    private final Duration duration;
    private final long startNanos;
    private final List<String> missingEvents;
    private Result result;
    private boolean closed;

    private LeakRecorder(JvmConnection jvm, ObjectName name, FlightRecorderMXBean recorder, long id, Duration duration,
            List<String> missingEvents) {
        this.jvm = jvm;
        this.name = name;
        this.recorder = recorder;
        this.id = id;
        this.duration = duration;
        this.startNanos = System.nanoTime();
        this.missingEvents = missingEvents;
    }

    /**
     * Starts a recording in the connected JVM, to run for {@code duration} (the caller waits, see
     * {@link #await(Consumer)}, then calls {@link #finish(Path)}).
     *
     * @throws LiveJvmException when the JVM has no flight recorder (JDK 8 before 8u262, OpenJ9), refuses the
     *                          recording, or cannot be reached
     */
    public static LeakRecorder start(JvmConnection jvm, Duration duration) throws LiveJvmException {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + duration);
        }
        ObjectName name = flightRecorderName();
        FlightRecorderMXBean recorder = flightRecorder(jvm, name);
        long id;
        List<String> missing;
        Map<String, String> settings;
        try {
            settings = LeakSettings.of(configuration(jvm, name));
            Set<String> known = eventTypeNames(jvm, name);
            missing = new ArrayList<>();
            for (String event : LeakSettings.EVENTS) {
                if (!known.contains(event)) {
                    missing.add(event);
                }
            }
            id = recorder.newRecording();
        } catch (RuntimeException e) {
            throw jvm.lost(e);
        }
        try {
            Map<String, String> options = new LinkedHashMap<>();
            options.put("name", RECORDING_NAME);
            // on disk in the target's repository, not in its memory buffers, which keep only the latest data
            options.put("disk", "true");
            options.put("duration", duration.plus(TARGET_SAFETY_MARGIN).toSeconds() + " s");
            recorder.setRecordingOptions(id, options);
            recorder.setRecordingSettings(id, settings);
            recorder.startRecording(id);
        } catch (RuntimeException e) {
            closeQuietly(recorder, id);
            throw new LiveJvmException(jvm.pid(), "refused to start a flight recording: " + e.getMessage(), e);
        }
        return new LeakRecorder(jvm, name, recorder, id, duration, List.copyOf(missing));
    }

    /** The recording's id in the target. */
    public long id() {
        return id;
    }

    /** How long the recording is meant to run. */
    public Duration duration() {
        return duration;
    }

    /**
     * The events of {@link LeakSettings#EVENTS} the target does not have (e.g. {@code jdk.ResidentSetSize}
     * before JDK 21, {@code jdk.ContainerMemoryUsage} before 17): their findings will be missing.
     */
    public List<String> missingEvents() {
        return missingEvents;
    }

    /** The recording's settings as the target holds them ({@code "event#setting" -> value}). */
    public Map<String, String> settings() throws LiveJvmException {
        return info().settings();
    }

    /**
     * Waits until the recording has run for its duration, telling {@code elapsed} about once a second how
     * long it has run. Returns early, with the recording still running, when interrupted.
     */
    public void await(Consumer<Duration> elapsed) throws InterruptedException {
        long end = startNanos + duration.toNanos();
        while (true) {
            long now = System.nanoTime();
            elapsed.accept(Duration.ofNanos(Math.min(now, end) - startNanos));
            if (now - end >= 0) {
                return;
            }
            Thread.sleep(Math.max(1, Math.min(1000, (end - now) / 1_000_000)));
        }
    }

    /**
     * Stops the recording (if the target has not already), writes it to {@code out} (replacing a file there)
     * and closes it in the target. A second call returns the first call's result.
     *
     * @throws LiveJvmException when the JVM is gone or refuses; the recording is closed in any case
     * @throws IOException      when {@code out} cannot be written
     */
    public synchronized Result finish(Path out) throws IOException {
        if (result != null) {
            return result;
        }
        if (closed) {
            throw new IllegalStateException("recording " + id + " was closed without being written");
        }
        try {
            TargetRecording info = info();
            if ("RUNNING".equals(info.state()) || "DELAYED".equals(info.state())) {
                recorder.stopRecording(id);
                info = info();
            }
            Duration recorded = Duration.ofMillis(Math.max(0, info.stopMillis() - info.startMillis()));
            long bytes = copy(out);
            result = new Result(out, bytes, recorded);
            return result;
        } catch (RuntimeException e) {
            throw jvm.lost(e);
        } finally {
            close();
        }
    }

    /** Closes the recording in the target, discarding what was not written; does nothing the second time. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            closeQuietly(recorder, id);
        }
    }

    private long copy(Path out) throws IOException {
        long stream = recorder.openStream(id, Map.of("blockSize", BLOCK_SIZE));
        long bytes = 0;
        try (OutputStream file = Files.newOutputStream(out)) {
            for (byte[] block = recorder.readStream(stream); block != null; block = recorder.readStream(stream)) {
                file.write(block);
                bytes += block.length;
            }
        } finally {
            try {
                recorder.closeStream(stream);
            } catch (IOException | RuntimeException e) {
                // the stream dies with the recording, which is closed next
            }
        }
        return bytes;
    }

    /** A recording as the target describes it: its state, start and stop times, and settings. */
    record TargetRecording(long id, String state, long startMillis, long stopMillis, Map<String, String> settings) {
    }

    private TargetRecording info() throws LiveJvmException {
        for (Object o : rawArray(jvm, name, "Recordings")) {
            if (o instanceof CompositeData r && r.get("id") instanceof Long recordingId && recordingId == id) {
                return new TargetRecording(id, String.valueOf(r.get("state")), (Long) r.get("startTime"),
                        (Long) r.get("stopTime"), settingsOf(r.get("settings")));
            }
        }
        throw new LiveJvmException(jvm.pid(), "recording " + id + " has disappeared (closed by someone else,"
                + " e.g. jcmd JFR.stop?)");
    }

    /*
     * JDK 17's FlightRecorderMXBean proxies cannot be trusted with composite data: EventTypeInfo.from looks for
     * an item "settings" the data calls "settingDescriptors", and ConfigurationInfo/RecordingInfo turn a settings
     * table into {"key"=...}. So lists and settings are read from the raw attributes, the same on every JDK.
     */
    private static Object[] rawArray(JvmConnection jvm, ObjectName name, String attribute) throws LiveJvmException {
        try {
            return jvm.mbeans().getAttribute(name, attribute) instanceof Object[] array ? array : new Object[0];
        } catch (IOException | JMException | RuntimeException e) {
            throw jvm.lost(e);
        }
    }

    /** A {@code Map<String, String>} as open data: a table of rows with items "key" and "value". */
    static Map<String, String> settingsOf(Object table) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (table instanceof TabularData t) {
            for (Object row : t.values()) {
                if (row instanceof CompositeData r && r.get("key") instanceof String k && r.get("value") instanceof String v) {
                    settings.put(k, v);
                }
            }
        }
        return settings;
    }

    private static ObjectName flightRecorderName() {
        try {
            return new ObjectName(FlightRecorderMXBean.MXBEAN_NAME);
        } catch (MalformedObjectNameException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> eventTypeNames(JvmConnection jvm, ObjectName name) throws LiveJvmException {
        Set<String> names = new HashSet<>();
        for (Object o : rawArray(jvm, name, "EventTypes")) {
            if (o instanceof CompositeData type && type.get("name") instanceof String n) {
                names.add(n);
            }
        }
        return names;
    }

    private static FlightRecorderMXBean flightRecorder(JvmConnection jvm, ObjectName name) throws LiveJvmException {
        boolean present;
        try {
            present = jvm.mbeans().isRegistered(name);
        } catch (IOException e) {
            throw jvm.lost(e);
        }
        if (!present) {
            throw new LiveJvmException(jvm.pid(), "runs " + jvm.description() + ", which has no flight recorder"
                    + " (JFR needs OpenJDK 11 or later, or 8u262 or later; OpenJ9 has none): analyse its GC log"
                    + " instead (-Xlog:gc*, or -verbose:gc on JDK 8) with leakhound analyze");
        }
        return JMX.newMXBeanProxy(jvm.mbeans(), name, FlightRecorderMXBean.class);
    }

    // the target's profile configuration, else its default one, else nothing (overrides only)
    private static Map<String, String> configuration(JvmConnection jvm, ObjectName name) throws LiveJvmException {
        Map<String, String> fallback = Map.of();
        for (Object o : rawArray(jvm, name, "Configurations")) {
            if (o instanceof CompositeData c) {
                if (CONFIGURATION.equals(c.get("name"))) {
                    return settingsOf(c.get("settings"));
                }
                if ("default".equals(c.get("name"))) {
                    fallback = settingsOf(c.get("settings"));
                }
            }
        }
        return fallback;
    }

    private static void closeQuietly(FlightRecorderMXBean recorder, long id) {
        try {
            recorder.closeRecording(id);
        } catch (IOException | RuntimeException e) {
            // the JVM has exited or the recording is gone: either way nothing is left running
        }
    }
}

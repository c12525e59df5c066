package io.leakhound.watch;

import io.leakhound.jfr.LiveMemoryEvents;
import io.leakhound.live.JvmConnection;
import io.leakhound.live.LiveJvmException;
import io.leakhound.store.Sample;
import io.leakhound.series.history.Target;
import java.io.IOException;
import java.lang.management.MemoryMXBean;
import java.lang.management.RuntimeMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import javax.management.JMException;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import jdk.management.jfr.FlightRecorderMXBean;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import jdk.management.jfr.RemoteRecordingStream;

/**
 * Reads a running JVM's memory as it happens: a flight recording started in the JVM over its JMX connection
 * ({@link RemoteRecordingStream}, JDK 16+ targets) with only the memory events enabled — each collection with
 * the heap before and after it (per generation where the collector says), metaspace, and every {@code interval}
 * the loaded classes, live threads, direct buffers and resident set — streamed to this process and joined by
 * {@link LiveMemoryEvents}. The recording lives as long as this probe; closing the probe closes it in the JVM.
 *
 * <p>Cost in the watched JVM: the enabled events are written when a collection ends or a period elapses, and
 * JFR flushes them about once a second; no allocation sampling, no stack traces, no method profiling. See
 * bench/RESULTS.md for the measured CPU overhead.
 */
public final class JvmProbe implements ProcessProbe {

    /** The first Java release whose FlightRecorderMXBean streams a recording in progress. */
    static final int STREAMING_SINCE = 16;
    private static final String ORPHAN_MAX_AGE = "15 m";
    private static final String ORPHAN_MAX_SIZE = Long.toString(64L * 1024 * 1024);

    private final JvmConnection jvm;
    /** Kept for {@link #heapUsed()}: making a proxy asks the JVM a question of its own each time. */
    private final MemoryMXBean memory;
    private final RemoteRecordingStream stream;
    private final LiveMemoryEvents events;
    private final Instant start;
    private final String command;
    private final AtomicReference<Throwable> streamError = new AtomicReference<>();
    private volatile long maxHeapBytes;
    private final Duration interval;
    private Instant nextRss = Instant.MIN;
    /** Whether the recording has jdk.ResidentSetSize (JDK 21+): then /proc is not read as well. */
    private boolean recordsRss;

    private JvmProbe(JvmConnection jvm, MemoryMXBean memory, RemoteRecordingStream stream, LiveMemoryEvents events,
            Instant start, String command, long maxHeapBytes, Duration interval) {
        this.jvm = jvm;
        this.memory = memory;
        this.interval = interval;
        this.stream = stream;
        this.events = events;
        this.start = start;
        this.command = command;
        this.maxHeapBytes = maxHeapBytes;
    }

    /**
     * Starts the memory recording in the JVM behind {@code jvm} and streams it; the connection stays the
     * caller's (closed by the caller after this probe).
     *
     * @param interval the period of the sampled resources (classes, threads, direct buffers, RSS)
     * @throws LiveJvmException when the JVM cannot stream a recording (a JDK before 16, JFR disabled) or the
     *                          connection fails; the message says what to try
     */
    public static JvmProbe open(JvmConnection jvm, Watcher.Settings settings) throws LiveJvmException {
        return open(jvm, settings.interval());
    }

    /**
     * Opens the stream with the resources sampled every {@code interval}; prefer
     * {@link #open(JvmConnection, Watcher.Settings)}, which takes it from the watch it feeds.
     */
    public static JvmProbe open(JvmConnection jvm, Duration interval) throws LiveJvmException {
        RuntimeMXBean runtime = jvm.platformMXBean(RuntimeMXBean.class);
        MemoryMXBean memory = jvm.platformMXBean(MemoryMXBean.class);
        Instant start;
        String command;
        long maxHeap;
        String version;
        try {
            start = Instant.ofEpochMilli(runtime.getStartTime());
            command = mainCommand(runtime);
            maxHeap = memory.getHeapMemoryUsage().getMax();
            version = runtime.getSpecVersion();
        } catch (RuntimeException e) {
            throw new LiveJvmException(jvm.pid(), "cannot be read over JMX: " + e, e);
        }
        if (featureVersion(version) < STREAMING_SINCE) {
            // before JDK 16 the target's FlightRecorderMXBean cannot stream: the stream would stay silent
            throw new LiveJvmException(jvm.pid(), "runs Java " + version + "; watching a JVM streams a flight recording"
                    + " from it, which needs Java 16 or later: watch it over JMX (--source jmx), as a process (--process:"
                    + " RSS and threads), or analyze its GC log");
        }
        LiveMemoryEvents events = new LiveMemoryEvents(start);
        RemoteRecordingStream stream;
        try {
            Set<Long> before = recordingIds(jvm);
            stream = new RemoteRecordingStream(jvm.mbeans());
            boundOnDisk(jvm, before);
        } catch (IOException | RuntimeException e) {
            throw new LiveJvmException(jvm.pid(), "cannot stream a flight recording (" + e.getMessage() + "): watch"
                    + " needs a JDK 16 or later target with JFR available; for an older JVM, watch its GC log with"
                    + " `leakhound analyze` instead", e);
        }
        JvmProbe probe = new JvmProbe(jvm, memory, stream, events, start, command, maxHeap, interval);
        try {
            stream.setSettings(settings(interval));
            stream.onEvent(events::accept);
            stream.onError(probe.streamError::set);
            stream.startAsync();
        } catch (RuntimeException e) {
            stream.close();
            throw new LiveJvmException(jvm.pid(), "refused to start a flight recording: " + e.getMessage(), e);
        }
        return probe;
    }

    /*
     * The recording a stream starts in the target outlives a watcher that is killed (kill -9 closes nothing),
     * and would then fill the target's JFR repository for as long as the target runs: its data on disk is kept
     * for at most a quarter of an hour and 64 MB. The stream reads each chunk within seconds of its flush.
     */
    private static void boundOnDisk(JvmConnection jvm, Set<Long> before) throws IOException {
        FlightRecorderMXBean recorder = jvm.platformMXBean(FlightRecorderMXBean.class);
        for (long id : recordingIds(jvm)) {
            if (!before.contains(id)) {
                recorder.setRecordingOptions(id, Map.of("maxAge", ORPHAN_MAX_AGE, "maxSize", ORPHAN_MAX_SIZE));
            }
        }
    }

    /** The ids of the target's recordings, read from the raw attribute (JDK 17's proxy misreads its settings). */
    private static Set<Long> recordingIds(JvmConnection jvm) throws IOException {
        Set<Long> ids = new HashSet<>();
        try {
            Object recordings = jvm.mbeans().getAttribute(new ObjectName(FlightRecorderMXBean.MXBEAN_NAME), "Recordings");
            if (recordings instanceof Object[] array) {
                for (Object o : array) {
                    if (o instanceof CompositeData r && r.get("id") instanceof Long id) {
                        ids.add(id);
                    }
                }
            }
        } catch (JMException e) {
            throw new IOException("cannot list the flight recordings: " + e.getMessage(), e);
        }
        return ids;
    }

    /** Only the memory events: enabled without threshold or stack trace, the periodic ones every interval. */
    static Map<String, String> settings(Duration interval) {
        Map<String, String> settings = new HashMap<>();
        for (String type : LiveMemoryEvents.EVENT_TYPES) {
            settings.put(type + "#enabled", "true");
            settings.put(type + "#threshold", "0 ms");
            settings.put(type + "#stackTrace", "false");
        }
        // the configurations are written once per chunk
        settings.put("jdk.GCHeapConfiguration#period", "beginChunk");
        settings.put("jdk.ContainerConfiguration#period", "beginChunk");
        String period = Math.max(1, interval.toSeconds()) + " s";
        for (String type : LiveMemoryEvents.PERIODIC_TYPES) {
            settings.put(type + "#enabled", "true");
            settings.put(type + "#period", period);
        }
        return settings;
    }

    /** The feature release of a spec version: 1.8 -> 8, 17 -> 17; 0 when it cannot be read. */
    static int featureVersion(String specVersion) {
        try {
            String[] parts = specVersion.split("\\.");
            int first = Integer.parseInt(parts[0]);
            return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The target's main class and arguments as reports show them (at most 200 characters); shared with {@link JmxProbe}. */
    static String mainCommand(RuntimeMXBean runtime) {
        String command = runtime.getSystemProperties().getOrDefault("sun.java.command", "");
        return command.length() > 200 ? command.substring(0, 200) + "..." : command;
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
        Throwable error = streamError.get();
        if (error != null && alive()) {
            throw new LiveJvmException(jvm.pid(), "the flight recording stream failed: " + error, error);
        }
        return readings(events.drain(Instant.now()));
    }

    @Override
    public Readings finish() {
        // as if the wait for late events were over: whatever a collection has is handed over now
        return readings(events.drain(Instant.now().plus(Duration.ofMinutes(1))));
    }

    private Readings readings(LiveMemoryEvents.Drained drained) {
        if (drained.maxHeapBytes() > 0 && maxHeapBytes <= 0) {
            maxHeapBytes = drained.maxHeapBytes();
        }
        List<Sample> samples = samples(drained);
        recordsRss |= recordsRss(samples);
        // before JDK 21 a recording has no resident set size: /proc has it, read here at the sampling period
        Instant now = Instant.now();
        if (!recordsRss && !now.isBefore(nextRss)) {
            ProcProbe.rss(jvm.pid(), now).ifPresent(samples::add);
            nextRss = now.plus(interval);
        }
        return new Readings(drained.gcEvents(), samples);
    }

    /** The recording's sampled resources as samples to store, in the order read; shared with {@link SelfProbe}. */
    static List<Sample> samples(LiveMemoryEvents.Drained drained) {
        List<Sample> samples = new ArrayList<>();
        for (LiveMemoryEvents.Reading r : drained.readings()) {
            samples.add(new Sample(r.resource(), r.unit(), r.at(), r.value(), r.limit()));
        }
        return samples;
    }

    /** Whether the recording itself has the resident set (JDK 21+), so that /proc need not be read for it. */
    static boolean recordsRss(List<Sample> samples) {
        return samples.stream().anyMatch(s -> s.resource().equals("rss"));
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

    /** Closes the recording in the JVM (when it still runs) and the local stream. */
    @Override
    public void close() {
        stream.close();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "JvmProbe[pid %d]", jvm.pid());
    }
}

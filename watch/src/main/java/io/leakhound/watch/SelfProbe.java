package io.leakhound.watch;

import io.leakhound.jfr.LiveMemoryEvents;
import io.leakhound.series.Unit;
import io.leakhound.series.history.Target;
import io.leakhound.store.Sample;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.RuntimeMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.consumer.RecordingStream;

/**
 * Reads the JVM this code runs in, as {@link JvmProbe} reads another one: a flight recording stream in this very
 * process ({@link RecordingStream}, no JMX, no attach) with the same memory events and settings
 * ({@link JvmProbe#settings(Duration)}), joined by the same {@link LiveMemoryEvents}; the resident set from /proc
 * before JDK 21, and the mapped buffers (which JFR does not record) from the {@code mapped} buffer pool, every
 * interval. What the in-process agent watches with.
 *
 * <p>Cost: JFR's own recorder thread and a small on-disk repository for the memory events only (a few events a
 * second); {@link #poll()} drains what arrived. The stream's callbacks run on the stream's thread and only hand
 * events to {@link LiveMemoryEvents}. Closing the probe closes the recording.
 */
public final class SelfProbe implements ProcessProbe {

    private final RecordingStream stream;
    private final LiveMemoryEvents events;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Instant start;
    private final String command;
    private final long pid = ProcessHandle.current().pid();
    private final Duration interval;
    private final AtomicReference<Throwable> streamError = new AtomicReference<>();
    private volatile long maxHeapBytes;
    private Instant nextSampled = Instant.MIN;
    private boolean recordsRss;

    private SelfProbe(RecordingStream stream, LiveMemoryEvents events, Instant start, String command,
            long maxHeapBytes, Duration interval) {
        this.stream = stream;
        this.events = events;
        this.start = start;
        this.command = command;
        this.maxHeapBytes = maxHeapBytes;
        this.interval = interval;
    }

    /**
     * Starts the memory recording in this JVM and streams it on JFR's own thread.
     *
     * @param interval the period of the sampled resources (classes, threads, buffers, RSS)
     * @throws IllegalStateException when this JVM has no flight recorder (a JRE without {@code jdk.jfr}, or
     *                               {@code -XX:-FlightRecorder})
     */
    public static SelfProbe start(Duration interval) {
        RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
        Instant start = Instant.ofEpochMilli(runtime.getStartTime());
        String command = System.getProperty("sun.java.command", "");
        if (command.length() > 200) {
            command = command.substring(0, 200) + "...";
        }
        long maxHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        LiveMemoryEvents events = new LiveMemoryEvents(start);
        RecordingStream stream = new RecordingStream();
        SelfProbe probe = new SelfProbe(stream, events, start, command, maxHeap, interval);
        try {
            stream.setSettings(JvmProbe.settings(interval));
            // the stream keeps its chunks on disk only until they are read; a short bound all the same
            stream.setMaxAge(Duration.ofMinutes(2));
            stream.onEvent(events::accept);
            stream.onError(probe.streamError::set);
            stream.startAsync();
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
        return probe;
    }

    @Override
    public Target.Kind kind() {
        return Target.JVM;
    }

    @Override
    public long pid() {
        return pid;
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
    public Readings poll() {
        return readings(events.drain(Instant.now()));
    }

    @Override
    public Readings finish() {
        return readings(events.drain(Instant.now().plus(Duration.ofMinutes(1))));
    }

    /** Why the stream stopped, or null while it runs. */
    public Throwable streamError() {
        return streamError.get();
    }

    private Readings readings(LiveMemoryEvents.Drained drained) {
        if (drained.maxHeapBytes() > 0 && maxHeapBytes <= 0) {
            maxHeapBytes = drained.maxHeapBytes();
        }
        List<Sample> samples = JvmProbe.samples(drained);
        recordsRss |= JvmProbe.recordsRss(samples);
        Instant now = Instant.now();
        if (!now.isBefore(nextSampled)) {
            if (!recordsRss) {
                ProcProbe.rss(pid, now).ifPresent(samples::add);
            }
            for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
                if (pool.getName().equals("mapped") && pool.getMemoryUsed() >= 0) {
                    samples.add(new Sample("mapped", Unit.BYTES, now, pool.getMemoryUsed(), -1));
                }
            }
            nextSampled = now.plus(interval);
        }
        return new Readings(drained.gcEvents(), samples);
    }

    @Override
    public long heapUsed() {
        try {
            return memory.getHeapMemoryUsage().getUsed();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** This process runs as long as the probe can be asked. */
    @Override
    public boolean alive() {
        return true;
    }

    @Override
    public void close() {
        stream.close();
    }

    @Override
    public String toString() {
        return "SelfProbe[pid " + pid + "]";
    }
}

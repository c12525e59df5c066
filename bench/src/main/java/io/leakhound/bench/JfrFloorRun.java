package io.leakhound.bench;

import io.leakhound.jfr.alloc.AllocationProfile;
import java.io.IOException;
import java.nio.file.Path;
import io.leakhound.jfr.alloc.Frame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The floor under any JFR analyser that uses the JDK's parser: the {@link RecordingFile} loop alone. Two modes:
 * <ul>
 *   <li>{@code events}: read every event and count it by type name, decoding no field;</li>
 *   <li>{@code aggregate}: the same loop plus the least work comparable to leakhound's and JMC's runs: the
 *   {@code jdk.ObjectAllocationSample} weight summed per class and the heap used after each GC
 *   ({@code jdk.GCHeapSummary} with {@code when = "After GC"}). No stacks. Its sums are the truth the other
 *   tools' lines are checked against;</li>
 *   <li>{@code stacks}: {@code aggregate} plus the weight per (class, full stack), the stack turned into
 *   leakhound's {@link Frame} list once per distinct {@link RecordedStackTrace} object and made canonical:
 *   the JDK's parser resolves each stack trace of a chunk's constant pool once and hands the same object to
 *   every event that refers to it, so identity maps skip the per-event conversion, hashing and comparison of
 *   up to 64 frames. What leakhound's per-stack aggregation could cost.</li>
 * </ul>
 * Cost: the parser's (about one chunk's metadata and constant pools), a map per type and per class.
 */
public final class JfrFloorRun {
    private JfrFloorRun() {
    }

    public static void main(String[] args) throws IOException {
        String mode = args[0];
        Path file = Path.of(args[1]);
        if (!mode.equals("events") && !mode.equals("aggregate") && !mode.equals("stacks")) {
            throw new IllegalArgumentException("mode: events, aggregate or stacks, not " + mode);
        }
        boolean aggregate = !mode.equals("events");
        boolean stacks = mode.equals("stacks");
        Map<RecordedStackTrace, List<Frame>> converted = new IdentityHashMap<>();
        Map<List<Frame>, List<Frame>> canonical = new HashMap<>();
        Map<String, Map<List<Frame>, long[]>> weightPerStack = new HashMap<>();
        long start = System.nanoTime();
        Map<String, long[]> perType = new HashMap<>();
        Map<String, long[]> weightPerClass = new HashMap<>();
        long events = 0;
        long allocSamples = 0;
        long allocWeight = 0;
        long heapAfterGc = 0;
        long lastHeapUsed = -1;
        long lastHeapTime = Long.MIN_VALUE;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                events++;
                String type = event.getEventType().getName();
                perType.computeIfAbsent(type, t -> new long[1])[0]++;
                if (!aggregate) {
                    continue;
                }
                if (type.equals("jdk.ObjectAllocationSample")) {
                    RecordedClass objectClass = event.getClass("objectClass");
                    long weight = event.getLong("weight");
                    allocSamples++;
                    allocWeight += weight;
                    String name = objectClass == null ? "?" : AllocationProfile.heapClassName(objectClass.getName());
                    weightPerClass.computeIfAbsent(name, n -> new long[1])[0] += weight;
                    if (stacks) {
                        RecordedStackTrace trace = event.getStackTrace();
                        List<Frame> stack = trace == null ? List.of() : converted.computeIfAbsent(trace,
                                t -> canonical.computeIfAbsent(frames(t), f -> f));
                        // stacks are canonical, so identity is equality: no hashing of 64 frames per event
                        weightPerStack.computeIfAbsent(name, n -> new IdentityHashMap<>())
                                .computeIfAbsent(stack, k -> new long[1])[0] += weight;
                    }
                } else if (type.equals("jdk.GCHeapSummary") && "After GC".equals(event.getString("when"))) {
                    heapAfterGc++;
                    // events come in file order, not time order: keep the latest by its timestamp
                    long time = event.getStartTime().toEpochMilli();
                    if (time >= lastHeapTime) {
                        lastHeapTime = time;
                        lastHeapUsed = event.getLong("heapUsed");
                    }
                }
            }
        }
        long nanos = System.nanoTime() - start;
        String detail = "types=" + perType.size();
        if (aggregate) {
            Map.Entry<String, long[]> top = weightPerClass.entrySet().stream()
                    .max((a, b) -> Long.compare(a.getValue()[0], b.getValue()[0])).orElse(null);
            detail += String.format(Locale.ROOT, " allocSamples=%d allocWeight=%d classes=%d topClass=%s:%d"
                    + " heapAfterGc=%d lastHeapUsed=%d", allocSamples, allocWeight, weightPerClass.size(),
                    top == null ? "-" : top.getKey(), top == null ? 0 : top.getValue()[0], heapAfterGc, lastHeapUsed);
            if (stacks) {
                detail += " stacks=" + weightPerStack.values().stream().mapToInt(Map::size).sum()
                        + " stackObjects=" + converted.size();
            }
        } else {
            long[] samples = perType.get("jdk.ObjectAllocationSample");
            detail += " allocSamples=" + (samples == null ? 0 : samples[0]);
        }
        new RunResult("floor-recordingfile-" + mode, file, events, nanos, detail).print();
    }

    private static List<Frame> frames(RecordedStackTrace trace) {
        List<Frame> frames = new ArrayList<>(trace.getFrames().size());
        for (RecordedFrame frame : trace.getFrames()) {
            RecordedMethod method = frame.getMethod();
            if (method != null) {
                RecordedClass type = method.getType();
                frames.add(new Frame(type == null ? "?" : type.getName().replace('/', '.'), method.getName(),
                        frame.getLineNumber()));
            }
        }
        return List.copyOf(frames);
    }
}

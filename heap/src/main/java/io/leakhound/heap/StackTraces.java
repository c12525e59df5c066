package io.leakhound.heap;

import io.leakhound.hprof.HprofRecord;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The threads' stacks as the dump wrote them ({@code STACK TRACE} and {@code STACK FRAME} records), to name
 * the frame of a {@code ROOT JAVA FRAME}: its thread serial and depth, 0 the innermost frame. Kept on the Java
 * heap: a dump has a few thousand frames. Does no I/O once built.
 */
final class StackTraces {
    /** One frame: {@code com.acme.Batch.run(Batch.java:42)}. */
    record Frame(String className, String methodName, String sourceFile, int line) {
        /** Whether the frame's method is the JDK's own ({@code java.}, {@code jdk.}, {@code sun.}). */
        boolean isJdk() {
            return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.");
        }

        @Override
        public String toString() {
            String where = sourceFile == null ? "Unknown Source"
                    : line > 0 ? sourceFile + ":" + line : sourceFile;
            return className + "." + methodName + "(" + where + ")";
        }
    }

    static final StackTraces NONE = new StackTraces(Map.of());

    private final Map<Integer, List<Frame>> framesByThread;

    private StackTraces(Map<Integer, List<Frame>> framesByThread) {
        this.framesByThread = framesByThread;
    }

    /** The frame at {@code depth} of the thread's stack, or null when the dump has no such frame. */
    Frame frame(int threadSerial, int depth) {
        List<Frame> frames = framesByThread.get(threadSerial);
        return frames == null || depth < 0 || depth >= frames.size() ? null : frames.get(depth);
    }

    /** Collects the records of pass one and resolves them once the names are all read. */
    static final class Builder {
        private final Map<Long, HprofRecord.StackFrame> frames = new HashMap<>();
        private final Map<Integer, Long> classNameIdsBySerial = new HashMap<>();
        private final Map<Integer, List<Long>> traceByThread = new HashMap<>();

        void add(HprofRecord record) {
            if (record instanceof HprofRecord.StackFrame frame) {
                frames.put(frame.frameId(), frame);
            } else if (record instanceof HprofRecord.StackTrace trace && trace.threadSerial() != 0) {
                traceByThread.putIfAbsent(trace.threadSerial(), trace.frameIds());
            } else if (record instanceof HprofRecord.LoadClass load) {
                classNameIdsBySerial.put(load.classSerial(), load.classNameId());
            }
        }

        StackTraces build(Map<Long, String> strings) {
            Map<Integer, List<Frame>> byThread = new HashMap<>();
            traceByThread.forEach((thread, ids) -> byThread.put(thread, ids.stream().map(id -> {
                HprofRecord.StackFrame frame = frames.get(id);
                if (frame == null) {
                    return new Frame("?", "?", null, 0);
                }
                String className = strings.getOrDefault(classNameIdsBySerial.get(frame.classSerial()), "?")
                        .replace('/', '.');
                return new Frame(className, strings.getOrDefault(frame.methodNameId(), "?"),
                        strings.get(frame.sourceFileNameId()), frame.lineNumber());
            }).toList()));
            return new StackTraces(Map.copyOf(byThread));
        }
    }
}

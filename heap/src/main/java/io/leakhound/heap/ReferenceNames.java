package io.leakhound.heap;

import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.HeapDumpRecord;
import io.leakhound.hprof.HeapDumpRecord.InstanceDump;
import io.leakhound.hprof.HeapDumpRecord.ObjectArrayDump;
import io.leakhound.hprof.HeapDumpRecord.PrimitiveArrayDump;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names references for people: the field, static field or array slot through which one object holds
 * another ({@code java.util.ArrayList.elementData}, {@code static com.acme.EventBus.LISTENERS},
 * {@code java.lang.Object[17]}), GC roots ({@code thread main}, {@code local variable in thread main}),
 * and whole paths from a root.
 *
 * <p>Reads the objects involved back from the file by offset, so it costs a few record reads per hop and
 * is meant for the handful of paths a report shows, not for every object. The names of the threads are
 * read once, on first use. Used by one thread at a time.
 */
public final class ReferenceNames {
    private static final int MAX_STRING = 200;

    private final HeapIndex index;
    private Map<Integer, String> threadNames;

    public ReferenceNames(HeapIndex index) {
        this.index = index;
    }

    /**
     * The path from a root to the last node of {@code nodes} (root first) as hop names: from the last
     * static field on when the path passes through one, else from the root; runs of the same hop folded.
     */
    public List<String> describe(int[] nodes) throws IOException {
        List<String> hops = new ArrayList<>();
        int start = 0;
        for (int i = nodes.length - 2; i >= 0; i--) {
            if (index.isClassObject(nodes[i]) && hop(nodes[i], nodes[i + 1]).startsWith("static ")) {
                start = i;
                break;
            }
        }
        if (start == 0 && nodes.length > 0 && !index.isClassObject(nodes[0])) {
            hops.add(root(nodes[0]));
        }
        for (int i = start; i + 1 < nodes.length; i++) {
            hops.add(hop(nodes[i], nodes[i + 1]));
        }
        if (nodes.length == 1 && index.isClassObject(nodes[0])) {
            hops.add("class " + index.describedClass(nodes[0]).name());
        }
        return fold(hops);
    }

    /**
     * The reference by which {@code path} (root first) arrives at {@code node}: a static field, a field, an
     * array slot, or the root itself when {@code node} is the path's root.
     */
    String referenceTo(int[] path, int node) throws IOException {
        for (int i = path.length - 1; i > 0; i--) {
            if (path[i] == node) {
                return hop(path[i - 1], path[i]);
            }
        }
        return root(node);
    }

    /** How a GC root is held: {@code thread main}, {@code local variable in thread main}, {@code JNI global}. */
    String root(int node) throws IOException {
        GcRootKind kind = index.roots().kindOf(node);
        if (kind == null) {
            return "object " + index.classOf(node).name();
        }
        if (kind == GcRootKind.THREAD_OBJECT) {
            return "thread " + threadName(node);
        }
        if (kind == GcRootKind.STICKY_CLASS && index.isClassObject(node)) {
            return "class " + index.describedClass(node).name();
        }
        int serial = index.roots().threadSerialOf(node);
        String thread = threadOf(serial);
        StackTraces.Frame frame = kind == GcRootKind.JAVA_FRAME ? frameHolding(node, serial) : null;
        if (thread != null && frame != null) {
            // the frame says more than the class, which the holder's class repeats anyway
            return kind.description() + " in thread " + thread + " at " + frame;
        }
        return kind.description() + (thread == null ? "" : " in thread " + thread) + " (" + index.classOf(node).name() + ")";
    }

    /**
     * The stack holding an object of {@code path} (root first) up to {@code path[at]}, the deepest such object
     * first: {@code thread worker-1 at com.acme.Batch.run(Batch.java:42)}, or null when no frame of the root's
     * thread holds one. A thread object root holding itself in its own frames says nothing and is skipped.
     */
    String stackHolding(int[] path, int at) throws IOException {
        GcRoots roots = index.roots();
        int serial = roots.threadSerialOf(path[0]);
        boolean threadRoot = roots.kindOf(path[0]) == GcRootKind.THREAD_OBJECT;
        for (int i = at; i >= (threadRoot ? 1 : 0); i--) {
            StackTraces.Frame frame = frameHolding(path[i], serial);
            if (frame != null) {
                String thread = threadOf(serial);
                return "thread " + (thread == null ? "#" + serial : thread) + " at " + frame;
            }
        }
        return null;
    }

    /**
     * The frame of thread {@code serial} (any thread when 0) whose locals hold the node: the innermost outside
     * the JDK (the application's method that keeps it, not the JDK call it is passed to), else the innermost.
     */
    private StackTraces.Frame frameHolding(int node, int serial) {
        StackTraces.Frame best = null;
        int bestDepth = Integer.MAX_VALUE;
        for (GcRoots.FrameRoot root : index.roots().framesHolding(node)) {
            StackTraces.Frame frame = index.stacks().frame(root.threadSerial(), root.depth());
            if (frame == null || (serial != 0 && root.threadSerial() != serial)) {
                continue;
            }
            boolean better = best == null || (best.isJdk() && !frame.isJdk())
                    || (best.isJdk() == frame.isJdk() && root.depth() < bestDepth);
            if (better) {
                best = frame;
                bestDepth = root.depth();
            }
        }
        return best;
    }

    /** The name of the reference from one object to another it points to directly. */
    String hop(int from, int to) throws IOException {
        long target = index.address(to);
        if (index.isClassObject(from)) {
            HeapClass described = index.describedClass(from);
            for (HeapClass.StaticField field : described.staticFields()) {
                if (field.type() == BasicType.OBJECT && field.value() == target) {
                    return "static " + described.name() + "." + field.name();
                }
            }
            return described.name() + " <class loader or superclass>";
        }
        HeapClass heapClass = index.classOf(from);
        HeapDumpRecord record = index.record(from);
        if (record instanceof ObjectArrayDump array) {
            String element = heapClass.name().endsWith("[]")
                    ? heapClass.name().substring(0, heapClass.name().length() - 2) : heapClass.name();
            for (int i = 0; i < array.length(); i++) {
                if (array.elementId(i) == target) {
                    return element + "[" + i + "]";
                }
            }
        } else if (record instanceof InstanceDump instance) {
            int identifierSize = index.header().identifierSize();
            for (HeapClass.Field field : heapClass.fields()) {
                if (field.type() == BasicType.OBJECT && field.fileOffset() + identifierSize <= instance.fieldValues().limit()
                        && instance.identifierAt(field.fileOffset(), identifierSize) == target) {
                    return heapClass.name() + "." + field.name();
                }
            }
        }
        if (index.isClassObject(to)) {
            return heapClass.name() + " <class>";
        }
        return heapClass.name() + " <reference>";
    }

    /** The name of a {@code java.lang.Thread} object, or {@code "?"}. */
    String threadName(int threadNode) throws IOException {
        String name = stringField(threadNode, "name");
        return name == null ? "0x" + Long.toHexString(index.address(threadNode)) : name;
    }

    private String threadOf(int threadSerial) throws IOException {
        return threadSerial == 0 ? null : threadNamesBySerial().get(threadSerial);
    }

    /** The name of every thread object root by its thread serial (the first root of a serial wins); read once. */
    Map<Integer, String> threadNamesBySerial() throws IOException {
        if (threadNames == null) {
            Map<Integer, String> names = new HashMap<>();
            GcRoots roots = index.roots();
            for (int i = 0; i < roots.count(); i++) {
                int node = roots.node(i);
                if (roots.kindOf(node) == GcRootKind.THREAD_OBJECT && roots.threadSerialOf(node) != 0
                        && !names.containsKey(roots.threadSerialOf(node))) {
                    names.put(roots.threadSerialOf(node), threadName(node));
                }
            }
            threadNames = Map.copyOf(names);
        }
        return threadNames;
    }

    /** The text of a {@code String} (or {@code char[]}) field of an object, or null. */
    private String stringField(int node, String fieldName) throws IOException {
        HeapDumpRecord record = index.record(node);
        if (!(record instanceof InstanceDump instance)) {
            return null;
        }
        int identifierSize = index.header().identifierSize();
        for (HeapClass.Field field : index.classOf(node).fields()) {
            if (field.name().equals(fieldName) && field.type() == BasicType.OBJECT
                    && field.fileOffset() + identifierSize <= instance.fieldValues().limit()) {
                int target = index.nodeAt(instance.identifierAt(field.fileOffset(), identifierSize));
                return target < 0 ? null : text(target);
            }
        }
        return null;
    }

    /** The characters of a {@code java.lang.String}, {@code char[]} or {@code byte[]} object. */
    private String text(int node) throws IOException {
        HeapDumpRecord record = index.record(node);
        if (record instanceof PrimitiveArrayDump array) {
            return decode(array, (byte) 0);
        }
        if (!(record instanceof InstanceDump instance)) {
            return null;
        }
        int identifierSize = index.header().identifierSize();
        PrimitiveArrayDump value = null;
        byte coder = 0;
        for (HeapClass.Field field : index.classOf(node).fields()) {
            ByteBuffer values = instance.fieldValues();
            if (field.name().equals("value") && field.type() == BasicType.OBJECT
                    && field.fileOffset() + identifierSize <= values.limit()) {
                int target = index.nodeAt(instance.identifierAt(field.fileOffset(), identifierSize));
                if (target >= 0 && index.record(target) instanceof PrimitiveArrayDump array) {
                    value = array;
                }
            } else if (field.name().equals("coder") && field.type() == BasicType.BYTE
                    && field.fileOffset() < values.limit()) {
                coder = values.get(field.fileOffset());
            }
        }
        return value == null ? null : decode(value, coder);
    }

    /** Decodes a char[] (UTF-16) or a JDK 9+ compact string's byte[] (Latin-1, or UTF-16 when coder is 1). */
    private static String decode(PrimitiveArrayDump array, byte coder) {
        ByteBuffer bytes = array.elements().duplicate();
        int length = Math.min(array.length(), MAX_STRING);
        if (array.elementType() == BasicType.CHAR) {
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(bytes.getChar(i * 2));
            }
            return text.toString();
        }
        if (array.elementType() == BasicType.BYTE) {
            byte[] raw = new byte[length];
            bytes.get(0, raw);
            // coder 1 is UTF-16 in the JVM's byte order; HotSpot on x86 and ARM is little-endian
            return coder == 1 ? new String(raw, StandardCharsets.UTF_16LE) : new String(raw, StandardCharsets.ISO_8859_1);
        }
        return null;
    }

    /** Folds runs of the same hop ({@code com.acme.Node.next} 10,000 times) into one entry with a count. */
    static List<String> fold(List<String> hops) {
        List<String> folded = new ArrayList<>();
        int i = 0;
        while (i < hops.size()) {
            int run = 1;
            while (i + run < hops.size() && hops.get(i + run).equals(hops.get(i))) {
                run++;
            }
            folded.add(run == 1 ? hops.get(i) : hops.get(i) + " ×" + run);
            i += run;
        }
        return folded;
    }
}

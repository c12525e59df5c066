package io.leakhound.cli;

import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.HeapDumpRecord.ClassDump;
import io.leakhound.hprof.HeapDumpRecord.FieldDescriptor;
import io.leakhound.hprof.HeapDumpRecord.InstanceDump;
import io.leakhound.hprof.HeapDumpRecord.ObjectArrayDump;
import io.leakhound.hprof.HeapDumpRecord.PrimitiveArrayDump;
import io.leakhound.hprof.HeapDumpRecord.RootStickyClass;
import io.leakhound.hprof.HeapDumpRecord.StaticField;
import io.leakhound.hprof.HprofRecord.LoadClass;
import io.leakhound.hprof.HprofRecord.Utf8;
import io.leakhound.testing.hprof.HprofWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A tiny 64-bit dump with one leak whose sizes are known exactly: the static field
 * {@code com.acme.EventBus.LISTENERS} holds a {@code java.util.ArrayList} whose {@code elementData} holds
 * {@value #LISTENERS} {@code com.acme.Listener}, each with a {@value #PAYLOAD}-byte {@code byte[]}; one more
 * {@code byte[]} is garbage. Objects are spaced 16 bytes apart where they are small, so leakhound infers
 * compressed oops (12-byte headers, 4-byte references, 16-byte array headers), and sizes are:
 * <pre>
 *   Listener   12 + 4 (payload)               = 16 bytes
 *   byte[1000] 16 + 1000                      = 1016 bytes
 *   Object[50] 16 + 50 * 4                    = 216 bytes
 *   ArrayList  12 + 4 (elementData) + 4 (size) = 20, aligned 24 bytes
 *   the leak: 24 + 216 + 50 * (16 + 1016)     = 51,840 bytes retained by the ArrayList
 * </pre>
 */
final class LeakyDump {

    static final int LISTENERS = 50;
    static final int PAYLOAD = 1000;

    private static final long OBJECT = 0x1000;
    private static final long ARRAY_LIST = 0x1010;
    private static final long EVENT_BUS = 0x1020;
    private static final long LISTENER = 0x1030;
    private static final long OBJECT_ARRAY = 0x1040;
    private static final long LIST = 0x2000;
    private static final long ELEMENTS = 0x2010;
    private static final long FIRST_LISTENER = 0x3000;
    private static final long FIRST_PAYLOAD = 0x10000;
    private static final long GARBAGE = 0x80000;

    private LeakyDump() {
    }

    static Path write(Path file) throws IOException {
        try (HprofWriter w = HprofWriter.open(Files.newOutputStream(file), 8, Instant.parse("2026-01-02T03:04:05Z"))) {
            String[] strings = {"java/lang/Object", "java/util/ArrayList", "com/acme/EventBus", "com/acme/Listener",
                "[Ljava/lang/Object;", "LISTENERS", "elementData", "size", "payload"};
            for (int i = 0; i < strings.length; i++) {
                w.write(new Utf8(i + 1, strings[i]));
            }
            long[] classes = {OBJECT, ARRAY_LIST, EVENT_BUS, LISTENER, OBJECT_ARRAY};
            for (int i = 0; i < classes.length; i++) {
                w.write(new LoadClass(i + 1, classes[i], 0, i + 1));
            }
            w.write(classDump(OBJECT, 0, 0, List.of(), List.of()));
            w.write(classDump(ARRAY_LIST, OBJECT, 12, List.of(),
                    List.of(new FieldDescriptor(7, BasicType.OBJECT), new FieldDescriptor(8, BasicType.INT))));
            w.write(classDump(EVENT_BUS, OBJECT, 0, List.of(new StaticField(6, BasicType.OBJECT, LIST)), List.of()));
            w.write(classDump(LISTENER, OBJECT, 8, List.of(), List.of(new FieldDescriptor(9, BasicType.OBJECT))));
            w.write(classDump(OBJECT_ARRAY, OBJECT, 0, List.of(), List.of()));
            for (long c : classes) {
                w.write(new RootStickyClass(c));
            }
            w.write(new InstanceDump(LIST, 0, ARRAY_LIST, ByteBuffer.allocate(12).putLong(ELEMENTS).putInt(LISTENERS).flip()));
            ByteBuffer elements = ByteBuffer.allocate(LISTENERS * 8);
            for (int i = 0; i < LISTENERS; i++) {
                elements.putLong(FIRST_LISTENER + 16L * i);
            }
            w.write(new ObjectArrayDump(ELEMENTS, 0, LISTENERS, OBJECT_ARRAY, 8, elements.flip()));
            for (int i = 0; i < LISTENERS; i++) {
                long payload = FIRST_PAYLOAD + 1024L * i;
                w.write(new InstanceDump(FIRST_LISTENER + 16L * i, 0, LISTENER, ByteBuffer.allocate(8).putLong(payload).flip()));
                w.write(new PrimitiveArrayDump(payload, 0, PAYLOAD, BasicType.BYTE, ByteBuffer.allocate(PAYLOAD)));
            }
            w.write(new PrimitiveArrayDump(GARBAGE, 0, PAYLOAD, BasicType.BYTE, ByteBuffer.allocate(PAYLOAD)));
        }
        return file;
    }

    private static ClassDump classDump(long id, long superclass, int instanceSize, List<StaticField> statics,
                                       List<FieldDescriptor> fields) {
        return new ClassDump(id, 0, superclass, 0, 0, 0, instanceSize, List.of(), statics, fields);
    }
}

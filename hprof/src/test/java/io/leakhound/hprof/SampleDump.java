package io.leakhound.hprof;

import io.leakhound.hprof.HeapDumpRecord.ConstantPoolEntry;
import io.leakhound.hprof.HeapDumpRecord.FieldDescriptor;
import io.leakhound.hprof.HeapDumpRecord.StaticField;
import io.leakhound.hprof.HprofRecord.AllocSite;
import io.leakhound.hprof.HprofRecord.CpuSample;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small dump holding every top-level record kind and every heap dump sub-record kind, in a
 * {@code HEAP DUMP} and a {@code HEAP DUMP SEGMENT}, together with the records a reader must deliver.
 */
final class SampleDump {
    static final long MILLIS = 1_700_000_000_123L;

    final byte[] bytes;
    final List<HprofRecord> records = new ArrayList<>();
    /** Offsets of the top-level records' tags, in order: a cut there leaves whole records behind. */
    final List<Long> topLevelOffsets = new ArrayList<>();

    SampleDump(int idSize) {
        long big = idSize == 8 ? 0x7_0000_0000L : 0x7000_0000L; // ids above 2^31 (and 2^32 for 8-byte ids)
        DumpBytes d = DumpBytes.header("JAVA PROFILE 1.0.2", idSize, MILLIS);

        byte[] name = "java/lang/String \u00e9".getBytes(StandardCharsets.UTF_8);
        top(d, 0x01, d.body().id(big + 1).raw(name), new HprofRecord.Utf8(big + 1, "java/lang/String \u00e9"));
        top(d, 0x02, d.body().u4(7).id(big + 2).u4(3).id(big + 1), new HprofRecord.LoadClass(7, big + 2, 3, big + 1));
        top(d, 0x03, d.body().u4(9), new HprofRecord.UnloadClass(9));
        top(d, 0x04, d.body().id(11).id(12).id(13).id(14).u4(7).u4(-2),
                new HprofRecord.StackFrame(11, 12, 13, 14, 7, -2));
        top(d, 0x05, d.body().u4(3).u4(1).u4(2).id(11).id(15),
                new HprofRecord.StackTrace(3, 1, List.of(11L, 15L)));
        top(d, 0x06, d.body().u2(1).u4(Float.floatToIntBits(0.5f)).u4(100).u4(10).u8(1000).u8(20).u4(1)
                        .u1(0).u4(7).u4(3).u4(40).u4(2).u4(80).u4(4),
                new HprofRecord.AllocSites((short) 1, 0.5f, 100, 10, 1000, 20,
                        List.of(new AllocSite((byte) 0, 7, 3, 40, 2, 80, 4))));
        top(d, 0x07, d.body().u4(100).u4(10).u8(1000).u8(20), new HprofRecord.HeapSummary(100, 10, 1000, 20));
        top(d, 0x0A, d.body().u4(1).id(big + 40).u4(3).id(21).id(22).id(23),
                new HprofRecord.StartThread(1, big + 40, 3, 21, 22, 23));
        top(d, 0x0B, d.body().u4(1), new HprofRecord.EndThread(1));
        top(d, 0x0D, d.body().u4(5).u4(1).u4(5).u4(3),
                new HprofRecord.CpuSamples(5, List.of(new CpuSample(5, 3))));
        top(d, 0x0E, d.body().u4(3).u2(16), new HprofRecord.ControlSettings(3, (short) 16));
        top(d, 0x42, d.body().u4(0xCAFE), new HprofRecord.Unrecognised(0x42, 4));

        // HEAP DUMP: the roots.
        List<HprofRecord> sub = new ArrayList<>();
        DumpBytes roots = d.body();
        roots.u1(0xFF).id(big + 40);
        sub.add(new HeapDumpRecord.RootUnknown(big + 40));
        roots.u1(0x01).id(big + 40).id(31);
        sub.add(new HeapDumpRecord.RootJniGlobal(big + 40, 31));
        roots.u1(0x02).id(big + 40).u4(1).u4(-1);
        sub.add(new HeapDumpRecord.RootJniLocal(big + 40, 1, -1));
        roots.u1(0x03).id(big + 40).u4(1).u4(2);
        sub.add(new HeapDumpRecord.RootJavaFrame(big + 40, 1, 2));
        roots.u1(0x04).id(big + 40).u4(1);
        sub.add(new HeapDumpRecord.RootNativeStack(big + 40, 1));
        roots.u1(0x05).id(big + 2);
        sub.add(new HeapDumpRecord.RootStickyClass(big + 2));
        roots.u1(0x06).id(big + 40).u4(1);
        sub.add(new HeapDumpRecord.RootThreadBlock(big + 40, 1));
        roots.u1(0x07).id(big + 40);
        sub.add(new HeapDumpRecord.RootMonitorUsed(big + 40));
        roots.u1(0x08).id(big + 40).u4(1).u4(3);
        sub.add(new HeapDumpRecord.RootThreadObject(big + 40, 1, 3));
        heapDump(d, 0x0C, roots, sub);

        // HEAP DUMP SEGMENT: a class, an instance, an object array, primitive arrays, then HEAP DUMP END.
        sub = new ArrayList<>();
        DumpBytes objects = d.body();
        objects.u1(0x20).id(big + 2).u4(3).id(50).id(51).id(0).id(0).id(0).id(0).u4(12)
                .u2(2).u2(1).u1(10).u4(-5).u2(2).u1(2).id(big + 40)
                .u2(3).id(60).u1(11).u8(Long.MIN_VALUE).id(61).u1(4).u1(1).id(62).u1(2).id(big + 40)
                .u2(2).id(63).u1(2).id(64).u1(5);
        sub.add(new HeapDumpRecord.ClassDump(big + 2, 3, 50, 51, 0, 0, 12,
                List.of(new ConstantPoolEntry(1, BasicType.INT, 0xFFFF_FFFBL),
                        new ConstantPoolEntry(2, BasicType.OBJECT, big + 40)),
                List.of(new StaticField(60, BasicType.LONG, Long.MIN_VALUE), new StaticField(61, BasicType.BOOLEAN, 1),
                        new StaticField(62, BasicType.OBJECT, big + 40)),
                List.of(new FieldDescriptor(63, BasicType.OBJECT), new FieldDescriptor(64, BasicType.CHAR))));
        byte[] fields = new DumpBytes(idSize).id(big + 40).u2('x').toByteArray();
        objects.u1(0x21).id(big + 41).u4(3).id(big + 2).u4(fields.length).raw(fields);
        sub.add(new HeapDumpRecord.InstanceDump(big + 41, 3, big + 2, ByteBuffer.wrap(fields)));
        byte[] elements = new DumpBytes(idSize).id(big + 41).id(0).id(big + 40).toByteArray();
        objects.u1(0x22).id(big + 42).u4(3).u4(3).id(big + 3).raw(elements);
        sub.add(new HeapDumpRecord.ObjectArrayDump(big + 42, 3, 3, big + 3, idSize, ByteBuffer.wrap(elements)));
        objects.u1(0x22).id(big + 43).u4(0).u4(0).id(big + 3);
        sub.add(new HeapDumpRecord.ObjectArrayDump(big + 43, 0, 0, big + 3, idSize, ByteBuffer.allocate(0)));
        for (BasicType type : BasicType.values()) {
            if (type == BasicType.OBJECT) {
                continue;
            }
            byte[] values = new byte[2 * type.sizeInFile(idSize)];
            for (int i = 0; i < values.length; i++) {
                values[i] = (byte) (type.tag() * 16 + i);
            }
            objects.u1(0x23).id(big + 100 + type.tag()).u4(4).u4(2).u1(type.tag()).raw(values);
            sub.add(new HeapDumpRecord.PrimitiveArrayDump(big + 100 + type.tag(), 4, 2, type, ByteBuffer.wrap(values)));
        }
        heapDump(d, 0x1C, objects, sub);
        top(d, 0x2C, d.body(), new HprofRecord.HeapDumpEnd());
        bytes = d.toByteArray();
    }

    private void top(DumpBytes d, int tag, DumpBytes body, HprofRecord expected) {
        topLevelOffsets.add((long) d.size());
        d.record(tag, body);
        records.add(expected);
    }

    private void heapDump(DumpBytes d, int tag, DumpBytes body, List<HprofRecord> sub) {
        topLevelOffsets.add((long) d.size());
        records.add(new HprofRecord.HeapDumpStart(tag == 0x1C, body.size()));
        records.addAll(sub);
        d.record(tag, body);
    }
}

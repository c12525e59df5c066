package io.leakhound.testing.hprof;

import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.HeapDumpRecord;
import io.leakhound.hprof.HprofFile;
import io.leakhound.hprof.HprofRecord;
import io.leakhound.hprof.RecordKind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HprofWriterTest {

    @TempDir
    Path dir;

    /** One record of every kind the writer writes, HEAP DUMP START excepted (the writer makes those). */
    static List<HprofRecord> everyKind(int idSize) {
        long big = idSize == 8 ? 0x7_0000_0000L : 0xF000_0000L;
        ByteBuffer fields = ByteBuffer.allocate(idSize + 4);
        if (idSize == 8) {
            fields.putLong(big + 1);
        } else {
            fields.putInt((int) (big + 1));
        }
        fields.putInt(-7).flip();
        ByteBuffer elements = ByteBuffer.allocate(2 * idSize);
        if (idSize == 8) {
            elements.putLong(big + 1).putLong(0);
        } else {
            elements.putInt((int) (big + 1)).putInt(0);
        }
        elements.flip();
        return List.of(
                new HprofRecord.Utf8(big + 5, "com/acme/Caf\u00e9"),
                new HprofRecord.LoadClass(1, big + 2, 1, big + 5),
                new HprofRecord.UnloadClass(3),
                new HprofRecord.StackFrame(1, 2, 3, 4, 1, -3),
                new HprofRecord.StackTrace(1, 2, List.of(1L, big)),
                new HprofRecord.AllocSites((short) 2, 0.25f, 1, 2, 3, 4,
                        List.of(new HprofRecord.AllocSite((byte) 10, 1, 1, 5, 6, 7, 8))),
                new HprofRecord.HeapSummary(1, 2, 3, 4),
                new HprofRecord.StartThread(1, big + 3, 1, 5, 6, 7),
                new HprofRecord.EndThread(1),
                new HprofRecord.CpuSamples(9, List.of(new HprofRecord.CpuSample(9, 1))),
                new HprofRecord.ControlSettings(1, (short) 4),
                new HprofRecord.Unrecognised(0x55, 3),
                new HeapDumpRecord.RootUnknown(big + 1),
                new HeapDumpRecord.RootJniGlobal(big + 1, 9),
                new HeapDumpRecord.RootJniLocal(big + 1, 1, -1),
                new HeapDumpRecord.RootJavaFrame(big + 1, 1, 0),
                new HeapDumpRecord.RootNativeStack(big + 1, 1),
                new HeapDumpRecord.RootStickyClass(big + 2),
                new HeapDumpRecord.RootThreadBlock(big + 1, 1),
                new HeapDumpRecord.RootMonitorUsed(big + 1),
                new HeapDumpRecord.RootThreadObject(big + 3, 1, 1),
                new HeapDumpRecord.ClassDump(big + 2, 1, 0, 0, 0, 0, idSize + 4,
                        List.of(new HeapDumpRecord.ConstantPoolEntry(3, BasicType.DOUBLE, Double.doubleToLongBits(0.5))),
                        List.of(new HeapDumpRecord.StaticField(5, BasicType.SHORT, 0xFFFF),
                                new HeapDumpRecord.StaticField(6, BasicType.OBJECT, big + 1)),
                        List.of(new HeapDumpRecord.FieldDescriptor(7, BasicType.OBJECT),
                                new HeapDumpRecord.FieldDescriptor(8, BasicType.INT))),
                new HeapDumpRecord.InstanceDump(big + 1, 1, big + 2, fields),
                new HeapDumpRecord.ObjectArrayDump(big + 4, 1, 2, big + 2, idSize, elements),
                new HeapDumpRecord.PrimitiveArrayDump(big + 6, 1, 3, BasicType.CHAR,
                        ByteBuffer.wrap(new byte[]{0, 'a', 0, 'b', 0, 'c'})),
                new HprofRecord.HeapDumpEnd(),
                new HprofRecord.Utf8(big + 9, "after the dump"));
    }

    private static List<HprofRecord> readBack(Path file, int idSize) throws IOException {
        List<HprofRecord> records = new ArrayList<>();
        try (HprofFile hprof = HprofFile.open(file)) {
            assertThat(hprof.header().identifierSize()).isEqualTo(idSize);
            assertThat(hprof.header().format()).isEqualTo("JAVA PROFILE 1.0.2");
            assertThat(hprof.header().timestamp()).isEqualTo(Instant.ofEpochMilli(1_234_567_890_123L));
            HprofFile.ReadResult result = hprof.read(EnumSet.allOf(RecordKind.class), (offset, r) -> records.add(r));
            assertThat(result.truncated()).isFalse();
        }
        return records;
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void write_everyKind_readBackEqual(int idSize) throws IOException {
        Path file = dir.resolve("all.hprof");
        List<HprofRecord> written = everyKind(idSize);
        try (HprofWriter writer = HprofWriter.open(Files.newOutputStream(file), idSize,
                Instant.ofEpochMilli(1_234_567_890_123L))) {
            for (HprofRecord record : written) {
                writer.write(record);
            }
        }
        List<HprofRecord> read = readBack(file, idSize);

        assertThat(read.stream().filter(r -> !(r instanceof HprofRecord.HeapDumpStart)).toList())
                .containsExactlyElementsOf(written);
        // The sub-records went into one segment, flushed before the END that closes it.
        assertThat(read.stream().filter(r -> r instanceof HprofRecord.HeapDumpStart).toList()).hasSize(1)
                .allSatisfy(start -> assertThat(((HprofRecord.HeapDumpStart) start).segment()).isTrue());
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void write_threeMebibytesOfInstances_severalSegmentsOneEnd(int idSize) throws IOException {
        Path file = dir.resolve("big.hprof");
        ByteBuffer values = ByteBuffer.wrap(new byte[100]);
        int count = 3 * (1 << 20) / 100;
        try (HprofWriter writer = HprofWriter.open(Files.newOutputStream(file), idSize,
                Instant.ofEpochMilli(1_234_567_890_123L))) {
            for (int i = 0; i < count; i++) {
                writer.write(new HeapDumpRecord.InstanceDump(16L * (i + 1), 1, 8, values));
            }
        }
        List<HprofRecord> read = readBack(file, idSize);

        List<Long> segmentLengths = read.stream().filter(r -> r instanceof HprofRecord.HeapDumpStart)
                .map(r -> ((HprofRecord.HeapDumpStart) r).length()).toList();
        assertThat(segmentLengths).hasSizeBetween(3, 4)
                .allSatisfy(length -> assertThat(length).isLessThan(HprofWriter.SEGMENT_FLUSH_BYTES + 200L));
        assertThat(read.stream().filter(r -> r instanceof HeapDumpRecord.InstanceDump).count()).isEqualTo(count);
        assertThat(read.get(read.size() - 1)).isEqualTo(new HprofRecord.HeapDumpEnd());
        assertThat(read.stream().filter(r -> r instanceof HprofRecord.HeapDumpEnd).count()).isEqualTo(1);
    }
}

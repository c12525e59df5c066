package io.leakhound.hprof;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HprofFileTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static List<HprofRecord> readAll(HprofFile hprof) throws IOException {
        List<HprofRecord> records = new ArrayList<>();
        HprofFile.ReadResult result = hprof.read(EnumSet.allOf(RecordKind.class), (offset, record) -> records.add(record));
        assertThat(result.truncated()).as("%s", result.truncation()).isFalse();
        assertThat(result.recordsDelivered()).isEqualTo(records.size());
        return records;
    }

    @ParameterizedTest
    @ValueSource(strings = {"JAVA PROFILE 1.0.1", "JAVA PROFILE 1.0.2"})
    void open_hotSpotFormats_headerRead(String format) throws IOException {
        Path file = write("h.hprof", DumpBytes.header(format, 8, SampleDump.MILLIS).toByteArray());
        try (HprofFile hprof = HprofFile.open(file)) {
            assertThat(hprof.header()).isEqualTo(new HprofHeader(format, 8,
                    Instant.ofEpochMilli(SampleDump.MILLIS), format.length() + 1 + 12));
            assertThat(hprof.length()).isEqualTo(format.length() + 13);
            assertThat(readAll(hprof)).isEmpty();
        }
    }

    @Test
    void open_android_refusedWithHprofConvHint() throws IOException {
        Path file = write("a.hprof", DumpBytes.header("JAVA PROFILE 1.0.3", 4, 0).toByteArray());
        assertThatThrownBy(() -> HprofFile.open(file)).isInstanceOf(HprofFormatException.class)
                .hasMessageContaining("Android heap dumps (JAVA PROFILE 1.0.3) are not supported; convert with hprof-conv");
    }

    @Test
    void open_notHprof_namesFirstBytes() throws IOException {
        Path file = write("x.hprof", "PK\u0003\u0004 zip file".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> HprofFile.open(file)).isInstanceOf(HprofFormatException.class)
                .hasMessageContaining("x.hprof").hasMessageContaining("at byte 0")
                .hasMessageContaining("not an HPROF file: starts with \"PK\\x03\\x04 zip file\"");
    }

    @Test
    void open_emptyFile_refused() throws IOException {
        Path file = write("e.hprof", new byte[0]);
        assertThatThrownBy(() -> HprofFile.open(file)).isInstanceOf(HprofFormatException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void open_identifierSize12_refusedNamingTheValue() throws IOException {
        Path file = write("i.hprof", DumpBytes.header("JAVA PROFILE 1.0.2", 12, 0).toByteArray());
        HprofFormatException e = org.junit.jupiter.api.Assertions.assertThrows(HprofFormatException.class,
                () -> HprofFile.open(file));
        assertThat(e.offset()).isEqualTo(19);
        assertThat(e.problem()).isEqualTo("identifier size 12, expected 4 or 8");
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void read_everyRecordKind_decodedAsWritten(int idSize) throws IOException {
        SampleDump sample = new SampleDump(idSize);
        try (HprofFile hprof = HprofFile.open(write("s.hprof", sample.bytes))) {
            assertThat(hprof.header().identifierSize()).isEqualTo(idSize);
            assertThat(readAll(hprof)).containsExactlyElementsOf(sample.records);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void read_tinyWindows_sameRecordsAsOneWindow(int idSize) throws IOException {
        SampleDump sample = new SampleDump(idSize);
        for (long window : new long[]{1, 7, 16, 64}) {
            try (HprofFile hprof = HprofFile.open(write("s.hprof", sample.bytes), window)) {
                assertThat(readAll(hprof)).as("window %d", window).containsExactlyElementsOf(sample.records);
            }
        }
    }

    @Test
    void read_someKinds_onlyThoseDelivered() throws IOException {
        SampleDump sample = new SampleDump(8);
        try (HprofFile hprof = HprofFile.open(write("s.hprof", sample.bytes))) {
            List<HprofRecord> records = new ArrayList<>();
            hprof.read(EnumSet.of(RecordKind.INSTANCE_DUMP, RecordKind.UTF8), (offset, record) -> records.add(record));
            assertThat(records).containsExactlyElementsOf(sample.records.stream()
                    .filter(r -> r instanceof HeapDumpRecord.InstanceDump || r instanceof HprofRecord.Utf8).toList());
        }
    }

    @Test
    void read_deliveredViews_readOnlyBigEndianAtZero() throws IOException {
        SampleDump sample = new SampleDump(8);
        try (HprofFile hprof = HprofFile.open(write("s.hprof", sample.bytes))) {
            List<ByteBuffer> views = new ArrayList<>();
            hprof.read(Set.of(RecordKind.INSTANCE_DUMP, RecordKind.OBJECT_ARRAY_DUMP), (offset, record) -> {
                if (record instanceof HeapDumpRecord.ObjectArrayDump array) {
                    views.add(array.elements());
                    if (array.length() == 3) {
                        assertThat(array.elementId(0)).isEqualTo(0x7_0000_0000L + 41);
                        assertThat(array.elementId(1)).isZero();
                    }
                } else {
                    views.add(((HeapDumpRecord.InstanceDump) record).fieldValues());
                }
            });
            assertThat(views).hasSize(3).allSatisfy(view -> {
                assertThat(view.isReadOnly()).isTrue();
                assertThat(view.order()).isEqualTo(java.nio.ByteOrder.BIG_ENDIAN);
                assertThat(view.position()).isZero();
            });
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void readAt_offsetsFromStreamingRead_sameRecords(int idSize) throws IOException {
        SampleDump sample = new SampleDump(idSize);
        try (HprofFile hprof = HprofFile.open(write("s.hprof", sample.bytes))) {
            List<Long> offsets = new ArrayList<>();
            List<HprofRecord> streamed = new ArrayList<>();
            hprof.read(EnumSet.allOf(RecordKind.class), (offset, record) -> {
                offsets.add(offset);
                streamed.add(record);
            });
            for (int i = 0; i < streamed.size(); i++) {
                HprofRecord again = streamed.get(i) instanceof HeapDumpRecord
                        ? hprof.readHeapDumpRecordAt(offsets.get(i))
                        : hprof.readRecordAt(offsets.get(i));
                assertThat(again).isEqualTo(streamed.get(i));
            }
            assertThat(offsets).containsAll(sample.topLevelOffsets);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void read_cutAtEveryOffset_truncatedResultWithWholeRecordsBefore(int idSize) throws IOException {
        SampleDump sample = new SampleDump(idSize);
        int headerLength = "JAVA PROFILE 1.0.2".length() + 13;
        for (int cut = 0; cut < sample.bytes.length; cut++) {
            Path file = write("cut.hprof", Arrays.copyOf(sample.bytes, cut));
            if (cut < headerLength) {
                assertThatThrownBy(() -> HprofFile.open(file)).as("cut at %d", cut)
                        .isInstanceOf(HprofFormatException.class);
                continue;
            }
            try (HprofFile hprof = HprofFile.open(file, cut % 2 == 0 ? HprofFile.DEFAULT_WINDOW_BYTES : 128)) {
                List<HprofRecord> records = new ArrayList<>();
                List<Long> offsets = new ArrayList<>();
                HprofFile.ReadResult result = hprof.read(EnumSet.allOf(RecordKind.class), (offset, record) -> {
                    records.add(record);
                    offsets.add(offset);
                });
                assertThat(records).as("cut at %d", cut).isEqualTo(sample.records.subList(0, records.size()));
                if (result.truncated()) {
                    assertThat(result.truncatedAt()).as("cut at %d", cut).isBetween(
                            offsets.isEmpty() ? headerLength : offsets.get(offsets.size() - 1) + 1, (long) cut);
                    assertThat(result.truncation()).contains("file ends at " + cut);
                } else {
                    // A clean end is possible only where a top-level record ends.
                    assertThat(sample.topLevelOffsets).as("cut at %d", cut).contains((long) cut);
                }
            }
        }
    }

    @Test
    void read_segmentCut_sentenceNamesDeclaredLengthAndEnd() throws IOException {
        SampleDump sample = new SampleDump(4);
        long segment = sample.topLevelOffsets.get(sample.topLevelOffsets.size() - 2);
        int cut = (int) segment + 9 + 40;
        try (HprofFile hprof = HprofFile.open(write("cut.hprof", Arrays.copyOf(sample.bytes, cut)))) {
            HprofFile.ReadResult result = hprof.read(Set.of(RecordKind.CLASS_DUMP), (offset, record) -> { });
            int declared = ByteBuffer.wrap(sample.bytes).getInt((int) segment + 5);
            assertThat(result.truncatedAt()).isEqualTo(segment + 9); // the class dump, the first sub-record
            assertThat(result.truncation()).startsWith("heap dump segment declared " + declared + " bytes at "
                    + segment + ", file ends at " + cut);
            assertThat(result.recordsDelivered()).isZero();
        }
    }

    @Test
    void read_unknownSubRecordTag_formatErrorNamingTagAndOffset() throws IOException {
        DumpBytes d = DumpBytes.header("JAVA PROFILE 1.0.2", 4, 0);
        int dumpAt = d.size();
        d.record(0x1C, d.body().u1(0x05).u4(1).u1(0x42).u4(2));
        try (HprofFile hprof = HprofFile.open(write("u.hprof", d.toByteArray()))) {
            HprofFormatException e = org.junit.jupiter.api.Assertions.assertThrows(HprofFormatException.class,
                    () -> hprof.read(Set.of(RecordKind.GC_ROOT), (offset, record) -> { }));
            assertThat(e.offset()).isEqualTo(dumpAt + 9 + 5);
            assertThat(e.problem()).startsWith("unknown heap dump sub-record tag 0x42");
        }
    }

    @Test
    void read_negativeArrayLength_formatError() throws IOException {
        DumpBytes d = DumpBytes.header("JAVA PROFILE 1.0.2", 4, 0);
        d.record(0x1C, d.body().u1(0x23).u4(1).u4(0).u4(-3).u1(BasicType.INT.tag()));
        try (HprofFile hprof = HprofFile.open(write("n.hprof", d.toByteArray()))) {
            // Skipped when no sub-record is asked for: the segment's length is all that is read.
            assertThat(hprof.read(Set.of(), (offset, record) -> { }).truncated()).isFalse();
            assertThatThrownBy(() -> hprof.read(Set.of(RecordKind.GC_ROOT), (offset, record) -> { }))
                    .isInstanceOf(HprofFormatException.class).hasMessageContaining("negative length -3");
        }
    }

    @Test
    void read_subRecordPastItsSegment_formatError() throws IOException {
        DumpBytes d = DumpBytes.header("JAVA PROFILE 1.0.2", 4, 0);
        // An instance dump declaring 100 bytes of fields in a segment with 2 left, then more records.
        d.record(0x1C, d.body().u1(0x21).u4(1).u4(0).u4(2).u4(100).u2(0));
        d.record(0x01, d.body().u4(1).raw(new byte[200]));
        try (HprofFile hprof = HprofFile.open(write("p.hprof", d.toByteArray()))) {
            assertThatThrownBy(() -> hprof.read(Set.of(RecordKind.INSTANCE_DUMP), (offset, record) -> { }))
                    .isInstanceOf(HprofFormatException.class).hasMessageContaining("past the end of its heap dump segment");
        }
    }

    @Test
    void read_stackTraceCountBeyondRecord_formatErrorNotAllocation() throws IOException {
        DumpBytes d = DumpBytes.header("JAVA PROFILE 1.0.2", 8, 0);
        d.record(0x05, d.body().u4(1).u4(1).u4(-1));
        try (HprofFile hprof = HprofFile.open(write("t.hprof", d.toByteArray()))) {
            assertThatThrownBy(() -> hprof.read(Set.of(RecordKind.STACK_TRACE), (offset, record) -> { }))
                    .isInstanceOf(HprofFormatException.class).hasMessageContaining("declares 4294967295 entries");
        }
    }

    @Test
    void open_gzip_readsDecompressedAndDeletesCopyOnClose() throws IOException {
        SampleDump sample = new SampleDump(8);
        Path file = dir.resolve("s.hprof.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(sample.bytes);
        }
        HprofFile hprof = HprofFile.open(file);
        Path copy = hprof.decompressedCopy();
        try {
            assertThat(hprof.file()).isEqualTo(file);
            assertThat(hprof.length()).isEqualTo(sample.bytes.length);
            assertThat(readAll(hprof)).containsExactlyElementsOf(sample.records);
            assertThat(copy).exists();
        } finally {
            hprof.close();
        }
        assertThat(copy).doesNotExist();
    }

    @Test
    void open_gzipCutShort_truncatedRead() throws IOException {
        SampleDump sample = new SampleDump(8);
        Path whole = dir.resolve("whole.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(whole))) {
            out.write(sample.bytes);
        }
        byte[] gz = Files.readAllBytes(whole);
        Path cut = write("cut.hprof.gz", Arrays.copyOf(gz, gz.length - 30));
        try (HprofFile hprof = HprofFile.open(cut)) {
            HprofFile.ReadResult result = hprof.read(EnumSet.allOf(RecordKind.class), (offset, record) -> { });
            assertThat(result.truncated()).isTrue();
        }
    }

    @Test
    void truncatedGzipDumpNamesTheGzipTruncation() throws IOException {
        SampleDump sample = new SampleDump(8);
        Path whole = dir.resolve("whole.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(whole))) {
            out.write(sample.bytes);
        }
        byte[] gz = Files.readAllBytes(whole);
        int cutAt = gz.length - 30;
        Path cut = write("cut.hprof.gz", Arrays.copyOf(gz, cutAt));
        try (HprofFile hprof = HprofFile.open(cut)) {
            HprofFile.ReadResult result = hprof.read(EnumSet.allOf(RecordKind.class), (offset, record) -> { });
            assertThat(result.truncated()).isTrue();
            assertThat(result.truncation()).startsWith("cut.hprof.gz: the gzip stream ends after compressed byte "
                    + cutAt + " (uncompressed offset " + hprof.length() + "): the file was cut while being written");
        }
    }
}

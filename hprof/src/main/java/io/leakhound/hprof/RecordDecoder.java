package io.leakhound.hprof;

import io.leakhound.hprof.HeapDumpRecord.ClassDump;
import io.leakhound.hprof.HeapDumpRecord.ConstantPoolEntry;
import io.leakhound.hprof.HeapDumpRecord.FieldDescriptor;
import io.leakhound.hprof.HeapDumpRecord.InstanceDump;
import io.leakhound.hprof.HeapDumpRecord.ObjectArrayDump;
import io.leakhound.hprof.HeapDumpRecord.PrimitiveArrayDump;
import io.leakhound.hprof.HeapDumpRecord.StaticField;
import io.leakhound.hprof.HprofFile.ReadResult;
import io.leakhound.hprof.HprofFile.RecordVisitor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes the records of a mapped HPROF file for one set of wanted kinds. The hot path (instance and
 * array dumps) reads with absolute {@code get}s on the mapped window and allocates only the record and
 * its buffer view, and nothing at all for a record not asked for: skipping one costs reading its
 * length. Every length read from the file is checked against the segment and the file before it is
 * used, so corrupt input ends in {@link HprofFormatException} (or a truncated {@link ReadResult} when the
 * file merely stops), never in an index exception or an allocation sized by garbage.
 */
final class RecordDecoder {

    /** Thrown inside a read when the file ends before the record at {@link #offset} does. */
    static final class CutShort extends Exception {
        final long offset;

        CutShort(long offset) {
            super(null, null, false, false);
            this.offset = offset;
        }
    }

    private static final int TOP_LEVEL_HEADER = 9;

    private final Path file;
    private final MappedWindow map;
    private final int idSize;
    private final long fileLength;
    private final boolean[] wanted = new boolean[RecordKind.values().length];
    private final boolean wantRoot;
    private final boolean wantClass;
    private final boolean wantInstance;
    private final boolean wantObjectArray;
    private final boolean wantPrimitiveArray;
    private final boolean wantAnySubRecord;

    private RecordVisitor visitor;
    private long delivered;

    // The cursor used for records read field by field (top-level records and class dumps).
    private long cursor;
    private long cursorCorruptLimit;
    private long cursorRecordStart;
    private String cursorRecordName;

    RecordDecoder(Path file, MappedWindow map, int idSize, Set<RecordKind> kinds) {
        this.file = file;
        this.map = map;
        this.idSize = idSize;
        this.fileLength = map.fileLength();
        for (RecordKind kind : kinds) {
            wanted[kind.ordinal()] = true;
        }
        wantRoot = wanted[RecordKind.GC_ROOT.ordinal()];
        wantClass = wanted[RecordKind.CLASS_DUMP.ordinal()];
        wantInstance = wanted[RecordKind.INSTANCE_DUMP.ordinal()];
        wantObjectArray = wanted[RecordKind.OBJECT_ARRAY_DUMP.ordinal()];
        wantPrimitiveArray = wanted[RecordKind.PRIMITIVE_ARRAY_DUMP.ordinal()];
        wantAnySubRecord = wantRoot || wantClass || wantInstance || wantObjectArray || wantPrimitiveArray;
    }

    /** Reads every record from {@code firstRecord} to the end of the file. */
    ReadResult readAll(long firstRecord, RecordVisitor recordVisitor) throws IOException {
        this.visitor = recordVisitor;
        this.delivered = 0;
        long pos = firstRecord;
        while (pos < fileLength) {
            if (fileLength - pos < TOP_LEVEL_HEADER) {
                return cut(pos, "a record header needs " + TOP_LEVEL_HEADER + " bytes at " + pos
                        + ", file ends at " + fileLength);
            }
            int i = map.index(pos, TOP_LEVEL_HEADER);
            ByteBuffer b = map.buffer;
            int tag = b.get(i) & 0xFF;
            long length = Integer.toUnsignedLong(b.getInt(i + 5));
            long end = pos + TOP_LEVEL_HEADER + length;
            if (tag == 0x0C || tag == 0x1C) {
                String name = tag == 0x1C ? "heap dump segment" : "heap dump";
                String cutSentence = name + " declared " + length + " bytes at " + pos + ", file ends at " + fileLength;
                if (wanted[RecordKind.HEAP_DUMP_START.ordinal()]) {
                    deliver(pos, new HprofRecord.HeapDumpStart(tag == 0x1C, length));
                }
                if (wantAnySubRecord) {
                    long sub = pos + TOP_LEVEL_HEADER;
                    long limit = Math.min(end, fileLength);
                    try {
                        while (sub < limit) {
                            sub = subRecord(sub, end);
                        }
                    } catch (CutShort cutShort) {
                        return cut(cutShort.offset, cutSentence + " (the sub-record at " + cutShort.offset
                                + " is cut short)");
                    }
                    if (end > fileLength) {
                        return cut(sub, cutSentence);
                    }
                } else if (end > fileLength) {
                    return cut(pos, cutSentence);
                }
            } else {
                if (end > fileLength) {
                    return cut(pos, topLevelName(tag) + " record declared " + length + " bytes at " + pos
                            + ", file ends at " + fileLength);
                }
                RecordKind kind = topLevelKind(tag);
                if (wanted[kind.ordinal()]) {
                    deliver(pos, topLevel(tag, pos, length));
                }
            }
            pos = end;
        }
        return new ReadResult(delivered, -1, null);
    }

    private ReadResult cut(long offset, String sentence) {
        return new ReadResult(delivered, offset, sentence);
    }

    private void deliver(long offset, HprofRecord record) throws IOException {
        visitor.visit(offset, record);
        delivered++;
    }

    /** Decodes the top-level record at {@code offset} whatever the wanted kinds (random access). */
    HprofRecord topLevelAt(long offset) throws IOException {
        if (offset < 0 || offset >= fileLength) {
            throw new HprofFormatException(file, offset, "no record here: the file holds bytes 0 to " + fileLength);
        }
        if (fileLength - offset < TOP_LEVEL_HEADER) {
            throw new HprofFormatException(file, offset, "file ends at " + fileLength + " inside a record header");
        }
        int i = map.index(offset, TOP_LEVEL_HEADER);
        int tag = map.buffer.get(i) & 0xFF;
        long length = Integer.toUnsignedLong(map.buffer.getInt(i + 5));
        if (tag == 0x0C || tag == 0x1C) {
            // A heap dump's sub-records are read one by one with readHeapDumpRecordAt; this is only its start.
            return new HprofRecord.HeapDumpStart(tag == 0x1C, length);
        }
        if (offset + TOP_LEVEL_HEADER + length > fileLength) {
            throw new HprofFormatException(file, offset, topLevelName(tag) + " record declares " + length
                    + " bytes, file ends at " + fileLength);
        }
        return topLevel(tag, offset, length);
    }

    /** Decodes the heap dump sub-record at {@code offset}, bounded only by the file. */
    HeapDumpRecord subRecordAt(long offset) throws IOException {
        if (offset < 0 || offset >= fileLength) {
            throw new HprofFormatException(file, offset, "no record here: the file holds bytes 0 to " + fileLength);
        }
        HeapDumpRecord[] found = new HeapDumpRecord[1];
        this.visitor = (at, record) -> found[0] = (HeapDumpRecord) record;
        try {
            subRecord(offset, fileLength);
        } catch (CutShort cutShort) {
            throw new HprofFormatException(file, offset, "file ends at " + fileLength + " inside this sub-record");
        }
        return found[0];
    }

    // ---- heap dump sub-records: the hot path ----

    /**
     * Checks that a sub-record starting at {@code start} may extend to {@code upTo}: past its segment is
     * corruption, past the file (inside the segment) is truncation.
     */
    private void need(long start, long upTo, long segmentEnd, int tag) throws HprofFormatException, CutShort {
        if (upTo > segmentEnd) {
            throw new HprofFormatException(file, start, String.format(
                    "sub-record 0x%02X needs bytes up to %d, past the end of its heap dump segment at %d",
                    tag, upTo, segmentEnd));
        }
        if (upTo > fileLength) {
            throw new CutShort(start);
        }
    }

    /** Reads (or skips) the sub-record at {@code pos} and returns the offset after it. */
    private long subRecord(long pos, long segmentEnd) throws IOException, CutShort {
        need(pos, pos + 1, segmentEnd, 0);
        int tagIndex = map.index(pos, 1);
        int tag = map.buffer.get(tagIndex) & 0xFF;
        int id = idSize;
        switch (tag) {
            case 0x21:
                return instanceDump(pos, segmentEnd);
            case 0x22:
                return objectArrayDump(pos, segmentEnd);
            case 0x23:
                return primitiveArrayDump(pos, segmentEnd);
            case 0x20:
                return classDump(pos, segmentEnd);
            case 0xFF:
            case 0x05:
            case 0x07:
                return root(pos, segmentEnd, tag, 1 + id);
            case 0x01:
                return root(pos, segmentEnd, tag, 1 + 2 * id);
            case 0x02:
            case 0x03:
            case 0x08:
                return root(pos, segmentEnd, tag, 1 + id + 8);
            case 0x04:
            case 0x06:
                return root(pos, segmentEnd, tag, 1 + id + 4);
            default:
                throw new HprofFormatException(file, pos, String.format(
                        "unknown heap dump sub-record tag 0x%02X (expected a GC root 0xFF or 0x01-0x08, or 0x20-0x23);"
                                + " sub-records carry no length, so the rest of the segment cannot be read", tag));
        }
    }

    private long root(long pos, long segmentEnd, int tag, int size) throws IOException, CutShort {
        need(pos, pos + size, segmentEnd, tag);
        if (wantRoot) {
            int i = map.index(pos, size) + 1;
            ByteBuffer b = map.buffer;
            long objectId = id(b, i);
            int after = i + idSize;
            HeapDumpRecord.GcRoot root = switch (tag) {
                case 0xFF -> new HeapDumpRecord.RootUnknown(objectId);
                case 0x01 -> new HeapDumpRecord.RootJniGlobal(objectId, id(b, after));
                case 0x02 -> new HeapDumpRecord.RootJniLocal(objectId, b.getInt(after), b.getInt(after + 4));
                case 0x03 -> new HeapDumpRecord.RootJavaFrame(objectId, b.getInt(after), b.getInt(after + 4));
                case 0x04 -> new HeapDumpRecord.RootNativeStack(objectId, b.getInt(after));
                case 0x05 -> new HeapDumpRecord.RootStickyClass(objectId);
                case 0x06 -> new HeapDumpRecord.RootThreadBlock(objectId, b.getInt(after));
                case 0x07 -> new HeapDumpRecord.RootMonitorUsed(objectId);
                default -> new HeapDumpRecord.RootThreadObject(objectId, b.getInt(after), b.getInt(after + 4));
            };
            deliver(pos, root);
        }
        return pos + size;
    }

    private long instanceDump(long pos, long segmentEnd) throws IOException, CutShort {
        int id = idSize;
        int header = 1 + id + 4 + id + 4;
        need(pos, pos + header, segmentEnd, 0x21);
        int i = map.index(pos, header);
        long valuesLength = Integer.toUnsignedLong(map.buffer.getInt(i + header - 4));
        long end = pos + header + valuesLength;
        need(pos, end, segmentEnd, 0x21);
        if (wantInstance) {
            if (end - pos > MappedWindow.MAX_MAPPING) {
                throw new HprofFormatException(file, pos, "instance dump declares " + valuesLength
                        + " bytes of field values, more than one buffer can hold");
            }
            i = map.index(pos, (int) (end - pos));
            ByteBuffer b = map.buffer;
            deliver(pos, new InstanceDump(id(b, i + 1), b.getInt(i + 1 + id), id(b, i + 5 + id),
                    b.slice(i + header, (int) valuesLength)));
        }
        return end;
    }

    private long objectArrayDump(long pos, long segmentEnd) throws IOException, CutShort {
        int id = idSize;
        int header = 1 + id + 4 + 4 + id;
        need(pos, pos + header, segmentEnd, 0x22);
        int i = map.index(pos, header);
        int length = map.buffer.getInt(i + 1 + id + 4);
        if (length < 0) {
            throw new HprofFormatException(file, pos, "object array dump declares a negative length " + length);
        }
        long end = pos + header + (long) length * id;
        need(pos, end, segmentEnd, 0x22);
        if (wantObjectArray) {
            if (end - pos > MappedWindow.MAX_MAPPING) {
                // Unlike a primitive array, cutting the view would silently drop references.
                throw new HprofFormatException(file, pos, "object array dump of " + length + " elements takes "
                        + (end - pos) + " bytes, more than one buffer can hold (2 GiB); not supported");
            }
            i = map.index(pos, (int) (end - pos));
            ByteBuffer b = map.buffer;
            deliver(pos, new ObjectArrayDump(id(b, i + 1), b.getInt(i + 1 + id), length, id(b, i + 1 + id + 8),
                    id, b.slice(i + header, length * id)));
        }
        return end;
    }

    private long primitiveArrayDump(long pos, long segmentEnd) throws IOException, CutShort {
        int id = idSize;
        int header = 1 + id + 4 + 4 + 1;
        need(pos, pos + header, segmentEnd, 0x23);
        int i = map.index(pos, header);
        ByteBuffer b = map.buffer;
        int length = b.getInt(i + 1 + id + 4);
        int typeTag = b.get(i + header - 1) & 0xFF;
        BasicType type = BasicType.forTag(typeTag);
        if (type == null || type == BasicType.OBJECT) {
            throw new HprofFormatException(file, pos, "primitive array dump has element type tag " + typeTag
                    + ", expected a primitive type tag (4-11)");
        }
        if (length < 0) {
            throw new HprofFormatException(file, pos, "primitive array dump declares a negative length " + length);
        }
        int width = type.sizeInFile(id);
        long payload = (long) length * width;
        long end = pos + header + payload;
        need(pos, end, segmentEnd, 0x23);
        if (wantPrimitiveArray) {
            // An array of more than 2 GiB (say a long[] of 300 M elements) gets a view of its first
            // elements only: length still tells its true size, which is what an index needs.
            long viewBytes = Math.min(payload, ((long) MappedWindow.MAX_MAPPING - header) / width * width);
            i = map.index(pos, (int) (header + viewBytes));
            b = map.buffer;
            deliver(pos, new PrimitiveArrayDump(id(b, i + 1), b.getInt(i + 1 + id), length, type,
                    b.slice(i + header, (int) viewBytes)));
        }
        return end;
    }

    private long classDump(long pos, long segmentEnd) throws IOException, CutShort {
        int id = idSize;
        startCursor(pos, segmentEnd, "class dump");
        cursor = pos + 1;
        long classId = cursorId();
        int stackTraceSerial = cursorU4();
        long superId = cursorId();
        long loaderId = cursorId();
        long signersId = cursorId();
        long protectionDomainId = cursorId();
        cursor += 2L * id; // two reserved identifiers
        int instanceSize = cursorU4();
        int constantPoolCount = cursorU2();
        List<ConstantPoolEntry> constantPool = wantClass ? new ArrayList<>(constantPoolCount) : null;
        for (int n = 0; n < constantPoolCount; n++) {
            int index = cursorU2();
            BasicType type = cursorType();
            long value = cursorValue(type);
            if (constantPool != null) {
                constantPool.add(new ConstantPoolEntry(index, type, value));
            }
        }
        int staticCount = cursorU2();
        List<StaticField> statics = wantClass ? new ArrayList<>(staticCount) : null;
        for (int n = 0; n < staticCount; n++) {
            long nameId = cursorId();
            BasicType type = cursorType();
            long value = cursorValue(type);
            if (statics != null) {
                statics.add(new StaticField(nameId, type, value));
            }
        }
        int fieldCount = cursorU2();
        List<FieldDescriptor> fields = wantClass ? new ArrayList<>(fieldCount) : null;
        for (int n = 0; n < fieldCount; n++) {
            long nameId = cursorId();
            BasicType type = cursorType();
            if (fields != null) {
                fields.add(new FieldDescriptor(nameId, type));
            }
        }
        if (wantClass) {
            deliver(pos, new ClassDump(classId, stackTraceSerial, superId, loaderId, signersId, protectionDomainId,
                    instanceSize, constantPool, statics, fields));
        }
        return cursor;
    }

    private long id(ByteBuffer b, int index) {
        return idSize == 4 ? Integer.toUnsignedLong(b.getInt(index)) : b.getLong(index);
    }

    // ---- the cursor: records read field by field, each field checked ----

    private void startCursor(long recordStart, long corruptLimit, String name) {
        cursorRecordStart = recordStart;
        cursorCorruptLimit = corruptLimit;
        cursorRecordName = name;
    }

    /** Makes {@code bytes} at the cursor readable and returns their buffer index; advances the cursor. */
    private int take(int bytes) throws IOException, CutShort {
        long upTo = cursor + bytes;
        if (upTo > cursorCorruptLimit) {
            throw new HprofFormatException(file, cursorRecordStart, cursorRecordName + " needs bytes up to "
                    + upTo + ", past the end of its " + (cursorRecordName.equals("class dump")
                    ? "heap dump segment" : "record") + " at " + cursorCorruptLimit);
        }
        if (upTo > fileLength) {
            throw new CutShort(cursorRecordStart);
        }
        int i = map.index(cursor, bytes);
        cursor = upTo;
        return i;
    }

    private int cursorU1() throws IOException, CutShort {
        int i = take(1);
        return map.buffer.get(i) & 0xFF;
    }

    private int cursorU2() throws IOException, CutShort {
        int i = take(2);
        return map.buffer.getShort(i) & 0xFFFF;
    }

    private int cursorU4() throws IOException, CutShort {
        int i = take(4);
        return map.buffer.getInt(i);
    }

    private long cursorU8() throws IOException, CutShort {
        int i = take(8);
        return map.buffer.getLong(i);
    }

    private long cursorId() throws IOException, CutShort {
        return idSize == 4 ? Integer.toUnsignedLong(cursorU4()) : cursorU8();
    }

    private BasicType cursorType() throws IOException, CutShort {
        long at = cursor;
        int tag = cursorU1();
        BasicType type = BasicType.forTag(tag);
        if (type == null) {
            throw new HprofFormatException(file, at, cursorRecordName + " at " + cursorRecordStart
                    + " has type tag " + tag + ", expected a basic type tag (2, 4-11)");
        }
        return type;
    }

    /** A value's raw bits, zero-extended (see {@link ConstantPoolEntry}). */
    private long cursorValue(BasicType type) throws IOException, CutShort {
        return switch (type.sizeInFile(idSize)) {
            case 1 -> cursorU1();
            case 2 -> cursorU2();
            case 4 -> Integer.toUnsignedLong(cursorU4());
            default -> cursorU8();
        };
    }

    // ---- top-level records ----

    private HprofRecord topLevel(int tag, long pos, long length) throws IOException {
        long body = pos + TOP_LEVEL_HEADER;
        long end = body + length;
        startCursor(pos, end, topLevelName(tag));
        cursor = body;
        try {
            return switch (tag) {
                case 0x01 -> utf8(length);
                case 0x02 -> new HprofRecord.LoadClass(cursorU4(), cursorId(), cursorU4(), cursorId());
                case 0x03 -> new HprofRecord.UnloadClass(cursorU4());
                case 0x04 -> new HprofRecord.StackFrame(cursorId(), cursorId(), cursorId(), cursorId(), cursorU4(),
                        cursorU4());
                case 0x05 -> stackTrace(end);
                case 0x06 -> allocSites(end);
                case 0x07 -> new HprofRecord.HeapSummary(cursorU4(), cursorU4(), cursorU8(), cursorU8());
                case 0x0A -> new HprofRecord.StartThread(cursorU4(), cursorId(), cursorU4(), cursorId(), cursorId(),
                        cursorId());
                case 0x0B -> new HprofRecord.EndThread(cursorU4());
                case 0x0D -> cpuSamples(end);
                case 0x0E -> new HprofRecord.ControlSettings(cursorU4(), (short) cursorU2());
                case 0x2C -> new HprofRecord.HeapDumpEnd();
                default -> new HprofRecord.Unrecognised(tag, length);
            };
        } catch (CutShort cannotHappen) {
            // The caller checked that the record ends inside the file, and the cursor stops at its end.
            throw new HprofFormatException(file, pos, "file ends inside this record");
        }
    }

    private HprofRecord utf8(long length) throws IOException, CutShort {
        long id = cursorId();
        long textLength = length - idSize;
        if (textLength > MappedWindow.MAX_MAPPING) {
            throw new HprofFormatException(file, cursorRecordStart, "UTF8 record of " + length
                    + " bytes, longer than a Java string can be");
        }
        byte[] bytes = new byte[(int) textLength];
        if (textLength > 0) {
            int i = take(bytes.length);
            map.buffer.get(i, bytes);
        }
        // HotSpot writes modified UTF-8; decoding it as UTF-8 differs only for NUL and supplementary
        // characters, and malformed bytes become U+FFFD rather than an error.
        return new HprofRecord.Utf8(id, new String(bytes, StandardCharsets.UTF_8));
    }

    private HprofRecord stackTrace(long end) throws IOException, CutShort {
        int serial = cursorU4();
        int threadSerial = cursorU4();
        long frames = Integer.toUnsignedLong(cursorU4());
        checkCount(frames, idSize, end);
        List<Long> frameIds = new ArrayList<>((int) frames);
        for (long n = 0; n < frames; n++) {
            frameIds.add(cursorId());
        }
        return new HprofRecord.StackTrace(serial, threadSerial, frameIds);
    }

    private HprofRecord allocSites(long end) throws IOException, CutShort {
        short flags = (short) cursorU2();
        float cutoff = Float.intBitsToFloat(cursorU4());
        int liveBytes = cursorU4();
        int liveInstances = cursorU4();
        long bytesAllocated = cursorU8();
        long instancesAllocated = cursorU8();
        long count = Integer.toUnsignedLong(cursorU4());
        checkCount(count, 25, end);
        List<HprofRecord.AllocSite> sites = new ArrayList<>((int) count);
        for (long n = 0; n < count; n++) {
            sites.add(new HprofRecord.AllocSite((byte) cursorU1(), cursorU4(), cursorU4(), cursorU4(), cursorU4(),
                    cursorU4(), cursorU4()));
        }
        return new HprofRecord.AllocSites(flags, cutoff, liveBytes, liveInstances, bytesAllocated, instancesAllocated,
                sites);
    }

    private HprofRecord cpuSamples(long end) throws IOException, CutShort {
        int total = cursorU4();
        long count = Integer.toUnsignedLong(cursorU4());
        checkCount(count, 8, end);
        List<HprofRecord.CpuSample> samples = new ArrayList<>((int) count);
        for (long n = 0; n < count; n++) {
            samples.add(new HprofRecord.CpuSample(cursorU4(), cursorU4()));
        }
        return new HprofRecord.CpuSamples(total, samples);
    }

    /** Refuses a count whose entries cannot fit the record, before a list is sized by it. */
    private void checkCount(long count, int entryBytes, long end) throws HprofFormatException {
        if (cursor + count * entryBytes > end) {
            throw new HprofFormatException(file, cursorRecordStart, cursorRecordName + " declares " + count
                    + " entries of " + entryBytes + " bytes, but the record ends at " + end);
        }
    }

    static RecordKind topLevelKind(int tag) {
        return switch (tag) {
            case 0x01 -> RecordKind.UTF8;
            case 0x02 -> RecordKind.LOAD_CLASS;
            case 0x03 -> RecordKind.UNLOAD_CLASS;
            case 0x04 -> RecordKind.STACK_FRAME;
            case 0x05 -> RecordKind.STACK_TRACE;
            case 0x06 -> RecordKind.ALLOC_SITES;
            case 0x07 -> RecordKind.HEAP_SUMMARY;
            case 0x0A -> RecordKind.START_THREAD;
            case 0x0B -> RecordKind.END_THREAD;
            case 0x0C, 0x1C -> RecordKind.HEAP_DUMP_START;
            case 0x0D -> RecordKind.CPU_SAMPLES;
            case 0x0E -> RecordKind.CONTROL_SETTINGS;
            case 0x2C -> RecordKind.HEAP_DUMP_END;
            default -> RecordKind.UNRECOGNISED;
        };
    }

    static String topLevelName(int tag) {
        RecordKind kind = topLevelKind(tag);
        return kind == RecordKind.UNRECOGNISED ? String.format("unrecognised (tag 0x%02X)", tag) : kind.name();
    }
}

package io.leakhound.testing.hprof;

import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.HeapDumpRecord;
import io.leakhound.hprof.HeapDumpRecord.ClassDump;
import io.leakhound.hprof.HeapDumpRecord.ConstantPoolEntry;
import io.leakhound.hprof.HeapDumpRecord.FieldDescriptor;
import io.leakhound.hprof.HeapDumpRecord.InstanceDump;
import io.leakhound.hprof.HeapDumpRecord.ObjectArrayDump;
import io.leakhound.hprof.HeapDumpRecord.PrimitiveArrayDump;
import io.leakhound.hprof.HeapDumpRecord.StaticField;
import io.leakhound.hprof.HprofRecord;
import io.leakhound.hprof.HprofRecord.AllocSite;
import io.leakhound.hprof.HprofRecord.AllocSites;
import io.leakhound.hprof.HprofRecord.ControlSettings;
import io.leakhound.hprof.HprofRecord.CpuSample;
import io.leakhound.hprof.HprofRecord.CpuSamples;
import io.leakhound.hprof.HprofRecord.EndThread;
import io.leakhound.hprof.HprofRecord.HeapDumpEnd;
import io.leakhound.hprof.HprofRecord.HeapDumpStart;
import io.leakhound.hprof.HprofRecord.HeapSummary;
import io.leakhound.hprof.HprofRecord.LoadClass;
import io.leakhound.hprof.HprofRecord.StackFrame;
import io.leakhound.hprof.HprofRecord.StackTrace;
import io.leakhound.hprof.HprofRecord.StartThread;
import io.leakhound.hprof.HprofRecord.UnloadClass;
import io.leakhound.hprof.HprofRecord.Unrecognised;
import io.leakhound.hprof.HprofRecord.Utf8;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Writes HPROF records 1:1, as {@code JAVA PROFILE 1.0.2}. Top-level records go out as they come;
 * heap dump sub-records are gathered into {@code HEAP DUMP SEGMENT}s of about 1 MiB, so a dump of any
 * size streams through a constant amount of memory (one segment buffer, grown once). {@link #close()}
 * ends the open segment with {@code HEAP DUMP END}.
 *
 * <p>Costs: one buffered copy of each byte; no object per record beyond the caller's. Written for tests
 * and benchmark generators: it writes what it is given, so it can write inconsistent dumps on purpose.
 * Not safe for concurrent use.
 */
public final class HprofWriter implements Closeable {

    /** A segment is flushed once it holds this much; HotSpot uses 1 GiB, a smaller one keeps memory flat. */
    static final int SEGMENT_FLUSH_BYTES = 1 << 20;

    private final OutputStream out;
    private final int identifierSize;
    private final byte[] scratch = new byte[16];
    private byte[] segment = new byte[SEGMENT_FLUSH_BYTES + 4096];
    private int segmentLength;
    /** True once a segment was written and no HEAP DUMP END has closed the run yet. */
    private boolean segmentRunOpen;
    private boolean closed;

    private HprofWriter(OutputStream out, int identifierSize) {
        this.out = out;
        this.identifierSize = identifierSize;
    }

    /**
     * Starts a dump: writes the header {@code JAVA PROFILE 1.0.2}, the identifier size and the timestamp.
     * The writer owns {@code out} from now on and closes it.
     *
     * @param identifierSize 4 or 8
     */
    public static HprofWriter open(OutputStream out, int identifierSize, Instant timestamp) throws IOException {
        if (identifierSize != 4 && identifierSize != 8) {
            throw new IllegalArgumentException("identifier size must be 4 or 8, was " + identifierSize);
        }
        HprofWriter writer = new HprofWriter(new BufferedOutputStream(out, 1 << 16), identifierSize);
        writer.out.write("JAVA PROFILE 1.0.2".getBytes(StandardCharsets.US_ASCII));
        writer.out.write(0);
        writer.writeU4(identifierSize);
        long millis = timestamp.toEpochMilli();
        writer.writeU4((int) (millis >>> 32));
        writer.writeU4((int) millis);
        return writer;
    }

    public int identifierSize() {
        return identifierSize;
    }

    /**
     * Writes a top-level record. A {@link HeapDumpRecord} is routed to {@link #write(HeapDumpRecord)}; a
     * {@link HeapDumpEnd} closes the open run of segments. {@link HeapDumpStart} cannot be written: the
     * writer makes segments itself, with the length of what they hold.
     */
    public void write(HprofRecord record) throws IOException {
        ensureOpen();
        if (record instanceof HeapDumpRecord sub) {
            write(sub);
            return;
        }
        if (record instanceof HeapDumpStart start) {
            throw new IllegalArgumentException("the writer makes heap dump segments itself; cannot write " + start);
        }
        if (record instanceof HeapDumpEnd) {
            endSegmentRun();
            return;
        }
        // Keep file order: sub-records written before this record go out before it.
        flushSegment();
        if (record instanceof Utf8 utf8) {
            byte[] text = utf8.text().getBytes(StandardCharsets.UTF_8);
            topLevelHeader(0x01, identifierSize + text.length);
            writeId(utf8.id());
            out.write(text);
        } else if (record instanceof LoadClass load) {
            topLevelHeader(0x02, 8 + 2 * identifierSize);
            writeU4(load.classSerial());
            writeId(load.classObjectId());
            writeU4(load.stackTraceSerial());
            writeId(load.classNameId());
        } else if (record instanceof UnloadClass unload) {
            topLevelHeader(0x03, 4);
            writeU4(unload.classSerial());
        } else if (record instanceof StackFrame frame) {
            topLevelHeader(0x04, 4 * identifierSize + 8);
            writeId(frame.frameId());
            writeId(frame.methodNameId());
            writeId(frame.methodSignatureId());
            writeId(frame.sourceFileNameId());
            writeU4(frame.classSerial());
            writeU4(frame.lineNumber());
        } else if (record instanceof StackTrace trace) {
            topLevelHeader(0x05, 12L + (long) trace.frameIds().size() * identifierSize);
            writeU4(trace.stackTraceSerial());
            writeU4(trace.threadSerial());
            writeU4(trace.frameIds().size());
            for (long frameId : trace.frameIds()) {
                writeId(frameId);
            }
        } else if (record instanceof AllocSites sites) {
            topLevelHeader(0x06, 34L + 25L * sites.sites().size());
            writeU2(sites.flags());
            writeU4(Float.floatToRawIntBits(sites.cutoffRatio()));
            writeU4(sites.totalLiveBytes());
            writeU4(sites.totalLiveInstances());
            writeU8(sites.totalBytesAllocated());
            writeU8(sites.totalInstancesAllocated());
            writeU4(sites.sites().size());
            for (AllocSite site : sites.sites()) {
                out.write(site.arrayIndicator());
                writeU4(site.classSerial());
                writeU4(site.stackTraceSerial());
                writeU4(site.liveBytes());
                writeU4(site.liveInstances());
                writeU4(site.bytesAllocated());
                writeU4(site.instancesAllocated());
            }
        } else if (record instanceof HeapSummary summary) {
            topLevelHeader(0x07, 24);
            writeU4(summary.totalLiveBytes());
            writeU4(summary.totalLiveInstances());
            writeU8(summary.totalBytesAllocated());
            writeU8(summary.totalInstancesAllocated());
        } else if (record instanceof StartThread start) {
            topLevelHeader(0x0A, 8 + 4 * identifierSize);
            writeU4(start.threadSerial());
            writeId(start.threadObjectId());
            writeU4(start.stackTraceSerial());
            writeId(start.threadNameId());
            writeId(start.threadGroupNameId());
            writeId(start.threadGroupParentNameId());
        } else if (record instanceof EndThread end) {
            topLevelHeader(0x0B, 4);
            writeU4(end.threadSerial());
        } else if (record instanceof CpuSamples samples) {
            topLevelHeader(0x0D, 8L + 8L * samples.samples().size());
            writeU4(samples.totalSamples());
            writeU4(samples.samples().size());
            for (CpuSample sample : samples.samples()) {
                writeU4(sample.sampleCount());
                writeU4(sample.stackTraceSerial());
            }
        } else if (record instanceof ControlSettings settings) {
            topLevelHeader(0x0E, 6);
            writeU4(settings.flags());
            writeU2(settings.stackTraceDepth());
        } else if (record instanceof Unrecognised unrecognised) {
            // The record says only how long it was; its bytes were not kept, so write zeros.
            topLevelHeader(unrecognised.tag(), unrecognised.length());
            for (long i = 0; i < unrecognised.length(); i++) {
                out.write(0);
            }
        } else {
            throw new IllegalArgumentException("cannot write " + record);
        }
    }

    /** Appends a sub-record to the open heap dump segment, flushing the segment once it reaches ~1 MiB. */
    public void write(HeapDumpRecord record) throws IOException {
        ensureOpen();
        if (record instanceof HeapDumpRecord.RootUnknown r) {
            segU1(0xFF);
            segId(r.objectId());
        } else if (record instanceof HeapDumpRecord.RootJniGlobal r) {
            segU1(0x01);
            segId(r.objectId());
            segId(r.jniGlobalRefId());
        } else if (record instanceof HeapDumpRecord.RootJniLocal r) {
            segU1(0x02);
            segId(r.objectId());
            segU4(r.threadSerial());
            segU4(r.frameNumber());
        } else if (record instanceof HeapDumpRecord.RootJavaFrame r) {
            segU1(0x03);
            segId(r.objectId());
            segU4(r.threadSerial());
            segU4(r.frameNumber());
        } else if (record instanceof HeapDumpRecord.RootNativeStack r) {
            segU1(0x04);
            segId(r.objectId());
            segU4(r.threadSerial());
        } else if (record instanceof HeapDumpRecord.RootStickyClass r) {
            segU1(0x05);
            segId(r.objectId());
        } else if (record instanceof HeapDumpRecord.RootThreadBlock r) {
            segU1(0x06);
            segId(r.objectId());
            segU4(r.threadSerial());
        } else if (record instanceof HeapDumpRecord.RootMonitorUsed r) {
            segU1(0x07);
            segId(r.objectId());
        } else if (record instanceof HeapDumpRecord.RootThreadObject r) {
            segU1(0x08);
            segId(r.objectId());
            segU4(r.threadSerial());
            segU4(r.stackTraceSerial());
        } else if (record instanceof ClassDump c) {
            writeClassDump(c);
        } else if (record instanceof InstanceDump i) {
            ByteBuffer values = i.fieldValues();
            segU1(0x21);
            segId(i.objectId());
            segU4(i.stackTraceSerial());
            segId(i.classObjectId());
            segU4(values.limit());
            segBytes(values);
        } else if (record instanceof ObjectArrayDump a) {
            segU1(0x22);
            segId(a.arrayObjectId());
            segU4(a.stackTraceSerial());
            segU4(a.length());
            segId(a.arrayClassObjectId());
            if (a.identifierSize() == identifierSize) {
                segBytes(a.elements());
            } else {
                // Re-encode when the record was made for the other identifier width.
                for (int index = 0; index < a.length(); index++) {
                    segId(a.elementId(index));
                }
            }
        } else if (record instanceof PrimitiveArrayDump p) {
            segU1(0x23);
            segId(p.arrayObjectId());
            segU4(p.stackTraceSerial());
            segU4(p.length());
            segU1(p.elementType().tag());
            segBytes(p.elements());
        } else {
            throw new IllegalArgumentException("cannot write " + record);
        }
        if (segmentLength >= SEGMENT_FLUSH_BYTES) {
            flushSegment();
        }
    }

    private void writeClassDump(ClassDump c) {
        segU1(0x20);
        segId(c.classObjectId());
        segU4(c.stackTraceSerial());
        segId(c.superClassObjectId());
        segId(c.classLoaderObjectId());
        segId(c.signersObjectId());
        segId(c.protectionDomainObjectId());
        segId(0); // reserved
        segId(0); // reserved
        segU4(c.instanceSize());
        segU2(c.constantPool().size());
        for (ConstantPoolEntry entry : c.constantPool()) {
            segU2(entry.index());
            segU1(entry.type().tag());
            segValue(entry.type(), entry.value());
        }
        segU2(c.staticFields().size());
        for (StaticField field : c.staticFields()) {
            segId(field.nameId());
            segU1(field.type().tag());
            segValue(field.type(), field.value());
        }
        segU2(c.instanceFields().size());
        for (FieldDescriptor field : c.instanceFields()) {
            segId(field.nameId());
            segU1(field.type().tag());
        }
    }

    /** Writes the open segment, if any, and {@code HEAP DUMP END}, then closes the output. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            endSegmentRun();
            out.flush();
        } finally {
            closed = true;
            out.close();
        }
    }

    private void endSegmentRun() throws IOException {
        flushSegment();
        if (segmentRunOpen) {
            topLevelHeader(0x2C, 0);
            segmentRunOpen = false;
        }
    }

    private void flushSegment() throws IOException {
        if (segmentLength == 0) {
            return;
        }
        topLevelHeader(0x1C, segmentLength);
        out.write(segment, 0, segmentLength);
        segmentLength = 0;
        segmentRunOpen = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("writer is closed");
        }
    }

    private void topLevelHeader(int tag, long length) throws IOException {
        if (length > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("record of " + length + " bytes does not fit HPROF's u4 length");
        }
        out.write(tag);
        writeU4(0); // time delta: tests never need it
        writeU4((int) length);
    }

    private void writeU2(int value) throws IOException {
        scratch[0] = (byte) (value >>> 8);
        scratch[1] = (byte) value;
        out.write(scratch, 0, 2);
    }

    private void writeU4(int value) throws IOException {
        scratch[0] = (byte) (value >>> 24);
        scratch[1] = (byte) (value >>> 16);
        scratch[2] = (byte) (value >>> 8);
        scratch[3] = (byte) value;
        out.write(scratch, 0, 4);
    }

    private void writeU8(long value) throws IOException {
        writeU4((int) (value >>> 32));
        writeU4((int) value);
    }

    private void writeId(long id) throws IOException {
        if (identifierSize == 8) {
            writeU8(id);
        } else {
            writeU4((int) id);
        }
    }

    private void ensureSegmentRoom(int bytes) {
        if (segmentLength + bytes > segment.length) {
            // Only a single record bigger than the flush size grows the buffer.
            segment = Arrays.copyOf(segment, Math.max(segment.length * 2, segmentLength + bytes));
        }
    }

    private void segU1(int value) {
        ensureSegmentRoom(1);
        segment[segmentLength++] = (byte) value;
    }

    private void segU2(int value) {
        ensureSegmentRoom(2);
        segment[segmentLength++] = (byte) (value >>> 8);
        segment[segmentLength++] = (byte) value;
    }

    private void segU4(int value) {
        ensureSegmentRoom(4);
        segment[segmentLength++] = (byte) (value >>> 24);
        segment[segmentLength++] = (byte) (value >>> 16);
        segment[segmentLength++] = (byte) (value >>> 8);
        segment[segmentLength++] = (byte) value;
    }

    private void segU8(long value) {
        segU4((int) (value >>> 32));
        segU4((int) value);
    }

    private void segId(long id) {
        if (identifierSize == 8) {
            segU8(id);
        } else {
            segU4((int) id);
        }
    }

    /** A value's raw bits as the class dump holds them: an identifier, or the type's width. */
    private void segValue(BasicType type, long value) {
        switch (type.sizeInFile(identifierSize)) {
            case 1 -> segU1((int) value);
            case 2 -> segU2((int) value);
            case 4 -> segU4((int) value);
            default -> segU8(value);
        }
    }

    /** Copies the whole buffer (position 0 to limit), leaving the caller's buffer untouched. */
    private void segBytes(ByteBuffer bytes) {
        int length = bytes.limit();
        ensureSegmentRoom(length);
        bytes.get(0, segment, segmentLength, length);
        segmentLength += length;
    }
}

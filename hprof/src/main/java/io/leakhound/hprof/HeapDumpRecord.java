package io.leakhound.hprof;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One sub-record of a {@code HEAP DUMP} or {@code HEAP DUMP SEGMENT}, 1:1 with the format.
 *
 * <p>Instance fields and array elements are not copied: they are read-only {@link ByteBuffer} views of
 * the file (big-endian, position 0, limit = the bytes of the record). Such a record is valid only as
 * long as its {@link HprofFile} is open.
 */
public sealed interface HeapDumpRecord extends HprofRecord permits HeapDumpRecord.GcRoot,
        HeapDumpRecord.ClassDump, HeapDumpRecord.InstanceDump, HeapDumpRecord.ObjectArrayDump,
        HeapDumpRecord.PrimitiveArrayDump {

    /** A GC root: the object it names is alive because the JVM holds it. */
    sealed interface GcRoot extends HeapDumpRecord permits RootUnknown, RootJniGlobal, RootJniLocal,
            RootJavaFrame, RootNativeStack, RootStickyClass, RootThreadBlock, RootMonitorUsed, RootThreadObject {
        long objectId();
    }

    /** {@code ROOT UNKNOWN} (0xFF). */
    record RootUnknown(long objectId) implements GcRoot {
    }

    /** {@code ROOT JNI GLOBAL} (0x01). */
    record RootJniGlobal(long objectId, long jniGlobalRefId) implements GcRoot {
    }

    /** {@code ROOT JNI LOCAL} (0x02); {@code frameNumber} -1 when empty. */
    record RootJniLocal(long objectId, int threadSerial, int frameNumber) implements GcRoot {
    }

    /** {@code ROOT JAVA FRAME} (0x03): a local variable of a Java method; {@code frameNumber} -1 when empty. */
    record RootJavaFrame(long objectId, int threadSerial, int frameNumber) implements GcRoot {
    }

    /** {@code ROOT NATIVE STACK} (0x04). */
    record RootNativeStack(long objectId, int threadSerial) implements GcRoot {
    }

    /** {@code ROOT STICKY CLASS} (0x05): a class the JVM never unloads (system classes, in HotSpot every loaded class). */
    record RootStickyClass(long objectId) implements GcRoot {
    }

    /** {@code ROOT THREAD BLOCK} (0x06). */
    record RootThreadBlock(long objectId, int threadSerial) implements GcRoot {
    }

    /** {@code ROOT MONITOR USED} (0x07): an object whose monitor is held. */
    record RootMonitorUsed(long objectId) implements GcRoot {
    }

    /** {@code ROOT THREAD OBJECT} (0x08): a live thread's {@code java.lang.Thread}. */
    record RootThreadObject(long objectId, int threadSerial, int stackTraceSerial) implements GcRoot {
    }

    /**
     * {@code CLASS DUMP} (0x20). {@code instanceSize} is what the file states (in HotSpot dumps the sum
     * of the field widths in the file, not the size of an instance in the JVM).
     */
    record ClassDump(long classObjectId, int stackTraceSerial, long superClassObjectId, long classLoaderObjectId,
                     long signersObjectId, long protectionDomainObjectId, int instanceSize,
                     List<ConstantPoolEntry> constantPool, List<StaticField> staticFields,
                     List<FieldDescriptor> instanceFields) implements HeapDumpRecord {
        public ClassDump {
            constantPool = List.copyOf(constantPool);
            staticFields = List.copyOf(staticFields);
            instanceFields = List.copyOf(instanceFields);
        }
    }

    /**
     * One constant pool entry of a class dump. {@code value} holds the raw bits: an identifier for
     * {@link BasicType#OBJECT}, else the primitive zero-extended (floats and doubles as their bits).
     */
    record ConstantPoolEntry(int index, BasicType type, long value) {
    }

    /** One static field of a class dump, with its value's raw bits as in {@link ConstantPoolEntry}. */
    record StaticField(long nameId, BasicType type, long value) {
    }

    /** One instance field declared by a class (not its superclasses), in file order. */
    record FieldDescriptor(long nameId, BasicType type) {
    }

    /**
     * {@code INSTANCE DUMP} (0x21): the values of the instance fields, those of the object's class first,
     * then its superclass's, and so on up to {@code java.lang.Object}.
     */
    record InstanceDump(long objectId, int stackTraceSerial, long classObjectId, ByteBuffer fieldValues)
            implements HeapDumpRecord {
        /** The identifier of the reference field whose value starts at {@code offset}, 0 for null. */
        public long identifierAt(int offset, int identifierSize) {
            return identifierSize == 4 ? Integer.toUnsignedLong(fieldValues.getInt(offset)) : fieldValues.getLong(offset);
        }
    }

    /** {@code OBJECT ARRAY DUMP} (0x22): {@code elements} holds {@code length} identifiers of {@code identifierSize} bytes. */
    record ObjectArrayDump(long arrayObjectId, int stackTraceSerial, int length, long arrayClassObjectId,
                           int identifierSize, ByteBuffer elements) implements HeapDumpRecord {
        /** The identifier of element {@code index}, 0 for null. */
        public long elementId(int index) {
            return identifierSize == 4
                    ? Integer.toUnsignedLong(elements.getInt(index * 4))
                    : elements.getLong(index * 8);
        }
    }

    /**
     * {@code PRIMITIVE ARRAY DUMP} (0x23): {@code elements} holds {@code length} values of {@code elementType}.
     * Only for an array of more than 2 GiB, which no buffer can view whole, does {@code elements} hold
     * its first values alone; {@code length} is always the array's.
     */
    record PrimitiveArrayDump(long arrayObjectId, int stackTraceSerial, int length, BasicType elementType,
                              ByteBuffer elements) implements HeapDumpRecord {
    }
}

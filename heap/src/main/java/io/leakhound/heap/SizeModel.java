package io.leakhound.heap;

import io.leakhound.hprof.BasicType;

/**
 * How big an object is in the JVM that wrote the dump. HPROF records the values of an object's fields
 * but not its size in memory, so sizes follow HotSpot's layout:
 * <ul>
 *   <li>an instance is an object header plus its fields, the fields of each class in the hierarchy
 *       starting at the superclass's end rounded up to the reference width, the total rounded up to
 *       the object alignment (8 bytes). The same arithmetic Eclipse MAT uses, so retained sizes compare
 *       with MAT's;</li>
 *   <li>an array is the array header (object header plus the 4-byte length, rounded to the element
 *       alignment) plus length times element width, rounded up to the alignment;</li>
 *   <li>references are 4 bytes on a 32-bit JVM and on a 64-bit JVM with compressed oops, 8 bytes on a
 *       64-bit JVM without them. The dump's identifier size (8 bytes on every 64-bit JVM) does not say
 *       which, so {@link AddressGaps} tells from the distance between neighbouring objects.</li>
 * </ul>
 *
 * @param identifierSize the dump's identifier size: 4 or 8
 * @param referenceSize  bytes of a reference field in the JVM: 4 or 8
 * @param objectHeader   bytes of an instance header: 8 (32-bit), 12 (compressed class pointers), 16
 * @param arrayHeader    bytes before the first array element: 12, 16 or 24 (rounded per element width below)
 */
public record SizeModel(int identifierSize, int referenceSize, int objectHeader, int arrayHeader) {

    /** HotSpot aligns every object to 8 bytes unless told otherwise with -XX:ObjectAlignmentInBytes. */
    public static final int ALIGNMENT = 8;

    public static SizeModel thirtyTwoBit() {
        return new SizeModel(4, 4, 8, 12);
    }

    public static SizeModel compressedOops() {
        return new SizeModel(8, 4, 12, 16);
    }

    public static SizeModel uncompressedOops() {
        return new SizeModel(8, 8, 16, 24);
    }

    /** Bytes one field or array element of this type takes in the JVM. */
    public int width(BasicType type) {
        return type == BasicType.OBJECT ? referenceSize : type.sizeInFile(identifierSize);
    }

    /** Bytes of an array of {@code length} elements of the given type. */
    public long arraySize(BasicType elementType, long length) {
        int width = width(elementType);
        // 64-bit HotSpot without compressed class pointers starts long/double/reference elements at an
        // 8-byte boundary; with them the 16-byte header already is one.
        long base = width == 8 ? alignUp(arrayHeader, 8) : arrayHeader;
        return alignUp(base + width * length, ALIGNMENT);
    }

    /** A sentence for reports: which JVM layout the sizes assume. */
    public String description() {
        if (identifierSize == 4) {
            return "32-bit JVM layout: 8-byte object headers, 4-byte references, 8-byte alignment";
        }
        return referenceSize == 4
                ? "64-bit JVM layout with compressed oops: 12-byte object headers, 4-byte references, 8-byte alignment"
                : "64-bit JVM layout without compressed oops: 16-byte object headers, 8-byte references, 8-byte alignment";
    }

    static long alignUp(long value, int alignment) {
        return (value + alignment - 1) & -alignment;
    }
}

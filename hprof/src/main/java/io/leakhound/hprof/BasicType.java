package io.leakhound.hprof;

/**
 * The value types of the HPROF format, with the tag byte the file uses for each. An {@link #OBJECT}
 * value is an identifier, whose width the header gives; the others have fixed widths.
 */
public enum BasicType {
    OBJECT(2, 0),
    BOOLEAN(4, 1),
    CHAR(5, 2),
    FLOAT(6, 4),
    DOUBLE(7, 8),
    BYTE(8, 1),
    SHORT(9, 2),
    INT(10, 4),
    LONG(11, 8);

    private static final BasicType[] BY_TAG = new BasicType[12];

    static {
        for (BasicType type : values()) {
            BY_TAG[type.tag] = type;
        }
    }

    private final int tag;
    private final int fixedSize;

    BasicType(int tag, int fixedSize) {
        this.tag = tag;
        this.fixedSize = fixedSize;
    }

    /** The tag byte that stands for this type in the file. */
    public int tag() {
        return tag;
    }

    /** Bytes one value takes in the file: {@code identifierSize} for {@link #OBJECT}. */
    public int sizeInFile(int identifierSize) {
        return this == OBJECT ? identifierSize : fixedSize;
    }

    /** The type a tag byte stands for, or {@code null} when the byte is no type tag. */
    public static BasicType forTag(int tag) {
        return tag >= 0 && tag < BY_TAG.length ? BY_TAG[tag] : null;
    }
}

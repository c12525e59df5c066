package io.leakhound.hprof;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Hand-assembled HPROF bytes for the reader's own tests (the testing module's writer cannot be used
 * here: it depends on this module). Big-endian, as the format is.
 */
final class DumpBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final int idSize;

    DumpBytes(int idSize) {
        this.idSize = idSize;
    }

    static DumpBytes header(String format, int idSize, long millis) {
        DumpBytes bytes = new DumpBytes(idSize);
        bytes.raw(format.getBytes(StandardCharsets.US_ASCII)).u1(0).u4(idSize).u4((int) (millis >>> 32)).u4((int) millis);
        return bytes;
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    DumpBytes u1(int value) {
        out.write(value);
        return this;
    }

    DumpBytes u2(int value) {
        return u1(value >>> 8).u1(value);
    }

    DumpBytes u4(int value) {
        return u2(value >>> 16).u2(value);
    }

    DumpBytes u8(long value) {
        return u4((int) (value >>> 32)).u4((int) value);
    }

    DumpBytes id(long value) {
        return idSize == 8 ? u8(value) : u4((int) value);
    }

    DumpBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** A top-level record: tag, time 0, the body's length, the body. */
    DumpBytes record(int tag, DumpBytes body) {
        return u1(tag).u4(0).u4(body.size()).raw(body.toByteArray());
    }

    DumpBytes body() {
        return new DumpBytes(idSize);
    }
}

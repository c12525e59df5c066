package io.leakhound.series.gclog;

/**
 * One line of a log as a window on the reader's byte buffer, reused for every line so that reading a
 * log allocates nothing per line. Bytes are read as ISO-8859-1 (GC logs are ASCII; a stray non-ASCII
 * byte in application output becomes one odd character rather than a decoding error).
 *
 * <p>Valid only until the reader moves on: {@link #toString()} copies when a string must be kept.
 */
final class AsciiLine implements CharSequence {

    private byte[] bytes;
    private int start;
    private int length;

    AsciiLine() {
        this(new byte[0], 0, 0);
    }

    AsciiLine(byte[] bytes, int start, int length) {
        set(bytes, start, length);
    }

    static AsciiLine of(String s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) s.charAt(i);
        }
        return new AsciiLine(b, 0, b.length);
    }

    void set(byte[] bytes, int start, int length) {
        this.bytes = bytes;
        this.start = start;
        this.length = length;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return (char) (bytes[start + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int from, int to) {
        if (from < 0 || to > length || from > to) {
            throw new IndexOutOfBoundsException("[" + from + ", " + to + ") of " + length);
        }
        return new AsciiLine(bytes, start + from, to - from);
    }

    @Override
    public String toString() {
        return new String(bytes, start, length, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}

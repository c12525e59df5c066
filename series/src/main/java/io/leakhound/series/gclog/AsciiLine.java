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

    /** The text itself when it is an {@code AsciiLine}, else a copy (characters above 255 become '?'). */
    static AsciiLine of(CharSequence s) {
        if (s instanceof AsciiLine) {
            return (AsciiLine) s;
        }
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) {
            char c = s.charAt(i);
            b[i] = (byte) (c < 256 ? c : '?');
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

    /**
     * The character at {@code index} without the range check of {@link #charAt}: for the parsers' loops,
     * which stay within {@code [0, length())} (the array's own check still guards the buffer).
     */
    char at(int index) {
        return (char) (bytes[start + index] & 0xff);
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

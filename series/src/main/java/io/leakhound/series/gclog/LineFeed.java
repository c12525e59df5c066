package io.leakhound.series.gclog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** Cuts a stream into lines on {@code \n} (dropping a {@code \r} before it) and feeds the parser. */
final class LineFeed {

    /** The longest line kept; a longer one is not a GC log line. */
    static final int BUFFER_BYTES = 1 << 20;

    private final Path name;
    private final GcLogParser parser;
    long lines;
    long overlong;
    boolean unterminated;
    boolean unterminatedSkipped;

    LineFeed(Path name, GcLogParser parser) {
        this.name = name;
        this.parser = parser;
    }

    void run(InputStream in) throws IOException {
        byte[] buf = new byte[BUFFER_BYTES];
        AsciiLine line = new AsciiLine();
        int len = 0;
        int scanFrom = 0;
        boolean skipping = false; // inside a line longer than the buffer
        int r;
        while ((r = in.read(buf, len, buf.length - len)) > 0) {
            len += r;
            int start = 0;
            int i = scanFrom;
            while ((i = newline(buf, i, len)) >= 0) {
                lines++;
                if (skipping) {
                    skipping = false;
                } else {
                    int end = i > start && buf[i - 1] == '\r' ? i - 1 : i;
                    line.set(buf, start, end - start);
                    parser.accept(line, lines);
                }
                start = ++i;
            }
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, len - start);
                len -= start;
            } else if (len == buf.length) {
                // a line longer than the buffer is not a GC log line: drop it up to its end
                if (!skipping) {
                    overlong++;
                }
                skipping = true;
                len = 0;
            }
            scanFrom = len;
        }
        if (skipping) {
            lines++;
        } else if (len > 0) {
            // A last line without its end: either the file just lacks a final newline, or the JVM was
            // stopped while writing it. The parser skips (and counts) a line cut short, so feed it and
            // warn only when it was skipped.
            lines++;
            unterminated = true;
            int end = buf[len - 1] == '\r' ? len - 1 : len;
            long before = parser.skippedLines();
            line.set(buf, 0, end);
            parser.accept(line, lines);
            unterminatedSkipped = parser.skippedLines() > before;
        }
    }

    // its own small method: the JIT compiles this scan far better than when inlined into the loop above
    private static int newline(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return name.toString();
    }
}

package io.leakhound.series.gclog;

import io.leakhound.series.GcLogFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;

/** The first bytes of a part: enough to tell the format and the first time stamp. */
final class LogHead {

    /** How much of each part is read to tell its format and first time stamp. */
    static final int HEAD_BYTES = 64 * 1024;

    final byte[] bytes;
    final int length;
    long firstUptimeNanos = LineText.NONE;
    long firstWallMillis = LineText.NONE;
    private List<AsciiLine> lines;

    private LogHead(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    /** The head made of bytes already read (lines end in {@code \n} or {@code \r\n}). */
    static LogHead of(byte[] bytes) {
        return new LogHead(bytes, bytes.length);
    }

    /** The head of a part: the bytes its input peeked at, or the first {@link #HEAD_BYTES} of its file. */
    static LogHead read(LogPart part) throws IOException {
        byte[] b;
        int n;
        if (part.source != null) {
            b = part.source.head();
            n = b.length;
        } else {
            b = new byte[HEAD_BYTES];
            n = 0;
            try (InputStream in = part.open()) {
                int r;
                while (n < b.length && (r = in.read(b, n, b.length - n)) > 0) {
                    n += r;
                }
            } catch (ZipException | java.io.EOFException e) {
                if (n == 0) {
                    throw new GcLogFormatException(part.name, 0, "corrupt compressed data (" + e.getMessage()
                            + "); expected a GC log");
                }
            }
        }
        if (usesCarriageReturnLines(b, n)) {
            part.carriageReturnLines = true;
            for (int i = 0; i < n; i++) {
                b[i] = b[i] == '\r' ? (byte) '\n' : b[i];
            }
        }
        LogHead head = new LogHead(b, n);
        head.findTimes();
        return head;
    }

    /** Throws when the first KiB holds NUL or many other control bytes: binary data, not a log. */
    void checkText(Path name) throws GcLogFormatException {
        int n = Math.min(length, 1024);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int c = bytes[i] & 0xff;
            if (c == 0) {
                throw new GcLogFormatException(name, 0, "binary data (a NUL byte at offset " + i
                        + "); expected a text GC log");
            }
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != 0x0c) {
                control++;
            }
        }
        if (control * 20 > n) {
            throw new GcLogFormatException(name, 0, "binary data (" + control + " control bytes in the first "
                    + n + "); expected a text GC log");
        }
    }

    List<AsciiLine> lines() {
        if (lines == null) {
            lines = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < length && lines.size() < 2000; i++) {
                if (bytes[i] == '\n') {
                    int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                    lines.add(new AsciiLine(bytes, start, end - start));
                    start = i + 1;
                }
            }
            if (start < length && lines.size() < 2000 && length < HEAD_BYTES) {
                lines.add(new AsciiLine(bytes, start, length - start));
            }
        }
        return lines;
    }

    String text() {
        return new String(bytes, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private void findTimes() {
        UnifiedDecorations probe = new UnifiedDecorations();
        for (AsciiLine line : lines()) {
            if (firstUptimeNanos == LineText.NONE || firstWallMillis == LineText.NONE) {
                probe.scan(line, LineText.trimEnd(line, 0, line.length()));
                if (probe.uptimeNanos() == LineText.NONE && probe.wallMillis() == LineText.NONE) {
                    legacyTimes(line);
                }
                if (firstUptimeNanos == LineText.NONE) {
                    firstUptimeNanos = probe.uptimeNanos();
                }
                if (firstWallMillis == LineText.NONE) {
                    firstWallMillis = probe.wallMillis();
                }
            }
        }
    }

    // JDK 8: "2014-02-21T11:11:58.123+0100: 12.345: [GC ..." or "12.345: [GC ..."
    private void legacyTimes(AsciiLine line) {
        int p = 0;
        int n = line.length();
        if (n >= 28 && line.charAt(4) == '-' && line.charAt(10) == 'T') {
            int colon = LineText.indexOf(line, ": ", 19, n);
            if (colon > 0 && firstWallMillis == LineText.NONE) {
                long wall = IsoTime.parseMillis(line, 0, colon);
                if (wall != LineText.NONE) {
                    firstWallMillis = wall;
                }
            }
            p = colon < 0 ? n : colon + 2;
        }
        int colon = LineText.indexOf(line, ": [", p, Math.min(n, p + 24));
        if (colon > p && firstUptimeNanos == LineText.NONE) {
            long up = LineText.parseScaled(line, p, colon, 1_000_000_000L);
            if (up != LineText.NONE) {
                firstUptimeNanos = up;
            }
        }
    }

    // no \n at all but \r present: the file's lines end in a bare \r
    private static boolean usesCarriageReturnLines(byte[] b, int n) {
        boolean carriageReturn = false;
        for (int i = 0; i < n; i++) {
            if (b[i] == '\n') {
                return false;
            }
            carriageReturn |= b[i] == '\r';
        }
        return carriageReturn;
    }
}

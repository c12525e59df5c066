package io.leakhound.hprof;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/** Reads and checks the header of an HPROF file: format string, identifier size, timestamp. Costs a few bytes. */
final class HeaderReader {

    /** The longest format string looked for; HPROF's are 18 characters. */
    private static final int MAX_FORMAT = 32;

    private HeaderReader() {
    }

    static HprofHeader read(Path file, MappedWindow map) throws IOException {
        long length = map.fileLength();
        int probe = (int) Math.min(length, MAX_FORMAT + 1);
        byte[] start = new byte[probe];
        if (probe > 0) {
            int i = map.index(0, probe);
            map.buffer.get(i, start);
        }
        int nul = -1;
        for (int i = 0; i < probe; i++) {
            if (start[i] == 0) {
                nul = i;
                break;
            }
        }
        String format = nul < 0 ? null : new String(start, 0, nul, StandardCharsets.ISO_8859_1);
        if ("JAVA PROFILE 1.0.3".equals(format)) {
            throw new HprofFormatException(file, 0,
                    "Android heap dumps (JAVA PROFILE 1.0.3) are not supported; convert with hprof-conv");
        }
        if (!"JAVA PROFILE 1.0.1".equals(format) && !"JAVA PROFILE 1.0.2".equals(format)) {
            if (probe == 0) {
                throw new HprofFormatException(file, 0, "not an HPROF file: it is empty");
            }
            throw new HprofFormatException(file, 0, "not an HPROF file: starts with \"" + printable(start)
                    + "\", expected \"JAVA PROFILE 1.0.1\" or \"JAVA PROFILE 1.0.2\"");
        }
        long fields = nul + 1;
        if (length < fields + 12) {
            throw new HprofFormatException(file, fields, "file ends at " + length
                    + " inside the header: identifier size and timestamp (12 bytes) expected after the format");
        }
        int i = map.index(fields, 12);
        int identifierSize = map.buffer.getInt(i);
        if (identifierSize != 4 && identifierSize != 8) {
            throw new HprofFormatException(file, fields, "identifier size " + Integer.toUnsignedString(identifierSize)
                    + ", expected 4 or 8");
        }
        long high = Integer.toUnsignedLong(map.buffer.getInt(i + 4));
        long low = Integer.toUnsignedLong(map.buffer.getInt(i + 8));
        Instant timestamp = Instant.ofEpochMilli((high << 32) | low);
        return new HprofHeader(format, identifierSize, timestamp, fields + 12);
    }

    /** The first bytes as text a person can read: printable ASCII as is, anything else as \xNN. */
    static String printable(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 20); i++) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '"' && b != '\\') {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02X", b));
            }
        }
        return text.toString();
    }
}

package io.leakhound.jfr;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that cannot be read as a JFR recording: the message names the file, the byte offset where the
 * problem lies and what was found against what was expected.
 */
public class JfrFormatException extends IOException {

    private final Path file;
    private final long offset;

    /**
     * @param file    the file being read
     * @param offset  byte offset of the problem, or -1 when it concerns the whole file
     * @param problem what was found and what was expected
     */
    public JfrFormatException(Path file, long offset, String problem) {
        this(file, offset, problem, null);
    }

    public JfrFormatException(Path file, long offset, String problem, Throwable cause) {
        super(file + (offset >= 0 ? " at byte " + offset : "") + ": " + problem, cause);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    /** The byte offset of the problem, or -1 when it concerns the whole file. */
    public long offset() {
        return offset;
    }
}

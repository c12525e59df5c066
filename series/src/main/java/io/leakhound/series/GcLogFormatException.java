package io.leakhound.series;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A GC log (or a CSV series) that cannot be read: the message names the file, the line (or byte offset)
 * and what was found against what was expected.
 */
public class GcLogFormatException extends IOException {

    private final Path file;
    private final long line;

    /**
     * @param file    the file being read
     * @param line    1-based line number, or 0 when the problem concerns the whole file
     * @param problem what was found and what was expected
     */
    public GcLogFormatException(Path file, long line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** The 1-based line number, or 0 when the problem concerns the whole file. */
    public long line() {
        return line;
    }
}

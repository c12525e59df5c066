package io.leakhound.hprof;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A heap dump that is not a well-formed HPROF file. The message names the file, the byte offset and
 * what was found there against what was expected.
 */
public final class HprofFormatException extends IOException {
    private final transient Path file;
    private final long offset;
    private final String problem;

    public HprofFormatException(Path file, long offset, String problem) {
        super(file + ": at byte " + offset + ": " + problem);
        this.file = file;
        this.offset = offset;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    /** Byte offset in the (decompressed) file where the problem was found. */
    public long offset() {
        return offset;
    }

    /** What was found and what was expected, without the file and offset. */
    public String problem() {
        return problem;
    }
}

package io.leakhound.cli;

import io.leakhound.series.GcLogFormatException;
import io.leakhound.series.PeekedInput;
import io.leakhound.series.csv.CsvSeriesReader;
import io.leakhound.series.gclog.GcLogReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What an input is, told by its first bytes (decompressed when it is gzip), never by its name; and the
 * command that reads each kind, so that a file given to the wrong command is refused with the right one.
 */
enum InputKind {
    GC_LOG("a GC log", "leakhound analyze"),
    CSV_SERIES("a CSV series", "leakhound analyze"),
    JFR_RECORDING("a JFR recording", "leakhound analyze (memory over time) or leakhound alloc (allocation sites)"),
    HEAP_DUMP("a heap dump", "leakhound heap (who holds memory) or leakhound diff (what grew between dumps)"),
    /** Nothing leakhound knows: each reader says what it expected. */
    UNKNOWN("not a file leakhound reads", "");

    private static final byte[] JFR_MAGIC = {'F', 'L', 'R', 0};
    private static final byte[] HPROF_MAGIC = "JAVA PROFILE ".getBytes(StandardCharsets.ISO_8859_1);

    private final String what;
    private final String readBy;

    InputKind(String what, String readBy) {
        this.what = what;
        this.readBy = readBy;
    }

    /** The kind of an input already peeked at. Does no I/O. */
    static InputKind of(PeekedInput input) throws IOException {
        if (input.headStartsWith(JFR_MAGIC)) {
            return JFR_RECORDING;
        }
        if (input.headStartsWith(HPROF_MAGIC)) {
            return HEAP_DUMP;
        }
        byte[] head = input.head();
        if (GcLogReader.looksLikeGcLog(head)) {
            return GC_LOG;
        }
        return CsvSeriesReader.looksLikeCsv(head) ? CSV_SERIES : UNKNOWN;
    }

    /** The kind of a file, reading its first bytes. */
    static InputKind of(Path file) throws IOException {
        try (PeekedInput input = PeekedInput.open(file)) {
            return of(input);
        }
    }

    /**
     * Refuses {@code file} when it is of a kind that the command does not read and another command does:
     * one line naming the file, what it is and the command to use (exit code 2).
     *
     * @param accepted the kinds the command reads; {@link #UNKNOWN} is left to the command's reader
     */
    static InputKind require(Path file, InputKind... accepted) throws IOException {
        InputKind kind = of(file);
        refuseUnless(kind, file, accepted);
        return kind;
    }

    /** {@link #require} of a kind already told. */
    static void refuseUnless(InputKind kind, Path file, InputKind... accepted)
            throws GcLogFormatException {
        if (kind == UNKNOWN) {
            return;
        }
        for (InputKind a : accepted) {
            if (a == kind) {
                return;
            }
        }
        throw new GcLogFormatException(file, 0, "this is " + kind.what + ": use " + kind.readBy);
    }
}

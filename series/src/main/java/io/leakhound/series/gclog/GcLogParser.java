package io.leakhound.series.gclog;

import io.leakhound.series.Collector;
import io.leakhound.series.GcLogFormatException;

/**
 * A parser of one GC log dialect, fed one line at a time by {@link GcLogReader}. Implementations hold
 * state across lines (an event spread over several lines is emitted when its last line arrives) and
 * hand each complete {@link io.leakhound.series.GcEvent} to the sink given at construction.
 *
 * <p>Lines the parser does not know are counted in {@link #skippedLines()}, never fatal: a log mixes
 * GC lines with safepoint, tenuring and application output. A parser throws
 * {@link GcLogFormatException} only for a line that claims to be a GC event and contradicts itself.
 */
interface GcLogParser {

    /** A new file of the series begins (the file named in any {@link GcLogFormatException}). */
    void startFile(java.nio.file.Path file);

    /**
     * @param line       one line without its terminator; only valid during the call (the reader reuses it)
     * @param lineNumber 1-based, within the current file
     */
    void accept(CharSequence line, long lineNumber) throws GcLogFormatException;

    /** The current file ended: emit an event that is still open, forget per-file state. */
    void endOfFile();

    /** The collector the log names, or {@link Collector#UNKNOWN} while not known. */
    Collector collector();

    /** The maximum heap size the log states (unified {@code Heap Max Capacity}, {@code -Xmx} flags), or -1. */
    long maxHeapBytes();

    /** Whether the class metadata figures read are of the permanent generation (JDK 7 and earlier). */
    default boolean permanentGeneration() {
        return false;
    }

    /** Lines seen that were not part of any event the parser understands. */
    long skippedLines();
}

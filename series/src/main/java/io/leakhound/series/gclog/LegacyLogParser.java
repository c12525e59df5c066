package io.leakhound.series.gclog;

import io.leakhound.series.Collector;
import io.leakhound.series.GcEvent;
import java.nio.file.Path;
import java.util.function.Consumer;

/** PLACEHOLDER: helper "legacy" replaces this file. Parses JDK 8 and earlier GC logs. */
final class LegacyLogParser implements GcLogParser {

    LegacyLogParser(Consumer<GcEvent> sink, WallClockOrigin origin) {
    }

    /** Whether a line is typical of a JDK 8 (or earlier) log, for format detection. */
    static boolean recognizes(CharSequence line) {
        throw new UnsupportedOperationException("placeholder");
    }

    @Override public void startFile(Path file) { throw new UnsupportedOperationException("placeholder"); }
    @Override public void accept(CharSequence line, long lineNumber) { throw new UnsupportedOperationException("placeholder"); }
    @Override public void endOfFile() { throw new UnsupportedOperationException("placeholder"); }
    @Override public Collector collector() { throw new UnsupportedOperationException("placeholder"); }
    @Override public long maxHeapBytes() { throw new UnsupportedOperationException("placeholder"); }
    @Override public long skippedLines() { throw new UnsupportedOperationException("placeholder"); }
}

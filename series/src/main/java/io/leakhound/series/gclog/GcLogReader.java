package io.leakhound.series.gclog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** PLACEHOLDER: helper "unified" replaces this file. Reads GC logs into a {@link GcLog}. */
public final class GcLogReader {
    private GcLogReader() {
    }

    /** Reads one log, or several files (rotated parts) as one series in time order. */
    public static GcLog read(List<Path> files) throws IOException {
        throw new UnsupportedOperationException("placeholder");
    }
}

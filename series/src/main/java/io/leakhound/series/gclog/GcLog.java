package io.leakhound.series.gclog;

import io.leakhound.series.Collector;
import io.leakhound.series.GcSeries;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link GcLogReader} read from one log (or one rotated set of files).
 *
 * @param files         the files read, in the time order they were read
 * @param format        the dialect recognised
 * @param collector     the collector the log names
 * @param events        the events in time order
 * @param maxHeapBytes  the maximum heap the log states, or -1 when it does not (then the largest capacity
 *                      seen is the best bound)
 * @param linesRead     all lines of all files
 * @param linesSkipped  lines that were not part of any known event
 * @param warnings      things a person should know (a file that was empty, a clock that ran backwards...)
 * @param permanentGeneration whether the class metadata figures are of the permanent generation (JDK 7 and
 *                      earlier: {@code PSPermGen}, {@code CMS Perm}, {@code Perm}) rather than metaspace
 */
public record GcLog(
        List<Path> files,
        GcLogFormat format,
        Collector collector,
        GcSeries events,
        long maxHeapBytes,
        long linesRead,
        long linesSkipped,
        List<String> warnings,
        boolean permanentGeneration) {

    public GcLog {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }

    /** A log whose class metadata figures are of metaspace (JDK 8 and later), or that has none. */
    public GcLog(List<Path> files, GcLogFormat format, Collector collector, GcSeries events, long maxHeapBytes,
                 long linesRead, long linesSkipped, List<String> warnings) {
        this(files, format, collector, events, maxHeapBytes, linesRead, linesSkipped, warnings, false);
    }
}

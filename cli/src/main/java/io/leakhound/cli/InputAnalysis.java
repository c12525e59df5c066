package io.leakhound.cli;

import io.leakhound.jfr.JfrFile;
import io.leakhound.jfr.JfrMemory;
import io.leakhound.jfr.JfrMemoryReader;
import io.leakhound.series.GcLogFormatException;
import io.leakhound.series.Human;
import io.leakhound.series.csv.CsvSeriesReader;
import io.leakhound.series.gclog.GcLogReader;
import io.leakhound.series.verdict.LeakAnalyzer;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.series.verdict.UsageSeries;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * From files on the command line to a {@link MemoryAnalysis}, routed by content, not by name: JFR recordings
 * go to the JFR reader (all files one JVM's series), CSV series to the CSV reader (each file one series),
 * everything else is a GC log (all files one series, e.g. rotated parts). Kinds cannot be mixed. Shared by
 * {@code analyze} and {@code demo} so that both judge a log the same way. Reads each file once, streaming.
 */
final class InputAnalysis {

    /** Above this much input, a terminal gets a line saying that reading may take a moment. */
    private static final long LARGE_INPUT_BYTES = 64L << 20;

    private InputAnalysis() {
    }

    /**
     * @param files    the files, at least one
     * @param progress where to say that a long read is under way, or null for silence
     */
    static MemoryAnalysis analyze(List<Path> files, PrintWriter progress) throws IOException {
        long total = 0;
        for (Path f : files) {
            if (!Files.exists(f)) {
                throw new NoSuchFileException(f.toString());
            }
            if (Files.isDirectory(f)) {
                throw new GcLogFormatException(f, 0, "is a directory, expected a GC log or a CSV file");
            }
            if (!Files.isReadable(f)) {
                throw new java.nio.file.AccessDeniedException(f.toString());
            }
            total += Files.size(f);
        }
        List<Path> recordings = new ArrayList<>();
        List<Path> csv = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (Path f : files) {
            // content decides; a file named .jfr that is not one gets the recording reader's message (what
            // its first bytes are), not the GC log reader's
            if (JfrFile.looksLikeJfr(f) || f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jfr")) {
                recordings.add(f);
            } else {
                (CsvSeriesReader.looksLikeCsv(f) ? csv : logs).add(f);
            }
        }
        if (!recordings.isEmpty() && recordings.size() < files.size()) {
            Path other = !logs.isEmpty() ? logs.get(0) : csv.get(0);
            throw new GcLogFormatException(other, 0, "is " + (logs.isEmpty() ? "a CSV series" : "not a JFR recording")
                    + " while " + recordings.get(0) + " is a JFR recording; analyse them separately (several"
                    + " recordings of one JVM may be given together)");
        }
        if (!csv.isEmpty() && !logs.isEmpty()) {
            throw new GcLogFormatException(csv.get(0), 0, "is a CSV series while " + logs.get(0)
                    + " is a GC log; analyse them separately");
        }
        if (progress != null && total >= LARGE_INPUT_BYTES) {
            progress.println("reading " + Human.bytes(total) + "...");
            progress.flush();
        }
        String source = files.stream().map(Path::toString).collect(Collectors.joining(", "));
        if (!recordings.isEmpty()) {
            // the reader refuses a recording without any memory event, saying how to record one
            JfrMemory memory = JfrMemoryReader.readFiles(recordings);
            return LeakAnalyzer.analyze(source, memory.events(), memory.maxHeapBytes(), memory.samples(),
                    memory.warnings());
        }
        if (!csv.isEmpty()) {
            List<UsageSeries> series = new ArrayList<>();
            for (Path f : csv) {
                series.add(CsvSeriesReader.read(f));
            }
            return LeakAnalyzer.analyze(source, series);
        }
        // the reader refuses a log without any GC event, naming the file
        return LeakAnalyzer.analyze(GcLogReader.read(logs));
    }
}

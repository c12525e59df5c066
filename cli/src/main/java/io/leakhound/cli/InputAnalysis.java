package io.leakhound.cli;

import io.leakhound.jfr.JfrMemory;
import io.leakhound.jfr.JfrMemoryReader;
import io.leakhound.series.GcLogFormatException;
import io.leakhound.series.Human;
import io.leakhound.series.PeekedInput;
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
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * From files on the command line to a {@link MemoryAnalysis}, routed by content, not by name: JFR recordings
 * go to the JFR reader (all files one JVM's series), CSV series to the CSV reader (each file one series),
 * everything else is a GC log (all files one series, e.g. rotated parts). Kinds cannot be mixed; a heap dump is
 * refused naming the command that reads it. Standard input ({@code -}) or a pipe is read once, its head kept
 * to tell its kind and replayed to its reader. Shared by {@code analyze} and {@code demo} so that both judge a
 * log the same way. Reads each file once, streaming.
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
        for (Path f : files) {
            if (PeekedInput.isStream(f)) {
                if (files.size() > 1) {
                    throw new GcLogFormatException(f, 0, "standard input or a pipe can only be analysed alone;"
                            + " save it to a file to analyse it with other files");
                }
                return analyzeStream(PeekedInput.open(f));
            }
        }
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
            InputKind kind = InputKind.of(f);
            InputKind.refuseUnless(kind, f, InputKind.GC_LOG, InputKind.CSV_SERIES, InputKind.JFR_RECORDING);
            // content decides; a file named .jfr that is not one gets the recording reader's message (what
            // its first bytes are), not the GC log reader's
            if (kind == InputKind.JFR_RECORDING
                    || f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jfr")) {
                recordings.add(f);
            } else {
                (kind == InputKind.CSV_SERIES ? csv : logs).add(f);
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
            return analyzeRecordings(source, JfrMemoryReader.readFiles(recordings));
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

    /** One input read once (standard input, a pipe): its kind told from the head it peeked at, then read. */
    private static MemoryAnalysis analyzeStream(PeekedInput input) throws IOException {
        try (input) {
            InputKind kind = InputKind.of(input);
            InputKind.refuseUnless(kind, input.name(), InputKind.GC_LOG, InputKind.CSV_SERIES,
                    InputKind.JFR_RECORDING);
            String source = input.name().toString();
            switch (kind) {
                case CSV_SERIES:
                    return LeakAnalyzer.analyze(source, List.of(CsvSeriesReader.read(input)));
                case JFR_RECORDING:
                    // the JDK's parser reads recordings from files only: the stream goes to a temporary one
                    Path copy = Files.createTempFile("leakhound-stdin-", ".jfr");
                    try {
                        Files.copy(input.stream(), copy, StandardCopyOption.REPLACE_EXISTING);
                        return analyzeRecordings(source, JfrMemoryReader.readFiles(List.of(copy)));
                    } finally {
                        Files.deleteIfExists(copy);
                    }
                default:
                    // the reader says what it found when this is not a GC log either
                    return LeakAnalyzer.analyze(GcLogReader.read(input));
            }
        }
    }

    private static MemoryAnalysis analyzeRecordings(String source, JfrMemory memory) {
        return LeakAnalyzer.analyze(source, memory.events(), memory.maxHeapBytes(), memory.samples(),
                memory.warnings());
    }
}

package io.leakhound.cli;

import io.leakhound.heap.graph.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --temp-dir DIR}, shared by the commands that index heap dumps ({@code heap}, {@code diff}), and
 * the one way they run an analysis: in a fresh temporary directory deleted afterwards whatever happens,
 * with a progress line on stderr when it is a terminal.
 */
final class TempDirOption {

    /** An analysis that keeps its index in {@code workDirectory}. */
    @FunctionalInterface
    interface Analysis<T> {
        T run(Path workDirectory, Progress progress) throws IOException;
    }

    @Option(names = "--temp-dir", paramLabel = "DIR",
            description = "Where the index's temporary files go (default: the system's temporary directory). "
                + "They take about 40 bytes per object and are deleted at the end.")
    Path tempDir;

    /** Runs {@code analysis} in a new directory under {@code --temp-dir}, deleted afterwards even when it fails. */
    <T> T run(String prefix, PrintWriter err, Analysis<T> analysis) throws IOException {
        TerminalProgress progress = System.console() != null ? new TerminalProgress(err) : null;
        Path work = DumpFiles.createWorkDirectory(tempDir, prefix);
        try {
            return analysis.run(work, progress != null ? progress : Progress.NONE);
        } finally {
            if (progress != null) {
                progress.clear();
            }
            DumpFiles.deleteTree(work);
        }
    }
}

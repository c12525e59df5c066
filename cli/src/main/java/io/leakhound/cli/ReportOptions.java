package io.leakhound.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --json} and {@code --html OUT.html}, shared by the commands that report ({@code analyze},
 * {@code heap}, {@code diff}, {@code alloc}), with the one way the HTML file is written and its place said,
 * and the one check of a {@code --top} row count (each command words its own {@code --top} help).
 */
final class ReportOptions {

    /** Writes an HTML page to a file; the report class's {@code write}. */
    @FunctionalInterface
    interface PageWriter {
        void write(Path file) throws IOException;
    }

    @Option(names = "--json", description = "Print one JSON object (documented in the README) instead of text.")
    boolean json;

    @Option(names = "--html", paramLabel = "OUT.html",
            description = "Also write a self-contained HTML report with charts to this file.")
    Path html;

    /**
     * Refuses an {@code --html} file that could not be written, before the work starts (indexing a dump takes
     * minutes; losing its report at the end to a typo in a directory name is worse than failing at once): a
     * directory, a missing directory, one where a file cannot be created, a file that is not writable.
     * Tries to create a file beside it, because permission bits do not tell (root writes anywhere; ACLs).
     */
    void requireWritableHtml() throws IOException {
        if (html == null) {
            return;
        }
        Path target = html.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new FileSystemException(html.toString(), null,
                    "is a directory; --html expects the name of the HTML file to write");
        }
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new FileSystemException(html.toString(), null, "cannot write the HTML report: no directory "
                    + dir);
        }
        if (Files.exists(target) && !Files.isWritable(target)) {
            throw new FileSystemException(html.toString(), null, "cannot write the HTML report: not writable");
        }
        try {
            Files.delete(Files.createTempFile(dir, ".leakhound-", ".html"));
        } catch (IOException e) {
            throw new FileSystemException(html.toString(), null, "cannot write the HTML report: cannot create"
                    + " a file in " + dir);
        }
    }

    /** Refuses a {@code --top} under 1 as a usage error (exit 2). */
    static void requireTop(CommandSpec spec, int top) {
        if (top < 1) {
            throw new ParameterException(spec.commandLine(), "--top must be at least 1, was " + top);
        }
    }

    /**
     * With {@code --html}, writes the page and says where on stdout, or on stderr when stdout holds JSON
     * (which must stay one object); without it, does nothing.
     */
    void writeHtml(CommandSpec spec, PageWriter page) throws IOException {
        if (html == null) {
            return;
        }
        page.write(html);
        PrintWriter where = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        where.println("HTML report: " + html.toAbsolutePath().normalize());
        where.flush();
    }
}

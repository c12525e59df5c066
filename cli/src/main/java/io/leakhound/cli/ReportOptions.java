package io.leakhound.cli;

import java.io.IOException;
import java.io.PrintWriter;
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

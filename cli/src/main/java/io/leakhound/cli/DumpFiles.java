package io.leakhound.cli;

import io.leakhound.hprof.HprofFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What {@code heap} and {@code diff} do around the analysis of dumps: check each file before the reader
 * says anything about bytes, and give the index a fresh temporary directory that is deleted afterwards
 * whatever happens. Costs a few file-system calls.
 */
final class DumpFiles {

    private DumpFiles() {
    }

    /**
     * The checks whose failure should name the file plainly: missing, a directory, unreadable, or a file of
     * another kind (a JFR recording, a GC log) that another command reads.
     */
    static void checkReadable(Path dump) throws IOException {
        if (!Files.exists(dump)) {
            throw new NoSuchFileException(dump.toString());
        }
        if (Files.isDirectory(dump)) {
            throw new HprofFormatException(dump, 0, "is a directory, expected an HPROF heap dump");
        }
        if (!Files.isReadable(dump)) {
            throw new AccessDeniedException(dump.toString());
        }
        // a recording or a log given to heap or diff: name the command that reads it
        InputKind.require(dump, InputKind.HEAP_DUMP);
    }

    /** A new empty directory under {@code parent} (null: the system's temporary directory), created if need be. */
    static Path createWorkDirectory(Path parent, String prefix) throws IOException {
        Path under = parent != null ? parent : Path.of(System.getProperty("java.io.tmpdir"));
        return Files.createTempDirectory(Files.createDirectories(under), prefix);
    }

    /** Deletes {@code dir} and everything in it. */
    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            // children before their directory
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}

package io.leakhound.cli;

import io.leakhound.hprof.HprofFormatException;
import io.leakhound.series.PeekedInput;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipException;

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
        if (PeekedInput.isStream(dump)) {
            return; // standard input or a pipe: told apart when copied, see readable
        }
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

    /**
     * The dump as a file the reader can map: {@code dump} itself, or for standard input ({@code -}), a pipe
     * or a process substitution, a copy in {@code work} (decompressed when the stream is gzip), after its
     * head shows it is a heap dump. The reader needs random access; a stream can be read only once.
     */
    static Path readable(Path dump, Path work) throws IOException {
        if (!PeekedInput.isStream(dump)) {
            return dump;
        }
        Path copy = Files.createTempFile(work, "stream-", ".hprof");
        try (PeekedInput input = PeekedInput.open(dump)) {
            InputKind.refuseUnless(InputKind.of(input), dump, InputKind.HEAP_DUMP);
            try (InputStream in = input.stream(); OutputStream out = Files.newOutputStream(copy)) {
                in.transferTo(out);
            } catch (EOFException | ZipException e) {
                // a gzip stream cut short: the dump reader reports the cut in what was copied
            }
        }
        if (Files.size(copy) == 0) {
            // named as the user gave it, not as the copy nobody asked for
            throw new HprofFormatException(dump, 0, "is empty: expected an HPROF heap dump on it");
        }
        return copy;
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

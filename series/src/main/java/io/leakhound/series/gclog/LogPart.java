package io.leakhound.series.gclog;

import io.leakhound.series.GcLogFormatException;
import io.leakhound.series.PeekedInput;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.ArrayList;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * One stream of lines: a file, a zip entry, or an input that can be read only once (standard input, a
 * pipe); gzip-compressed or not, told by its magic bytes, not by its name.
 */
final class LogPart {
    final Path name;
    final Path file;
    final String entry;
    /** The input already opened and peeked at, when it can be read only once; else null. */
    final PeekedInput source;
    LogHead head;
    /** Lines end in a bare {@code \r} (classic Mac OS line ends, seen in real JDK 8 logs). */
    boolean carriageReturnLines;

    LogPart(Path name, Path file, String entry) {
        this(name, file, entry, null);
    }

    private LogPart(Path name, Path file, String entry, PeekedInput source) {
        this.name = name;
        this.file = file;
        this.entry = entry;
        this.source = source;
    }

    /** A part that can be read only once: its head is the one {@code source} peeked at. */
    static LogPart of(PeekedInput source) {
        return new LogPart(source.name(), null, null, source);
    }

    /** The part's text from its start, decompressed; a part read only once gives its stream once. */
    InputStream open() throws IOException {
        InputStream text = source != null ? source.stream() : decompressed(raw());
        return carriageReturnLines ? new CarriageReturnsAsNewlines(text) : text;
    }

    private InputStream raw() throws IOException {
        if (entry == null) {
            return Files.newInputStream(file);
        }
        ZipFile zip = new ZipFile(file.toFile());
        ZipEntry e = zip.getEntry(entry);
        return new FilterInputStream(zip.getInputStream(e)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    zip.close();
                }
            }
        };
    }

    private InputStream decompressed(InputStream raw) throws IOException {
        try {
            return PeekedInput.decompressedIfGzip(raw);
        } catch (ZipException | java.io.EOFException e) {
            raw.close();
            throw new GcLogFormatException(name, 0, "starts like gzip but is not a gzip stream (" + e.getMessage()
                    + "); expected a gzip-compressed GC log");
        }
    }

    /** Adds the parts of {@code f}: itself, the files of a directory, the entries of a zip archive. */
    static void expand(Path f, List<LogPart> parts) throws IOException {
        if (Files.isDirectory(f)) {
            List<Path> children;
            try (Stream<Path> s = Files.list(f)) {
                children = s.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted(Comparator.comparing(Path::toString)).toList();
            }
            for (Path child : children) {
                expand(child, parts);
            }
            return;
        }
        if (PeekedInput.isStream(f)) {
            // read once: opening a pipe again would start after the head already read
            parts.add(of(PeekedInput.open(f, LogHead.HEAD_BYTES)));
            return;
        }
        if (!Files.exists(f)) {
            throw new NoSuchFileException(f.toString(), null, "no such file");
        }
        if (!Files.isReadable(f)) {
            throw new AccessDeniedException(f.toString(), null, "not readable");
        }
        String name = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".zip")) {
            try (ZipFile zip = new ZipFile(f.toFile())) {
                List<String> entries = new ArrayList<>();
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                    ZipEntry entry = e.nextElement();
                    String n = entry.getName();
                    String base = n.substring(n.lastIndexOf('/') + 1);
                    // macOS archive metadata, not logs
                    if (!entry.isDirectory() && !n.startsWith("__MACOSX/") && !base.startsWith("._")) {
                        entries.add(n);
                    }
                }
                entries.sort(Comparator.naturalOrder());
                for (String n : entries) {
                    parts.add(new LogPart(Path.of(f + "!" + n), f, n));
                }
            } catch (ZipException e) {
                throw new GcLogFormatException(f, 0, "not a zip archive (" + e.getMessage()
                        + "); expected a .zip of GC logs");
            }
            return;
        }
        parts.add(new LogPart(f, f, null));
    }
}

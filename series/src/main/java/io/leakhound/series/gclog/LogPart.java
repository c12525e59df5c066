package io.leakhound.series.gclog;

import io.leakhound.series.GcLogFormatException;
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

/** One stream of lines: a file, a gzip file or a zip entry. */
final class LogPart {
    final Path name;
    final Path file;
    final String entry;
    final boolean gzip;
    LogHead head;
    /** Lines end in a bare {@code \r} (classic Mac OS line ends, seen in real JDK 8 logs). */
    boolean carriageReturnLines;

    LogPart(Path name, Path file, String entry, boolean gzip) {
        this.name = name;
        this.file = file;
        this.entry = entry;
        this.gzip = gzip;
    }

    InputStream open() throws IOException {
        InputStream raw;
        if (entry == null) {
            raw = Files.newInputStream(file);
        } else {
            ZipFile zip = new ZipFile(file.toFile());
            ZipEntry e = zip.getEntry(entry);
            raw = new FilterInputStream(zip.getInputStream(e)) {
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
        if (!gzip) {
            return carriageReturnLines ? new CarriageReturnsAsNewlines(raw) : raw;
        }
        try {
            InputStream unzipped = new GZIPInputStream(raw, 1 << 16);
            return carriageReturnLines ? new CarriageReturnsAsNewlines(unzipped) : unzipped;
        } catch (ZipException | java.io.EOFException e) {
            raw.close();
            throw new GcLogFormatException(name, 0, "not a gzip stream (" + e.getMessage()
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
                    parts.add(new LogPart(Path.of(f + "!" + n), f, n,
                            n.toLowerCase(java.util.Locale.ROOT).endsWith(".gz")));
                }
            } catch (ZipException e) {
                throw new GcLogFormatException(f, 0, "not a zip archive (" + e.getMessage()
                        + "); expected a .zip of GC logs");
            }
            return;
        }
        parts.add(new LogPart(f, f, null, name.endsWith(".gz")));
    }
}

package io.leakhound.hprof;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Decompresses a gzip-compressed dump into a temporary file, so it can be mapped like any other.
 * Costs disk the size of the dump and one pass of inflating; memory stays at a 64 KiB buffer.
 */
final class GzipDump {

    private GzipDump() {
    }

    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1F && in.read() == 0x8B;
        }
    }

    /**
     * The inflated copy of a gzip dump. {@code cutAtUncompressed} is -1 when the gzip stream ended
     * cleanly; otherwise the stream stopped after {@code compressedBytes} (the whole file) with that many
     * bytes inflated: the file was cut while being written.
     */
    record Inflated(Path copy, long compressedBytes, long cutAtUncompressed) {
        boolean cut() {
            return cutAtUncompressed >= 0;
        }

        /** The user-facing sentence naming the gzip truncation, before what the dump itself lost. */
        String describeCut(Path file) {
            return file.getFileName() + ": the gzip stream ends after compressed byte " + compressedBytes
                    + " (uncompressed offset " + cutAtUncompressed + "): the file was cut while being written";
        }
    }

    /**
     * Inflates {@code file} into a new temporary file and returns it; the caller deletes it. A gzip
     * stream cut short keeps what was inflated, so the reader can report the truncation of the dump
     * itself and name the gzip cut; corrupt compressed data is an {@link HprofFormatException}.
     */
    static Inflated decompress(Path file) throws IOException {
        Path target = Files.createTempFile("leakhound-gunzip-", ".hprof");
        long written = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
             OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[1 << 16];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    written += n;
                }
            } catch (EOFException cutShort) {
                // The compressed stream stops early: keep the bytes inflated so far, and say so.
                return new Inflated(target, Files.size(file), written);
            }
            return new Inflated(target, Files.size(file), -1);
        } catch (ZipException corrupt) {
            Files.deleteIfExists(target);
            throw new HprofFormatException(file, written, "corrupt gzip data after " + written
                    + " decompressed bytes: " + corrupt.getMessage());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(target);
            throw e;
        }
    }
}

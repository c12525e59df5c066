package io.leakhound.series;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * An input read once: its first bytes (after gzip decompression when the input starts with gzip's magic
 * bytes, whatever its name) to tell what it is, then {@link #stream()}, which replays those bytes and
 * continues. For inputs that cannot be opened twice: standard input ({@code -}), a pipe, a FIFO, a process
 * substitution ({@code <(zcat gc.log.gz)}); opening one of those again would silently start after the bytes
 * already read.
 *
 * <p>Cost: one buffer of {@code headBytes}; the rest is streamed. Not safe for concurrent use.
 */
public final class PeekedInput implements Closeable {

    /** The name that means standard input on a command line. */
    public static final String STDIN = "-";
    /** How much is peeked by default: enough to tell a GC log's dialect and first time stamp. */
    public static final int DEFAULT_HEAD_BYTES = 64 * 1024;

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private final Path name;
    private final InputStream rest;
    private final byte[] head;
    private final boolean compressed;
    /** Why reading the head stopped early (gzip data cut short), rethrown by {@link #stream()} after the head. */
    private final IOException headFailure;
    private boolean streamed;

    private PeekedInput(Path name, InputStream rest, byte[] head, boolean compressed, IOException headFailure) {
        this.name = name;
        this.rest = rest;
        this.head = head;
        this.compressed = compressed;
        this.headFailure = headFailure;
    }

    /** Whether {@code file} must be read as a stream, once: {@code -}, a pipe, a FIFO, a character device. */
    public static boolean isStream(Path file) {
        return STDIN.equals(file.toString()) || Files.exists(file) && !Files.isRegularFile(file)
                && !Files.isDirectory(file);
    }

    /** Opens {@code file} ({@code -}: standard input) and peeks at its first {@link #DEFAULT_HEAD_BYTES}. */
    public static PeekedInput open(Path file) throws IOException {
        return open(file, DEFAULT_HEAD_BYTES);
    }

    /**
     * @param file      the input; {@code -} is standard input (never closed)
     * @param headBytes how many (decompressed) bytes to peek at
     * @throws GcLogFormatException when it starts like gzip but its gzip header is corrupt
     */
    public static PeekedInput open(Path file, int headBytes) throws IOException {
        // FileInputStream, not Files.newInputStream: on JDK 17 the latter's available() seeks, which fails on a pipe
        InputStream raw = STDIN.equals(file.toString()) ? new KeepOpen(System.in)
                : Files.isRegularFile(file) ? Files.newInputStream(file) : new FileInputStream(file.toFile());
        try {
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            boolean gzip = startsWithGzipMagic(buffered);
            InputStream in = buffered;
            if (gzip) {
                try {
                    in = new GZIPInputStream(buffered, 1 << 16);
                } catch (ZipException | EOFException e) {
                    throw new GcLogFormatException(file, 0, "starts like gzip but is not a gzip stream ("
                            + e.getMessage() + ")");
                }
            }
            byte[] b = new byte[headBytes];
            int n = 0;
            IOException failure = null;
            try {
                int r;
                while (n < b.length && (r = in.read(b, n, b.length - n)) > 0) {
                    n += r;
                }
            } catch (ZipException | EOFException e) {
                failure = e;
            }
            return new PeekedInput(file, in, n == b.length ? b : Arrays.copyOf(b, n), gzip, failure);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Wraps {@code raw} in a gzip decompressor when it starts with gzip's magic bytes; else returns it as is. */
    public static InputStream decompressedIfGzip(InputStream raw) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        return startsWithGzipMagic(buffered) ? new GZIPInputStream(buffered, 1 << 16) : buffered;
    }

    private static boolean startsWithGzipMagic(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2;
    }

    /** The input's name as given ({@code -} for standard input). */
    public Path name() {
        return name;
    }

    /** The first bytes, decompressed; fewer than asked when the input is shorter. A copy. */
    public byte[] head() {
        return head.clone();
    }

    /** Whether the head starts with {@code magic}. */
    public boolean headStartsWith(byte[] magic) {
        return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }

    /** Whether the input was gzip-compressed (told by its magic bytes). */
    public boolean compressed() {
        return compressed;
    }

    /**
     * The whole input, decompressed: the head replayed, then the rest. Once only; closing it closes the input.
     * A gzip stream cut short inside the head throws its {@link EOFException} or {@link ZipException} after the
     * head, where a reader of the whole input would have met it.
     */
    public InputStream stream() {
        if (streamed) {
            throw new IllegalStateException(name + " was already streamed: it can be read only once");
        }
        streamed = true;
        InputStream after = headFailure == null ? rest : new FilterInputStream(rest) {
            @Override
            public int read() throws IOException {
                throw headFailure;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw headFailure;
            }
        };
        return new SequenceInputStream(new ByteArrayInputStream(head), after);
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }

    /** Standard input, which the JVM owns: closing it would close it for the rest of the process. */
    private static final class KeepOpen extends FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // standard input stays open
        }
    }
}

package io.leakhound.jfr;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording on disk, its chunk headers checked before the JDK's parser ({@link RecordingFile}) reads
 * its events.
 *
 * <p>Why check first: the JDK's parser reports a truncated or foreign file as a bare {@link EOFException}
 * or "Not a Flight Recorder file", after it has handed out the events it could read. A recording cut short
 * by a crashed JVM or a full disk is common and still valuable, so its complete chunks are read and a
 * warning says where the file ends; a file with no complete chunk, a file that is not JFR, or a format the
 * JDK cannot read (0.9, gzip-wrapped, from Oracle JDK 7/8) is refused with a {@link JfrFormatException}
 * naming the byte offset and what was expected. A gzip-compressed recording (told by its magic bytes, whatever
 * its name) is decompressed to a temporary file first, since the JDK's parser reads files only.
 *
 * <p>A chunk header, big-endian: magic {@code FLR\0}, major and minor version (u2 each), then chunk size,
 * constant pool offset, metadata offset, start (epoch nanoseconds), duration (nanoseconds), start ticks and
 * ticks per second (i64 each), then a u4 of flags: {@value #HEADER_BYTES} bytes. Chunks follow each other.
 *
 * <p>Cost of {@link #open}: one read of {@value #HEADER_BYTES} bytes per chunk. {@link #events} streams every
 * event once through the JDK's parser; memory is the parser's (about one chunk's metadata and constant pools).
 */
public final class JfrFile {

    static final int HEADER_BYTES = 68;
    private static final byte[] MAGIC = {'F', 'L', 'R', 0};
    private static final String OLD_EVENT_PREFIX = "com.oracle.jdk.";

    /**
     * One chunk of a recording.
     *
     * @param offset   where the chunk starts in the file
     * @param size     its size in bytes, header included
     * @param major    format major version (1: JDK 9/10, 2: JDK 11 and later, OpenJDK 8u262+)
     * @param minor    format minor version
     * @param start    when the chunk's recording began
     * @param duration how long it covers
     */
    public record Chunk(long offset, long size, int major, int minor, Instant start, Duration duration) {
    }

    private final Path path;
    /** What the JDK's parser reads: the file itself, or its decompressed copy when the file is gzip. */
    private final Path readable;
    private final long fileBytes;
    private final List<Chunk> chunks;
    private final List<String> warnings;

    private JfrFile(Path path, Path readable, long fileBytes, List<Chunk> chunks, List<String> warnings) {
        this.path = path;
        this.readable = readable;
        this.fileBytes = fileBytes;
        this.chunks = List.copyOf(chunks);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Whether the file starts like a JFR recording ({@code FLR\0}, or a gzip stream holding one), for callers
     * that route files by content rather than by name.
     */
    public static boolean looksLikeJfr(Path file) throws IOException {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 4) {
                return false;
            }
        }
        if (startsWithMagic(head)) {
            return true;
        }
        if ((head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                return in.readNBytes(head, 0, 4) == 4 && startsWithMagic(head);
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    /**
     * Checks the chunk headers of a recording.
     *
     * @throws NoSuchFileException  when the file does not exist
     * @throws AccessDeniedException when it cannot be read
     * @throws JfrFormatException   when it is a directory, not a JFR recording, in a format the JDK cannot
     *                              read, or has no complete chunk
     */
    public static JfrFile open(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (Files.isDirectory(file)) {
            throw new JfrFormatException(file, -1, "is a directory, expected a JFR recording");
        }
        if (!Files.isReadable(file)) {
            throw new AccessDeniedException(file.toString());
        }
        List<Chunk> chunks = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Path readable = file;
        if (startsWithGzipMagic(file)) {
            refuseForeignGzip(file);
            readable = inflate(file, warnings);
        }
        long size;
        try (FileChannel channel = FileChannel.open(readable, StandardOpenOption.READ)) {
            size = channel.size();
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            long offset = 0;
            while (offset < size) {
                header.clear();
                int read = readFully(channel, header, offset);
                header.flip();
                if (offset == 0) {
                    refuseForeign(file, header, read, size);
                }
                String problem = chunkProblem(header, read, offset, size);
                if (problem != null) {
                    if (chunks.isEmpty()) {
                        throw new JfrFormatException(file, offset, problem);
                    }
                    warnings.add(String.format("the recording is cut short: %s; read the %d complete chunk%s"
                            + " before it (%,d of %,d bytes)", problem, chunks.size(), chunks.size() == 1 ? "" : "s",
                            offset, size));
                    break;
                }
                Chunk chunk = chunk(header, offset);
                chunks.add(chunk);
                offset += chunk.size();
            }
        }
        if (chunks.isEmpty()) {
            throw new JfrFormatException(file, 0, "is empty, expected a JFR recording (starting with FLR\\0)");
        }
        return new JfrFile(file, readable, size, chunks, warnings);
    }

    private static boolean startsWithGzipMagic(Path file) throws IOException {
        byte[] head = new byte[2];
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(head, 0, 2) == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
        }
    }

    /**
     * The JDK's parser reads files only, so a gzip-compressed recording is decompressed to a temporary file
     * (mode 0600, deleted when the JVM exits). A gzip stream cut short keeps what was inflated, and says so.
     */
    private static Path inflate(Path file, List<String> warnings) throws IOException {
        Path copy = Files.createTempFile("leakhound-", ".jfr");
        copy.toFile().deleteOnExit();
        long written = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
             OutputStream out = Files.newOutputStream(copy)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            try {
                while ((n = in.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                    written += n;
                }
            } catch (EOFException | ZipException e) {
                warnings.add(String.format("the gzip stream is cut short after %,d decompressed bytes (%s)",
                        written, e.getMessage()));
            }
        }
        return copy;
    }

    public Path path() {
        return path;
    }

    /** The file's size in bytes. */
    public long fileBytes() {
        return fileBytes;
    }

    /** The complete chunks, in file order. */
    public List<Chunk> chunks() {
        return chunks;
    }

    /** Whether the file ends inside a chunk (its complete chunks are still read). */
    public boolean truncated() {
        return !warnings.isEmpty();
    }

    /** Things a person should know about the file (where a truncated recording ends). */
    public List<String> warnings() {
        return warnings;
    }

    /** When the first chunk began. */
    public Instant start() {
        return chunks.get(0).start();
    }

    /** When the last complete chunk ended. */
    public Instant end() {
        Chunk last = chunks.get(chunks.size() - 1);
        return last.start().plus(last.duration());
    }

    /**
     * Hands every event of the complete chunks to {@code sink}, in file order (which is not time order: each
     * thread's buffer is written as a block; sort what needs sorting).
     *
     * @throws JfrFormatException when the JDK's parser fails inside a complete chunk (a corrupt file); the
     *                            events before the failure have been handed out
     */
    public void events(Consumer<RecordedEvent> sink) throws IOException {
        long count = 0;
        try (RecordingFile recording = new RecordingFile(readable)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                count++;
                sink.accept(event);
            }
        } catch (EOFException e) {
            if (!truncated()) {
                throw new JfrFormatException(path, -1, "ends unexpectedly after " + count + " events: "
                        + e.getMessage(), e);
            }
            // the parser reached the incomplete last chunk, which open() has already reported
        } catch (IOException | RuntimeException e) {
            if (e instanceof JfrFormatException jfe) {
                throw jfe;
            }
            throw new JfrFormatException(path, -1, "is corrupt: the JDK's parser failed after " + count
                    + " events: " + e, e);
        }
    }

    /**
     * An event type's name with the JDK 9/10 prefix {@code com.oracle.jdk.} read as {@code jdk.}, so that one
     * name matches recordings of every JDK.
     */
    public static String typeName(EventType type) {
        String name = type.getName();
        return name.startsWith(OLD_EVENT_PREFIX) ? "jdk." + name.substring(OLD_EVENT_PREFIX.length()) : name;
    }

    /** The event's type name as {@link #typeName(EventType)} gives it. */
    public static String typeName(RecordedEvent event) {
        return typeName(event.getEventType());
    }

    /** Refuses a gzip file that holds no recording the JDK can read; returns for a gzip-wrapped recording. */
    private static void refuseForeignGzip(Path file) throws IOException {
        byte[] inner = new byte[8];
        int n;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            n = in.readNBytes(inner, 0, 8);
        } catch (IOException e) {
            throw new JfrFormatException(file, 0, "is a gzip file that cannot be inflated (" + e.getMessage()
                    + "), expected a JFR recording");
        }
        if (n < 6 || !startsWithMagic(inner)) {
            throw new JfrFormatException(file, 0, "is a gzip file, expected a JFR recording (starting with FLR\\0)");
        }
        int major = ((inner[4] & 0xff) << 8) | (inner[5] & 0xff);
        if (major == 0) {
            throw new JfrFormatException(file, 0, "is a gzip-compressed JFR recording of format 0.9"
                    + " (Oracle JDK 7 or 8 before 8u262), which the JDK's parser cannot read: open it in"
                    + " JDK Mission Control, or record again with JDK 8u262+ or 11+");
        }
    }

    private static void refuseForeign(Path file, ByteBuffer header, int read, long size) throws IOException {
        if (read < 4 || !startsWithMagic(new byte[] {header.get(0), header.get(1), header.get(2), header.get(3)})) {
            throw new JfrFormatException(file, 0, read < 4 && size < 4
                    ? "has only " + size + " bytes, expected a JFR recording (starting with FLR\\0)"
                    : "is not a JFR recording: expected the magic FLR\\0, found " + hex(header, Math.min(read, 4)));
        }
    }

    /** What is wrong with the chunk header at {@code offset}, or null when it describes a complete chunk. */
    private static String chunkProblem(ByteBuffer header, int read, long offset, long fileSize) {
        if (read < HEADER_BYTES) {
            return String.format("the file ends at byte %,d inside the header of a chunk starting at byte %,d",
                    fileSize, offset);
        }
        byte[] magic = new byte[4];
        header.get(0, magic);
        if (!startsWithMagic(magic)) {
            return String.format("expected a chunk (magic FLR\\0) at byte %,d, found %s", offset, hex(header, 4));
        }
        int major = header.getShort(4) & 0xffff;
        int minor = header.getShort(6) & 0xffff;
        if (major == 0) {
            return String.format("the chunk at byte %,d is of format 0.%d (Oracle JDK 7 or 8 before 8u262), which the"
                    + " JDK's parser cannot read: open it in JDK Mission Control", offset, minor);
        }
        if (major > 2) {
            return String.format("the chunk at byte %,d is of format %d.%d; this JDK's parser reads formats 1 and 2:"
                    + " run leakhound on a newer JDK", offset, major, minor);
        }
        long chunkSize = header.getLong(8);
        if (chunkSize == 0) {
            return String.format("the chunk at byte %,d was never finished (its size is 0: the JVM stopped while"
                    + " writing it)", offset);
        }
        if (chunkSize < HEADER_BYTES) {
            return String.format("the chunk at byte %,d declares %d bytes, less than its own %d-byte header", offset,
                    chunkSize, HEADER_BYTES);
        }
        if (offset + chunkSize > fileSize) {
            return String.format("the chunk at byte %,d declares %,d bytes but the file ends %,d bytes into it",
                    offset, chunkSize, fileSize - offset);
        }
        long constantPool = header.getLong(16);
        long metadata = header.getLong(24);
        if (metadata <= 0 || metadata >= chunkSize || constantPool < 0 || constantPool >= chunkSize) {
            return String.format("the chunk at byte %,d points to its metadata at %d and constant pools at %d,"
                    + " outside its %,d bytes (a chunk the JVM did not finish writing)", offset, metadata,
                    constantPool, chunkSize);
        }
        return null;
    }

    private static Chunk chunk(ByteBuffer header, long offset) {
        long startNanos = header.getLong(32);
        long durationNanos = Math.max(0, header.getLong(40));
        return new Chunk(offset, header.getLong(8), header.getShort(4) & 0xffff, header.getShort(6) & 0xffff,
                Instant.ofEpochSecond(0, startNanos), Duration.ofNanos(durationNanos));
    }

    private static int readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static boolean startsWithMagic(byte[] head) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static String hex(ByteBuffer buffer, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(String.format("%02x", buffer.get(i) & 0xff));
        }
        return s.length() == 0 ? "nothing" : s.toString();
    }
}

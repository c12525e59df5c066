package io.leakhound.hprof;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Set;

/**
 * An open HPROF file: its header, a streaming read of the records asked for, and random access to a
 * record by the offset a streaming read reported.
 *
 * <p>The file is memory-mapped in windows, so reading costs page cache, not Java heap. A gzip-compressed
 * dump ({@code .gz}) is first decompressed into a temporary file beside the system temp directory, which
 * {@link #close()} deletes. Not safe for concurrent use; open the file once per thread.
 */
public final class HprofFile implements Closeable {

    /** Receives each record a streaming read decodes, with the offset of its tag byte. */
    @FunctionalInterface
    public interface RecordVisitor {
        void visit(long offset, HprofRecord record) throws IOException;
    }

    /**
     * How a streaming read ended. {@code truncatedAt} is -1 when the file ended cleanly; otherwise the
     * offset of the first record the file cut short, and {@code truncation} says what was cut
     * (a dump written by a JVM that was killed, often after an OutOfMemoryError). Every record before
     * that offset was delivered.
     */
    public record ReadResult(long recordsDelivered, long truncatedAt, String truncation) {
        public boolean truncated() {
            return truncatedAt >= 0;
        }
    }

    /** Windows of 1 GiB: few remaps, and well under the 2 GiB a buffer can address. */
    static final long DEFAULT_WINDOW_BYTES = 1L << 30;

    private static final Set<RecordKind> ALL_KINDS = EnumSet.allOf(RecordKind.class);

    private final Path file;
    private final Path decompressed;
    /** Set when a gzip dump's compressed stream was cut; null otherwise. */
    private final GzipDump.Inflated gzipCut;
    private final FileChannel channel;
    private final MappedWindow map;
    private final HprofHeader header;

    private HprofFile(Path file, GzipDump.Inflated inflated, FileChannel channel, MappedWindow map,
                      HprofHeader header) {
        this.file = file;
        this.decompressed = inflated != null ? inflated.copy() : null;
        this.gzipCut = inflated != null && inflated.cut() ? inflated : null;
        this.channel = channel;
        this.map = map;
        this.header = header;
    }

    /**
     * Opens and maps a dump and reads its header.
     *
     * @throws HprofFormatException when the header is not HPROF's, names an unsupported format
     *                              (Android's {@code JAVA PROFILE 1.0.3}) or an identifier size other than 4 or 8
     */
    public static HprofFile open(Path file) throws IOException {
        return open(file, DEFAULT_WINDOW_BYTES);
    }

    /** {@link #open(Path)} with a chosen window size; tests use tiny windows to make every record straddle. */
    static HprofFile open(Path file, long windowBytes) throws IOException {
        GzipDump.Inflated inflated = GzipDump.isGzip(file) ? GzipDump.decompress(file) : null;
        Path decompressed = inflated != null ? inflated.copy() : null;
        FileChannel channel = null;
        try {
            channel = FileChannel.open(decompressed != null ? decompressed : file, StandardOpenOption.READ);
            MappedWindow map = new MappedWindow(channel, channel.size(), windowBytes);
            HprofHeader header = HeaderReader.read(file, map);
            return new HprofFile(file, inflated, channel, map, header);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            if (decompressed != null) {
                Files.deleteIfExists(decompressed);
            }
            throw e;
        }
    }

    /** The header, read when the file was opened. Never null. */
    public HprofHeader header() {
        return header;
    }

    /** The file as the user named it (not the decompressed temporary copy). */
    public Path file() {
        return file;
    }

    /** The decompressed temporary copy of a {@code .gz} dump, or null; for tests. */
    Path decompressedCopy() {
        return decompressed;
    }

    /** Bytes of the (decompressed) dump. Offsets run from 0 to this. */
    public long length() {
        return map.fileLength();
    }

    /**
     * Reads the whole file from the first record on and hands the records of the given kinds to the
     * visitor, heap dump sub-records included, in file order.
     *
     * <p>A primitive array of more than 2 GiB is delivered with a view of its first elements only
     * ({@code elements().limit() < length * width}); an object array that large is refused with an
     * {@link HprofFormatException}, since a partial view would drop references silently.
     *
     * @throws HprofFormatException on a corrupt record (an unknown sub-record tag, a length that cannot
     *                              be); a file merely cut short is not an error but a {@link ReadResult#truncated()}
     */
    public ReadResult read(Set<RecordKind> kinds, RecordVisitor visitor) throws IOException {
        ensureOpen();
        ReadResult result = new RecordDecoder(file, map, header.identifierSize(), kinds)
                .readAll(header.length(), visitor);
        return gzipCut == null ? result : namingTheGzipCut(result);
    }

    /**
     * A cut gzip stream is the cause of whatever the dump lost, so it is named first; the offsets the
     * dump reader gives are in the inflated bytes, which a user cannot find in the {@code .gz} file.
     */
    private ReadResult namingTheGzipCut(ReadResult result) {
        String gzip = gzipCut.describeCut(file);
        if (result.truncated()) {
            return new ReadResult(result.recordsDelivered(), result.truncatedAt(), gzip + "; " + result.truncation());
        }
        // The records that were inflated are whole, but what followed them is gone.
        return new ReadResult(result.recordsDelivered(), length(), gzip + "; the records before it are complete");
    }

    /**
     * Decodes the top-level record whose tag byte is at {@code offset}. For a {@code HEAP DUMP} or
     * {@code HEAP DUMP SEGMENT} this is its {@link HprofRecord.HeapDumpStart}; its sub-records start 9
     * bytes further and are read with {@link #readHeapDumpRecordAt(long)}.
     */
    public HprofRecord readRecordAt(long offset) throws IOException {
        ensureOpen();
        return new RecordDecoder(file, map, header.identifierSize(), ALL_KINDS).topLevelAt(offset);
    }

    /** Decodes the heap dump sub-record whose tag byte is at {@code offset}. */
    public HeapDumpRecord readHeapDumpRecordAt(long offset) throws IOException {
        ensureOpen();
        return new RecordDecoder(file, map, header.identifierSize(), ALL_KINDS).subRecordAt(offset);
    }

    /** Releases the mapping and deletes the decompressed copy of a {@code .gz} dump. Idempotent. */
    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        map.release();
        try {
            channel.close();
        } finally {
            if (decompressed != null) {
                Files.deleteIfExists(decompressed);
            }
        }
    }

    private void ensureOpen() {
        if (!channel.isOpen()) {
            throw new IllegalStateException(file + " is closed");
        }
    }
}

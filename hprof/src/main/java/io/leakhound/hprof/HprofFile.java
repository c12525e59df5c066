package io.leakhound.hprof;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
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

    /**
     * Opens and maps a dump and reads its header.
     *
     * @throws HprofFormatException when the header is not HPROF's, names an unsupported format
     *                              (Android's {@code JAVA PROFILE 1.0.3}) or an identifier size other than 4 or 8
     */
    public static HprofFile open(Path file) throws IOException {
        throw new UnsupportedOperationException("to be written");
    }

    public HprofHeader header() {
        throw new UnsupportedOperationException("to be written");
    }

    /** The file as the user named it (not the decompressed temporary copy). */
    public Path file() {
        throw new UnsupportedOperationException("to be written");
    }

    /** Bytes of the (decompressed) dump. Offsets run from 0 to this. */
    public long length() {
        throw new UnsupportedOperationException("to be written");
    }

    /**
     * Reads the whole file from the first record on and hands the records of the given kinds to the
     * visitor, heap dump sub-records included, in file order.
     *
     * @throws HprofFormatException on a corrupt record (an unknown sub-record tag, a length that cannot
     *                              be); a file merely cut short is not an error but a {@link ReadResult#truncated()}
     */
    public ReadResult read(Set<RecordKind> kinds, RecordVisitor visitor) throws IOException {
        throw new UnsupportedOperationException("to be written");
    }

    /** Decodes the top-level record whose tag byte is at {@code offset}. */
    public HprofRecord readRecordAt(long offset) throws IOException {
        throw new UnsupportedOperationException("to be written");
    }

    /** Decodes the heap dump sub-record whose tag byte is at {@code offset}. */
    public HeapDumpRecord readHeapDumpRecordAt(long offset) throws IOException {
        throw new UnsupportedOperationException("to be written");
    }

    @Override
    public void close() throws IOException {
        throw new UnsupportedOperationException("to be written");
    }
}

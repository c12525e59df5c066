package io.leakhound.hprof;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A read-only window onto a file that may be larger than one {@link ByteBuffer} can address (2 GiB).
 * The window is remapped to start at a record when the record does not fit the current one, so a
 * record never straddles two buffers and is read with absolute {@code get}s on one buffer.
 *
 * <p>Cost: address space, not Java heap; the page cache holds the bytes. A remap is one {@code mmap}
 * call and happens about once per window size of file read (plus once per record larger than a window).
 */
final class MappedWindow {

    /** Largest buffer the JDK can map; a single record bigger than this is not mapped whole. */
    static final int MAX_MAPPING = Integer.MAX_VALUE - 64;

    private final FileChannel channel;
    private final long fileLength;
    private final long windowSize;

    /** The current window: file bytes [start, end) at buffer indexes [0, end - start). */
    ByteBuffer buffer;
    private long start;
    private long end;

    MappedWindow(FileChannel channel, long fileLength, long windowSize) {
        this.channel = channel;
        this.fileLength = fileLength;
        this.windowSize = Math.min(windowSize, MAX_MAPPING);
    }

    long fileLength() {
        return fileLength;
    }

    /**
     * Makes file bytes [offset, offset + bytes) addressable in {@link #buffer} and returns the buffer
     * index of {@code offset}. The caller has checked that the range lies inside the file and that
     * {@code bytes <= MAX_MAPPING}.
     */
    int index(long offset, int bytes) throws IOException {
        if (offset < start || offset + bytes > end) {
            remap(offset, bytes);
        }
        return (int) (offset - start);
    }

    private void remap(long offset, int bytes) throws IOException {
        long size = Math.min(fileLength - offset, Math.max(windowSize, bytes));
        buffer = channel.map(FileChannel.MapMode.READ_ONLY, offset, size);
        start = offset;
        end = offset + size;
    }

    void release() {
        // A mapping is unmapped when its buffer is collected; dropping the reference is all Java 17 allows.
        buffer = null;
        start = 0;
        end = 0;
    }
}

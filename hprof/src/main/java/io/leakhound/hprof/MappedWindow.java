package io.leakhound.hprof;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.HashMap;
import java.util.Map;

/**
 * Read-only windows onto a file that may be larger than one {@link ByteBuffer} can address (2 GiB).
 * Window {@code k} maps bytes {@code [k * stride, k * stride + 2 * stride)}: consecutive windows
 * overlap by a stride, so any record shorter than a stride lies whole inside the window of its start
 * and is read with absolute {@code get}s on one buffer. Each window is mapped once and kept until the
 * file is closed, so random access does not pile up mappings (the JDK unmaps a buffer only when it is
 * collected, and the kernel caps the number of mappings); only a record longer than a stride gets a
 * mapping of its own.
 *
 * <p>Cost: address space (the file's size, plus a stride), not Java heap; the page cache holds the bytes.
 */
final class MappedWindow {

    /** Largest buffer the JDK can map; a single record bigger than this is not mapped whole. */
    static final int MAX_MAPPING = Integer.MAX_VALUE - 64;

    private final FileChannel channel;
    private final long fileLength;
    private final long stride;
    private final Map<Long, ByteBuffer> windows = new HashMap<>();

    /** The current buffer: file bytes [start, end) at buffer indexes [0, end - start). */
    ByteBuffer buffer;
    private long start;
    private long end;

    /** @param windowSize bytes of one window (two strides); tests pass tiny ones */
    MappedWindow(FileChannel channel, long fileLength, long windowSize) {
        this.channel = channel;
        this.fileLength = fileLength;
        this.stride = Math.max(1, Math.min(windowSize, MAX_MAPPING) / 2);
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
            select(offset, bytes);
        }
        return (int) (offset - start);
    }

    private void select(long offset, int bytes) throws IOException {
        long k = offset / stride;
        long windowStart = k * stride;
        long windowEnd = Math.min(fileLength, windowStart + 2 * stride);
        if (offset + bytes <= windowEnd) {
            ByteBuffer window = windows.get(k);
            if (window == null) {
                window = channel.map(FileChannel.MapMode.READ_ONLY, windowStart, windowEnd - windowStart);
                windows.put(k, window);
            }
            buffer = window;
            start = windowStart;
            end = windowEnd;
        } else {
            // A record longer than a stride: a mapping of its own, dropped at the next switch.
            buffer = channel.map(FileChannel.MapMode.READ_ONLY, offset, bytes);
            start = offset;
            end = offset + bytes;
        }
    }

    void release() {
        // A mapping is unmapped when its buffer is collected; dropping the references is all Java 17 allows.
        windows.clear();
        buffer = null;
        start = 0;
        end = 0;
    }
}

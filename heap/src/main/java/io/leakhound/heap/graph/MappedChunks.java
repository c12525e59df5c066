package io.leakhound.heap.graph;

import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.util.Arrays;

/**
 * The memory-mapped chunks behind one {@link IntArray} or {@link LongArray}: the one implementation of how such an
 * array grows (amortised doubling, chunks of {@code 2^shift} elements from {@link OffHeapArrays}, the last,
 * partial chunk remapped bigger with its values carried over) and is released. The arrays keep their typed
 * views of the chunks and their size in fields of their own, so that {@code get} and {@code set} stay one
 * bounds check, a shift, a mask and one buffer access. Not synchronised.
 */
final class MappedChunks {

    private static final MappedByteBuffer[] NO_MAPPINGS = {};

    private final OffHeapArrays owner;
    private final Object array;
    private final int shift;
    private final long chunk;
    private final int elementBytes;
    private MappedByteBuffer[] mappings = NO_MAPPINGS;
    private long capacity;
    private boolean closed;

    /**
     * @param array        the array these chunks are behind, which {@link #close()} unregisters from {@code owner}
     * @param shift        log2 of the elements in a full chunk
     * @param elementBytes the size of one element
     */
    MappedChunks(OffHeapArrays owner, Object array, int shift, int elementBytes) {
        this.owner = owner;
        this.array = array;
        this.shift = shift;
        this.chunk = 1L << shift;
        this.elementBytes = elementBytes;
    }

    /**
     * Makes room for at least {@code newSize} elements, at least doubling the capacity when it runs out, so that
     * appending one element at a time costs amortised O(1).
     *
     * @return the chunks, in native byte order, when they changed (the caller rebuilds its typed views);
     *         {@code null} when the capacity sufficed
     * @throws IllegalStateException when the array is closed
     */
    MappedByteBuffer[] ensureCapacity(long newSize) {
        if (newSize <= capacity) {
            return null;
        }
        if (closed) {
            throw new IllegalStateException(array.getClass().getSimpleName() + " is closed");
        }
        long newCapacity = capacity == 0 ? newSize : Math.max(newSize, 2 * capacity);
        int chunkCount = (int) ((newCapacity + chunk - 1) >>> shift);
        MappedByteBuffer[] newMappings = Arrays.copyOf(mappings, chunkCount);
        for (int c = Math.max(0, mappings.length - 1); c < chunkCount; c++) {
            long chunkCapacity = Math.min(chunk, newCapacity - ((long) c << shift));
            MappedByteBuffer old = c < mappings.length ? mappings[c] : null;
            if (old != null && old.capacity() == chunkCapacity * elementBytes) {
                continue;
            }
            MappedByteBuffer mapping = owner.map(chunkCapacity * elementBytes);
            if (old != null) {
                // only the last chunk can be partial: carry its values over into the bigger mapping
                mapping.put(old.duplicate().clear());
                mapping.clear();
                owner.unmap(old);
            }
            mapping.order(ByteOrder.nativeOrder());
            newMappings[c] = mapping;
        }
        mappings = newMappings;
        capacity = newCapacity;
        return mappings;
    }

    /** Unmaps every chunk now and unregisters the array; afterwards the capacity is 0. Idempotent. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (MappedByteBuffer mapping : mappings) {
            owner.unmap(mapping);
        }
        mappings = NO_MAPPINGS;
        capacity = 0;
        owner.unregister(array);
    }
}

package io.leakhound.heap.graph;

import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.MappedByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A zero-filled array of longs indexed by {@code long}, in memory-mapped chunks of 2^26 longs (512 MiB)
 * from {@link OffHeapArrays}: no Java heap and no anonymous memory per element.
 *
 * <p>{@link #get} and {@link #set} are a bounds check, a shift, a mask and one buffer access, which the
 * JIT compiles to a few instructions. {@link #grow} extends the array (amortised doubling, existing values
 * kept, new values 0). Not synchronised; {@link #close()} unmaps it early, after which its size is 0.
 */
public final class LongArray implements AutoCloseable {

    static final int SHIFT = 26;
    static final long CHUNK = 1L << SHIFT;
    static final int MASK = (int) CHUNK - 1;
    private static final int BYTES = Long.BYTES;
    private static final LongBuffer[] NO_CHUNKS = {};
    private static final MappedByteBuffer[] NO_MAPPINGS = {};

    private final OffHeapArrays owner;
    private LongBuffer[] chunks = NO_CHUNKS;
    private MappedByteBuffer[] mappings = NO_MAPPINGS;
    private long size;
    private long capacity;
    private boolean closed;

    LongArray(OffHeapArrays owner) {
        this.owner = owner;
    }

    public long size() {
        return size;
    }

    public long get(long i) {
        Objects.checkIndex(i, size);
        return chunks[(int) (i >>> SHIFT)].get((int) i & MASK);
    }

    public void set(long i, long value) {
        Objects.checkIndex(i, size);
        chunks[(int) (i >>> SHIFT)].put((int) i & MASK, value);
    }

    /** Sets {@code [from, to)} to {@code value}. */
    public void fill(long from, long to, long value) {
        Objects.checkFromToIndex(from, to, size);
        for (long i = from; i < to; i++) {
            chunks[(int) (i >>> SHIFT)].put((int) i & MASK, value);
        }
    }

    /**
     * Makes the array at least {@code newSize} long; new elements are 0. Capacity at least doubles when it
     * runs out, so appending one element at a time costs amortised O(1). A smaller size is ignored.
     */
    public void grow(long newSize) {
        if (newSize <= size) {
            return;
        }
        if (newSize > capacity) {
            ensureCapacity(capacity == 0 ? newSize : Math.max(newSize, 2 * capacity));
        }
        size = newSize;
    }

    /** Unmaps the array now; afterwards its size is 0. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (MappedByteBuffer mapping : mappings) {
            owner.unmap(mapping);
        }
        chunks = NO_CHUNKS;
        mappings = NO_MAPPINGS;
        size = 0;
        capacity = 0;
        owner.unregister(this);
    }

    @Override
    public String toString() {
        return "LongArray[size=" + size + "]";
    }

    private void ensureCapacity(long newCapacity) {
        if (closed) {
            throw new IllegalStateException("LongArray is closed");
        }
        int chunkCount = (int) ((newCapacity + CHUNK - 1) >>> SHIFT);
        LongBuffer[] newChunks = Arrays.copyOf(chunks, chunkCount);
        MappedByteBuffer[] newMappings = Arrays.copyOf(mappings, chunkCount);
        for (int c = Math.max(0, chunks.length - 1); c < chunkCount; c++) {
            long chunkCapacity = Math.min(CHUNK, newCapacity - ((long) c << SHIFT));
            MappedByteBuffer old = c < mappings.length ? mappings[c] : null;
            if (old != null && old.capacity() == chunkCapacity * BYTES) {
                continue;
            }
            MappedByteBuffer mapping = owner.map(chunkCapacity * BYTES);
            if (old != null) {
                // only the last chunk can be partial: carry its values over into the bigger mapping
                mapping.put(old.duplicate().clear());
                mapping.clear();
                owner.unmap(old);
            }
            newMappings[c] = mapping;
            newChunks[c] = mapping.order(ByteOrder.nativeOrder()).asLongBuffer();
        }
        chunks = newChunks;
        mappings = newMappings;
        capacity = newCapacity;
    }
}

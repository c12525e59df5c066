package io.leakhound.heap.graph;

import java.nio.IntBuffer;
import java.nio.MappedByteBuffer;
import java.util.Objects;

/**
 * A zero-filled array of ints indexed by {@code long}, in memory-mapped chunks of 2^27 ints (512 MiB)
 * from {@link OffHeapArrays}: no Java heap and no anonymous memory per element.
 *
 * <p>{@link #get} and {@link #set} are a bounds check, a shift, a mask and one buffer access, which the
 * JIT compiles to a few instructions. {@link #grow} extends the array (amortised doubling, existing values
 * kept, new values 0; the mapping is {@link MappedChunks}, shared with the other element type). Not
 * synchronised; {@link #close()} unmaps it early, after which its size is 0.
 */
public final class IntArray implements AutoCloseable {

    static final int SHIFT = 27;
    static final long CHUNK = 1L << SHIFT;
    static final int MASK = (int) CHUNK - 1;
    private static final IntBuffer[] NO_CHUNKS = {};

    private final MappedChunks mapped;
    private IntBuffer[] chunks = NO_CHUNKS;
    private long size;

    IntArray(OffHeapArrays owner) {
        this.mapped = new MappedChunks(owner, this, SHIFT, Integer.BYTES);
    }

    public long size() {
        return size;
    }

    public int get(long i) {
        Objects.checkIndex(i, size);
        return chunks[(int) (i >>> SHIFT)].get((int) i & MASK);
    }

    public void set(long i, int value) {
        Objects.checkIndex(i, size);
        chunks[(int) (i >>> SHIFT)].put((int) i & MASK, value);
    }

    /** Sets {@code [from, to)} to {@code value}. */
    public void fill(long from, long to, int value) {
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
        MappedByteBuffer[] mappings = mapped.ensureCapacity(newSize);
        if (mappings != null) {
            IntBuffer[] views = new IntBuffer[mappings.length];
            for (int c = 0; c < mappings.length; c++) {
                views[c] = mappings[c].asIntBuffer();
            }
            chunks = views;
        }
        size = newSize;
    }

    /** Unmaps the array now; afterwards its size is 0. Idempotent. */
    @Override
    public void close() {
        mapped.close();
        chunks = NO_CHUNKS;
        size = 0;
    }

    @Override
    public String toString() {
        return "IntArray[size=" + size + "]";
    }
}

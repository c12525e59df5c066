package io.leakhound.heap;

import io.leakhound.heap.graph.IntArray;
import io.leakhound.heap.graph.LongArray;
import io.leakhound.heap.graph.OffHeapArrays;

/**
 * Aggregates per path signature for one dump: how many reachable objects share it, their shallow bytes,
 * what they retain (each object counted once), the signature of their parent path, and the biggest object.
 * Entries are numbered densely in insertion order ({@code 0..size()-1}); an open-addressing index with
 * linear probing maps a signature to its entry.
 *
 * <p>Everything is off-heap in the index's {@link OffHeapArrays} (48 bytes per distinct signature, plus
 * 8 to 16 for the index), so a dump with millions of distinct paths costs page cache, not Java heap; the
 * table dies with the index.
 */
final class SignatureTable {
    private static final int INITIAL_CAPACITY = 1 << 12;

    private final OffHeapArrays arrays;
    private final LongArray keys;
    private final LongArray parents;
    private final IntArray counts;
    private final LongArray shallowBytes;
    private final LongArray retainedBytes;
    private final IntArray representatives;
    private final LongArray representativeRetained;
    /** Hash position to entry number plus one; 0 marks a free position. */
    private IntArray positions;
    private long mask;
    private int size;

    SignatureTable(OffHeapArrays arrays) {
        this.arrays = arrays;
        keys = arrays.longs(0);
        parents = arrays.longs(0);
        counts = arrays.ints(0);
        shallowBytes = arrays.longs(0);
        retainedBytes = arrays.longs(0);
        representatives = arrays.ints(0);
        representativeRetained = arrays.longs(0);
        positions = arrays.ints(INITIAL_CAPACITY);
        mask = INITIAL_CAPACITY - 1;
    }

    /** The entry of {@code signature}, created with {@code parent} as its parent path when new. */
    int entryOf(long signature, long parent) {
        long position = signature & mask;
        while (true) {
            int entry = positions.get(position) - 1;
            if (entry < 0) {
                break;
            }
            if (keys.get(entry) == signature) {
                return entry;
            }
            position = (position + 1) & mask;
        }
        int entry = size++;
        keys.grow(size);
        parents.grow(size);
        counts.grow(size);
        shallowBytes.grow(size);
        retainedBytes.grow(size);
        representatives.grow(size);
        representativeRetained.grow(size);
        keys.set(entry, signature);
        parents.set(entry, parent);
        representatives.set(entry, -1);
        positions.set(position, entry + 1);
        if (2L * size > mask + 1) {
            rehash();
        }
        return entry;
    }

    /** The entry of {@code signature}, or -1. */
    int find(long signature) {
        long position = signature & mask;
        while (true) {
            int entry = positions.get(position) - 1;
            if (entry < 0) {
                return -1;
            }
            if (keys.get(entry) == signature) {
                return entry;
            }
            position = (position + 1) & mask;
        }
    }

    /** Counts one more object of {@code shallow} bytes under {@code entry}. */
    void addObject(int entry, long shallow) {
        counts.set(entry, counts.get(entry) + 1);
        shallowBytes.set(entry, shallowBytes.get(entry) + shallow);
    }

    /** Adds what an object retains that no other object of the entry retains; the biggest one is kept. */
    void addRetained(int entry, int node, long retained) {
        retainedBytes.set(entry, retainedBytes.get(entry) + retained);
        if (representatives.get(entry) < 0 || retained > representativeRetained.get(entry)) {
            representatives.set(entry, node);
            representativeRetained.set(entry, retained);
        }
    }

    int size() {
        return size;
    }

    long signature(int entry) {
        return keys.get(entry);
    }

    /** The signature of the path that leads to this one, 0 for a GC root or a class. */
    long parent(int entry) {
        return parents.get(entry);
    }

    int count(int entry) {
        return counts.get(entry);
    }

    long shallowBytes(int entry) {
        return shallowBytes.get(entry);
    }

    long retainedBytes(int entry) {
        return retainedBytes.get(entry);
    }

    /** The object of this signature that retains most, or -1. */
    int representative(int entry) {
        return representatives.get(entry);
    }

    private void rehash() {
        long capacity = 2 * (mask + 1);
        IntArray grown = arrays.ints(capacity);
        long newMask = capacity - 1;
        for (int entry = 0; entry < size; entry++) {
            long position = keys.get(entry) & newMask;
            while (grown.get(position) != 0) {
                position = (position + 1) & newMask;
            }
            grown.set(position, entry + 1);
        }
        positions.close();
        positions = grown;
        mask = newMask;
    }
}

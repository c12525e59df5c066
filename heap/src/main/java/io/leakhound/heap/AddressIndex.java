package io.leakhound.heap;

import io.leakhound.heap.graph.IntArray;
import io.leakhound.heap.graph.LongArray;
import io.leakhound.heap.graph.OffHeapArrays;

/**
 * Maps the object addresses of a dump to dense node ids (the order objects appear in the file).
 *
 * <p>The addresses are sorted once (a radix sort on memory-mapped arrays, so no Java heap in proportion
 * to the dump); a lookup goes through a directory that splits the address range into about as many
 * buckets as there are objects, then a binary search inside one bucket, typically one or two probes.
 * A plain binary search over 12 million addresses would cost 24 probes per reference, and a dump has
 * several references per object.
 */
final class AddressIndex {
    private static final int NOT_FOUND = -1;

    private final LongArray sortedAddresses;
    /** Node id of each sorted address; {@code null} when the file already listed objects in address order. */
    private final IntArray nodeOfSorted;
    private final IntArray bucketStart;
    private final long min;
    private final long max;
    private final int shift;
    private final long size;
    private final long duplicates;

    private AddressIndex(LongArray sortedAddresses, IntArray nodeOfSorted, IntArray bucketStart, long min,
                         long max, int shift, long size, long duplicates) {
        this.sortedAddresses = sortedAddresses;
        this.nodeOfSorted = nodeOfSorted;
        this.bucketStart = bucketStart;
        this.min = min;
        this.max = max;
        this.shift = shift;
        this.size = size;
        this.duplicates = duplicates;
    }

    /**
     * Indexes the first {@code count} addresses of {@code addressOfNode} (node id = position).
     * {@code ascending} says the caller saw them in strictly increasing order, which spares the sort.
     */
    static AddressIndex build(LongArray addressOfNode, int count, boolean ascending, OffHeapArrays arrays) {
        LongArray sorted;
        IntArray nodes = null;
        if (ascending || count == 0) {
            sorted = addressOfNode;
        } else {
            sorted = arrays.longs(count);
            nodes = arrays.ints(count);
            for (int i = 0; i < count; i++) {
                sorted.set(i, addressOfNode.get(i));
                nodes.set(i, i);
            }
            radixSort(sorted, nodes, count, arrays);
        }
        long min = count == 0 ? 0 : sorted.get(0);
        long max = count == 0 ? 0 : sorted.get(count - 1);
        long duplicates = 0;
        for (int i = 1; i < count; i++) {
            if (sorted.get(i) == sorted.get(i - 1)) {
                duplicates++;
            }
        }
        int shift = 0;
        long span = max - min;
        while (shift < 63 && (span >>> shift) >= Math.max(1, count)) {
            shift++;
        }
        long buckets = (span >>> shift) + 1;
        IntArray bucketStart = arrays.ints(buckets + 1);
        int position = 0;
        for (long bucket = 0; bucket < buckets; bucket++) {
            bucketStart.set(bucket, position);
            while (position < count && ((sorted.get(position) - min) >>> shift) == bucket) {
                position++;
            }
        }
        bucketStart.set(buckets, count);
        return new AddressIndex(sorted, nodes, bucketStart, min, max, shift, count, duplicates);
    }

    /** The node at this address, or -1 when no object of the dump has it (null, or an object not dumped). */
    int nodeAt(long address) {
        if (size == 0 || Long.compareUnsigned(address, min) < 0 || Long.compareUnsigned(address, max) > 0) {
            return NOT_FOUND;
        }
        long bucket = (address - min) >>> shift;
        int low = bucketStart.get(bucket);
        int high = bucketStart.get(bucket + 1) - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long found = sortedAddresses.get(middle);
            if (found == address) {
                return nodeOfSorted == null ? middle : nodeOfSorted.get(middle);
            }
            if (Long.compareUnsigned(found, address) < 0) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return NOT_FOUND;
    }

    /** Addresses listed more than once in the dump (the later copies are unreachable). */
    long duplicates() {
        return duplicates;
    }

    /**
     * The address that follows {@code address} in memory, or -1 at the end: the distance between the two
     * bounds the size of the object at {@code address}.
     */
    long nextAddress(long sortedPosition) {
        return sortedPosition + 1 < size ? sortedAddresses.get(sortedPosition + 1) : -1;
    }

    long sortedAddress(long sortedPosition) {
        return sortedAddresses.get(sortedPosition);
    }

    int nodeOfSortedPosition(long sortedPosition) {
        return nodeOfSorted == null ? (int) sortedPosition : nodeOfSorted.get(sortedPosition);
    }

    long size() {
        return size;
    }

    /**
     * LSD radix sort of unsigned addresses, 16 bits a pass, carrying the node ids along. Passes over digits
     * in which every address agrees are skipped: heap addresses share their top bits.
     */
    private static void radixSort(LongArray keys, IntArray values, int count, OffHeapArrays arrays) {
        long differing = 0;
        long first = keys.get(0);
        for (int i = 1; i < count; i++) {
            differing |= keys.get(i) ^ first;
        }
        LongArray keyBuffer = arrays.longs(count);
        IntArray valueBuffer = arrays.ints(count);
        LongArray fromKeys = keys;
        IntArray fromValues = values;
        LongArray toKeys = keyBuffer;
        IntArray toValues = valueBuffer;
        int[] counts = new int[1 << 16];
        for (int digitShift = 0; digitShift < 64; digitShift += 16) {
            if (((differing >>> digitShift) & 0xFFFF) == 0) {
                continue;
            }
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < count; i++) {
                counts[(int) ((fromKeys.get(i) >>> digitShift) & 0xFFFF)]++;
            }
            int sum = 0;
            for (int digit = 0; digit < counts.length; digit++) {
                int c = counts[digit];
                counts[digit] = sum;
                sum += c;
            }
            for (int i = 0; i < count; i++) {
                long key = fromKeys.get(i);
                int target = counts[(int) ((key >>> digitShift) & 0xFFFF)]++;
                toKeys.set(target, key);
                toValues.set(target, fromValues.get(i));
            }
            LongArray swapKeys = fromKeys;
            fromKeys = toKeys;
            toKeys = swapKeys;
            IntArray swapValues = fromValues;
            fromValues = toValues;
            toValues = swapValues;
        }
        if (fromKeys != keys) {
            for (int i = 0; i < count; i++) {
                keys.set(i, fromKeys.get(i));
                values.set(i, fromValues.get(i));
            }
        }
    }
}

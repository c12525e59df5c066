package io.leakhound.heap;

import io.leakhound.heap.graph.IntArray;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One dump's reachable objects summed per path signature and per class name, as {@link PathSignatures}
 * computed them. Lives as long as the dump's index; {@link #select} copies what a comparison needs onto the
 * Java heap before the index is closed.
 */
final class DumpSignatures {
    private final HeapStructure heap;
    private final SignatureTable table;
    private final IntArray entries;
    private final Map<String, ClassTotals> classes;

    /** @param entries per node, its entry in {@code table} (meaningful for reachable nodes only) */
    DumpSignatures(HeapStructure heap, SignatureTable table, IntArray entries, List<HeapClass> classList, long[] counts,
                   long[] shallow, long[] retained) {
        this.heap = heap;
        this.table = table;
        this.entries = entries;
        this.classes = new HashMap<>();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0) {
                // one row per name: the copies of a class in several loaders are what a loader leak multiplies
                classes.merge(classList.get(c).name(), new ClassTotals(counts[c], shallow[c], retained[c]), ClassTotals::plus);
            }
        }
    }

    /** Objects of one signature. {@code representative} is the node that retains most, in this dump. */
    record SignatureStats(long signature, long parent, long count, long shallowBytes, long retainedBytes,
                          int representative) {
    }

    /** Reachable instances of one class name: count, shallow bytes, and what they retain together. */
    record ClassTotals(long count, long shallowBytes, long retainedBytes) {
        ClassTotals plus(ClassTotals other) {
            return new ClassTotals(count + other.count, shallowBytes + other.shallowBytes,
                    retainedBytes + other.retainedBytes);
        }
    }

    HeapStructure heap() {
        return heap;
    }

    /** The signature of a reachable object. */
    long signatureOf(int node) {
        return table.signature(entries.get(node));
    }

    Map<String, ClassTotals> classes() {
        return classes;
    }

    long reachableBytes() {
        return heap.retained().totalReachable();
    }

    /**
     * The signatures whose objects retain at least {@code bytes} together, with the collection entries and
     * arrays below them and what those hold (however little each retains: the entries of a map's collision
     * chains and their values count as elements too).
     */
    Map<Long, SignatureStats> retainingAtLeast(long bytes) {
        Map<Long, SignatureStats> selected = new HashMap<>();
        for (int entry = 0; entry < table.size(); entry++) {
            if (table.retainedBytes(entry) >= bytes) {
                selected.put(table.signature(entry), stats(entry));
            }
        }
        Map<Long, Boolean> containers = new HashMap<>();
        for (int round = 0; round < 2; round++) {
            // two rounds: entries under arrays and chains under entries, then the values under those entries
            for (int entry = 0; entry < table.size(); entry++) {
                long signature = table.signature(entry);
                SignatureStats parent = selected.get(table.parent(entry));
                if (parent != null && !selected.containsKey(signature)
                        && (isContainer(entry) || containers.computeIfAbsent(parent.signature(),
                                p -> isContainer(table.find(p))))) {
                    selected.put(signature, stats(entry));
                }
            }
        }
        return selected;
    }

    private boolean isContainer(int entry) {
        return AccumulationPointSearch.isContainer(heap.index(), table.representative(entry));
    }

    /** The given signatures that occur in this dump. */
    Map<Long, SignatureStats> select(Collection<Long> signatures) {
        Map<Long, SignatureStats> selected = new HashMap<>();
        for (long signature : signatures) {
            int entry = table.find(signature);
            if (entry >= 0) {
                selected.put(signature, stats(entry));
            }
        }
        return selected;
    }

    private SignatureStats stats(int entry) {
        return new SignatureStats(table.signature(entry), table.parent(entry), table.count(entry),
                table.shallowBytes(entry), table.retainedBytes(entry), table.representative(entry));
    }
}

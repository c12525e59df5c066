package io.leakhound.heap;

import io.leakhound.heap.DumpSignatures.SignatureStats;
import io.leakhound.heap.graph.DominatorTree;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the holders that grew between dumps, from the per-signature sums of every dump.
 *
 * <p>Growth is what a signature's objects retain in the last dump minus the first. Each object of the last dump
 * weighs its share of its signature's growth, and {@link AccumulationPointSearch}, the search {@code heap} names
 * its suspects with, descends the last dump's dominator tree by that weight: through a class loader's list of
 * classes to the class whose static field grew, through collections' insides to the holder and its elements.
 * The holder and the point where the growth spreads are then matched in every dump by their signatures, so the
 * element counts and retained sizes are the holder's in each dump. A group of roots whose own count grew
 * (threads that are never stopped, a class loaded by ever new loaders) is its own holder.
 *
 * <p>Material growth: at least {@value #MATERIAL_FRACTION} of the last dump's reachable heap and at least
 * {@value #MATERIAL_MINIMUM_BYTES} bytes; below that, caches breathing and requests in flight would be
 * reported as leaks.
 */
final class GrowthSuspects {
    static final double MATERIAL_FRACTION = 0.02;
    static final long MATERIAL_MINIMUM_BYTES = 64 * 1024;
    private static final int MAX_SUSPECTS = 10;
    private static final SignatureStats ABSENT = new SignatureStats(0, 0, 0, 0, 0, -1);

    private final List<Map<Long, SignatureStats>> dumps;
    private final Map<Long, SignatureStats> last;
    private final Map<Long, SignatureStats> first;
    private final DumpSignatures lastSignatures;
    private final HeapStructure heap;
    private final long material;
    private final double elapsedHours;
    private final Map<Long, List<Long>> children = new HashMap<>();

    /**
     * @param dumps          per dump in the order given, the statistics of the signatures that matter; the
     *                       last holds every signature that could have grown materially
     * @param lastSignatures the last dump's signatures, its index still open, to weigh its objects and name paths
     * @param material       the least growth reported, bytes
     * @param elapsedHours   from the first dump to the last; not positive when the timestamps do not advance
     */
    GrowthSuspects(List<Map<Long, SignatureStats>> dumps, DumpSignatures lastSignatures, long material,
                   double elapsedHours) {
        this.dumps = List.copyOf(dumps);
        this.first = dumps.get(0);
        this.last = dumps.get(dumps.size() - 1);
        this.lastSignatures = lastSignatures;
        this.heap = lastSignatures.heap();
        this.material = material;
        this.elapsedHours = elapsedHours;
        for (SignatureStats stats : last.values()) {
            if (stats.parent() != 0 && stats.parent() != stats.signature()) {
                children.computeIfAbsent(stats.parent(), p -> new ArrayList<>()).add(stats.signature());
            }
        }
    }

    /** A holder found in the last dump, by signature: where its growth spreads and what accumulates there. */
    private record Found(long holder, long point, String elementClass, int holderNode, String reference,
                         List<String> inside) {
    }

    List<HeapDiff.GrowthSuspect> find() throws IOException {
        DominatorTree tree = heap.tree();
        // the tops of the dominator tree by signature: the threads of a pool, the copies of a class, are one
        Map<Long, Long> groupWeight = new LinkedHashMap<>();
        Map<Long, Integer> groupRepresentative = new HashMap<>();
        for (int i = 0; i < tree.childCount(DominatorTree.VIRTUAL_ROOT); i++) {
            int node = tree.child(DominatorTree.VIRTUAL_ROOT, i);
            long signature = lastSignatures.signatureOf(node);
            groupWeight.merge(signature, weight(node), Long::sum);
            groupRepresentative.putIfAbsent(signature, node); // children come biggest first
        }
        AccumulationPointSearch search = new AccumulationPointSearch(heap, this::weight, material);
        Map<Long, Found> holders = new LinkedHashMap<>();
        List<Long> starts = groupWeight.entrySet().stream()
                .filter(group -> group.getValue() >= material)
                .sorted(Map.Entry.<Long, Long>comparingByValue().reversed())
                .map(Map.Entry::getKey).toList();
        for (long signature : starts) {
            int representative = groupRepresentative.get(signature);
            if (countGrew(signature) && count(last, signature) > 1 && last.containsKey(signature)) {
                int[] path = heap.paths().pathFromRoot(representative);
                holders.putIfAbsent(signature, new Found(signature, signature, className(signature), representative,
                        heap.names().referenceTo(path, representative), List.of()));
                continue;
            }
            for (AccumulationPointSearch.Accumulation found : search.from(representative)) {
                long holder = lastSignatures.signatureOf(found.holder());
                long point = lastSignatures.signatureOf(found.point());
                if (last.containsKey(holder) && last.containsKey(point) && growth(holder) >= material / 2) {
                    holders.putIfAbsent(holder, new Found(holder, point, found.elements().className(), found.holder(),
                            found.reference(), found.inside()));
                }
            }
        }
        List<HeapDiff.GrowthSuspect> suspects = new ArrayList<>();
        List<Integer> representatives = new ArrayList<>();
        for (Found found : holders.values()) {
            suspects.add(suspect(found));
            representatives.add(found.holderNode());
        }
        return rank(withoutDominated(suspects, representatives));
    }

    /**
     * An object's share of its signature's growth: what it retains, times the fraction of its signature's
     * retained bytes that is new since the first dump. Objects of signatures no dump singled out weigh nothing:
     * they retain too little to have grown materially.
     */
    private long weight(int node) {
        SignatureStats stats = last.get(lastSignatures.signatureOf(node));
        if (stats == null || stats.retainedBytes() <= 0) {
            return 0;
        }
        long grown = stats.retainedBytes() - first.getOrDefault(stats.signature(), ABSENT).retainedBytes();
        return (long) (heap.retained().retained(node) * ((double) grown / stats.retainedBytes()));
    }

    private boolean countGrew(long signature) {
        return count(last, signature) > count(first, signature);
    }

    /**
     * How many elements of the chosen class lie below the accumulation point in one dump: every signature of
     * that class hanging from the point, through collection entries and the arrays of collision chains (the
     * entries of a HashMap's chains have signatures of their own, and so have their values).
     */
    private long elementCount(Map<Long, SignatureStats> dump, long point, String elementClass) {
        long count = 0;
        Deque<Long> pending = new ArrayDeque<>(List.of(point));
        Set<Long> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            long signature = pending.removeFirst();
            if (!seen.add(signature)) {
                continue;
            }
            for (long child : children.getOrDefault(signature, List.of())) {
                if (className(child).equals(elementClass)) {
                    count += count(dump, child);
                } else if (isContainer(child)) {
                    pending.add(child);
                }
            }
        }
        return count == 0 ? count(dump, point) : count;
    }

    private HeapDiff.GrowthSuspect suspect(Found found) throws IOException {
        int node = found.holderNode();
        int[] path = heap.paths().pathFromRoot(node);
        ReferenceNames names = heap.names();
        List<Long> counts = new ArrayList<>();
        List<Long> retained = new ArrayList<>();
        boolean grewEveryTime = true;
        for (Map<Long, SignatureStats> dump : dumps) {
            counts.add(elementCount(dump, found.point(), found.elementClass()));
            long bytes = dump.getOrDefault(found.holder(), ABSENT).retainedBytes();
            if (!retained.isEmpty() && bytes <= retained.get(retained.size() - 1)) {
                grewEveryTime = false;
            }
            retained.add(bytes);
        }
        long growth = growth(found.holder());
        Double perHour = elapsedHours > 0 ? growth / elapsedHours : null;
        long reachable = heap.retained().totalReachable();
        return new HeapDiff.GrowthSuspect(found.reference(), heap.index().classOf(node).name(),
                count(last, found.holder()), found.elementClass(), counts, retained, perHour, grewEveryTime,
                reachable == 0 ? 0 : (double) growth / reachable, names.describe(path), heap.index().address(node),
                found.inside());
    }

    /** A holder that another suspect's holder dominates in the last dump is part of that one's growth. */
    private List<HeapDiff.GrowthSuspect> withoutDominated(List<HeapDiff.GrowthSuspect> suspects,
                                                          List<Integer> representatives) {
        DominatorTree tree = heap.tree();
        List<HeapDiff.GrowthSuspect> kept = new ArrayList<>();
        for (int i = 0; i < suspects.size(); i++) {
            boolean dominated = false;
            for (int j = 0; j < suspects.size() && !dominated; j++) {
                dominated = j != i && !representatives.get(j).equals(representatives.get(i))
                        && tree.dominates(representatives.get(j), representatives.get(i));
            }
            if (!dominated) {
                kept.add(suspects.get(i));
            }
        }
        return kept;
    }

    /** Growth in every interval first (with three or more dumps it is the stronger evidence), then by growth. */
    private List<HeapDiff.GrowthSuspect> rank(List<HeapDiff.GrowthSuspect> suspects) {
        List<HeapDiff.GrowthSuspect> ranked = new ArrayList<>(suspects);
        ranked.sort(Comparator.comparing((HeapDiff.GrowthSuspect suspect) -> !suspect.grewInEveryInterval())
                .thenComparing(Comparator.comparingLong(HeapDiff.GrowthSuspect::growthBytes).reversed()));
        return ranked.size() > MAX_SUSPECTS ? ranked.subList(0, MAX_SUSPECTS) : ranked;
    }

    private long growth(long signature) {
        return last.getOrDefault(signature, ABSENT).retainedBytes() - first.getOrDefault(signature, ABSENT).retainedBytes();
    }

    private static long count(Map<Long, SignatureStats> dump, long signature) {
        return dump.getOrDefault(signature, ABSENT).count();
    }

    private String className(long signature) {
        return heap.index().classOf(last.get(signature).representative()).name();
    }

    private boolean isContainer(long signature) {
        return AccumulationPointSearch.isContainer(heap.index(), last.get(signature).representative());
    }
}

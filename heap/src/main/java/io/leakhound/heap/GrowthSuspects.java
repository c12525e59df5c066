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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the holders that grew between dumps, from the per-signature sums of every dump.
 *
 * <p>Growth is what a signature's objects retain in the last dump minus the first. It shows along the whole
 * path above a leak (the class, the service object, the list, its array) and in the elements below it, so
 * the search walks the signature tree down from the roots along materially growing signatures and stops
 * where the count fans out: below the holder, the elements are more numerous than the holder and more
 * numerous than before. The holder is then lifted out of arrays and collection entries to the object a
 * person knows (the {@code ArrayList}, not its {@code Object[]}), and collection entries are looked through
 * to the values they hold. A group of roots or classes whose own count grew (threads that are never
 * stopped, a class loaded by ever new loaders) is its own holder.
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
    private final HeapStructure heap;
    private final long material;
    private final double elapsedHours;
    private final Map<Long, List<Long>> children = new HashMap<>();

    /**
     * @param dumps        per dump in the order given, the statistics of the signatures that matter; the
     *                     last holds every signature that could have grown materially
     * @param heap         the last dump, still open, to name paths
     * @param material     the least growth reported, bytes
     * @param elapsedHours from the first dump to the last; not positive when the timestamps do not advance
     */
    GrowthSuspects(List<Map<Long, SignatureStats>> dumps, HeapStructure heap, long material, double elapsedHours) {
        this.dumps = List.copyOf(dumps);
        this.first = dumps.get(0);
        this.last = dumps.get(dumps.size() - 1);
        this.heap = heap;
        this.material = material;
        this.elapsedHours = elapsedHours;
        for (SignatureStats stats : last.values()) {
            if (stats.parent() != 0 && stats.parent() != stats.signature()) {
                children.computeIfAbsent(stats.parent(), p -> new ArrayList<>()).add(stats.signature());
            }
        }
    }

    List<HeapDiff.GrowthSuspect> find() throws IOException {
        Map<Long, Long> holders = new HashMap<>(); // holder signature -> elements signature, in discovery order
        Deque<Long> pending = new ArrayDeque<>();
        last.values().stream()
                .filter(stats -> stats.parent() == 0 || !last.containsKey(stats.parent()))
                .filter(stats -> growth(stats.signature()) >= material)
                .sorted(Comparator.comparingLong((SignatureStats stats) -> growth(stats.signature())).reversed())
                .forEach(stats -> pending.add(stats.signature()));
        Set<Long> visited = new HashSet<>();
        while (!pending.isEmpty()) {
            long signature = pending.removeFirst();
            if (!visited.add(signature)) {
                continue;
            }
            boolean top = last.get(signature).parent() == 0;
            if (top && countGrew(signature) && count(last, signature) > 1) {
                holders.putIfAbsent(signature, signature);
                continue;
            }
            List<Long> growing = children.getOrDefault(signature, List.of()).stream()
                    .filter(child -> growth(child) >= material)
                    .sorted(Comparator.comparingLong(this::growth).reversed())
                    .toList();
            boolean elementsFound = false;
            for (long child : growing) {
                if (isElements(signature, child)) {
                    if (!elementsFound) {
                        holders.putIfAbsent(holder(signature), child);
                        elementsFound = true;
                    }
                } else {
                    pending.addFirst(child);
                }
            }
            if (growing.isEmpty()) {
                holders.putIfAbsent(holder(signature), biggestChild(signature));
            }
        }
        List<HeapDiff.GrowthSuspect> suspects = new ArrayList<>();
        List<Integer> representatives = new ArrayList<>();
        for (Map.Entry<Long, Long> holder : holders.entrySet()) {
            int representative = last.get(holder.getKey()).representative();
            if (representative >= 0) {
                suspects.add(suspect(holder.getKey(), lookThrough(holder.getValue())));
                representatives.add(representative);
            }
        }
        return rank(withoutDominated(suspects, representatives));
    }

    /** Signatures of objects that are more numerous than their parent's and than before: a holder's elements. */
    private boolean isElements(long parent, long child) {
        return count(last, child) > count(last, parent) && countGrew(child);
    }

    private boolean countGrew(long signature) {
        return count(last, signature) > count(first, signature);
    }

    /** Lifts the holder out of arrays and collection entries, below the class whose static field holds it. */
    private long holder(long signature) {
        long holder = signature;
        while (isContainer(holder)) {
            SignatureStats stats = last.get(holder);
            if (stats.parent() == 0 || !last.containsKey(stats.parent()) || isClass(stats.parent())) {
                break;
            }
            holder = stats.parent();
        }
        return holder;
    }

    /** Map entries and list nodes stand for the values they hold: the child (key or value) that grew most. */
    private long lookThrough(long elements) {
        if (!LeakSuspects.isCollectionEntry(className(elements))) {
            return elements;
        }
        long best = elements;
        long bestGrowth = Long.MIN_VALUE;
        for (long child : children.getOrDefault(elements, List.of())) {
            if (!LeakSuspects.isCollectionEntry(className(child)) && growth(child) > bestGrowth) {
                best = child;
                bestGrowth = growth(child);
            }
        }
        return best;
    }

    /**
     * How many elements of the chosen class the holder holds in one dump: the elements' own signature and
     * every other signature of that class hanging from the same collection entries or arrays (the entries of
     * a HashMap's collision chains have a signature of their own, and so have their values).
     */
    private long elementCount(Map<Long, SignatureStats> dump, long holder, long elements) {
        String elementClass = className(elements);
        long count = 0;
        Deque<Long> pending = new ArrayDeque<>(List.of(holder));
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
        return count == 0 ? count(dump, elements) : count;
    }

    private long biggestChild(long signature) {
        return children.getOrDefault(signature, List.of()).stream()
                .max(Comparator.comparingLong(this::growth))
                .orElse(signature);
    }

    private HeapDiff.GrowthSuspect suspect(long holder, long elements) throws IOException {
        int node = last.get(holder).representative();
        int[] path = heap.paths().pathFromRoot(node);
        ReferenceNames names = heap.names();
        List<Long> counts = new ArrayList<>();
        List<Long> retained = new ArrayList<>();
        boolean grewEveryTime = true;
        for (Map<Long, SignatureStats> dump : dumps) {
            counts.add(elementCount(dump, holder, elements));
            long bytes = dump.getOrDefault(holder, ABSENT).retainedBytes();
            if (!retained.isEmpty() && bytes <= retained.get(retained.size() - 1)) {
                grewEveryTime = false;
            }
            retained.add(bytes);
        }
        long growth = growth(holder);
        Double perHour = elapsedHours > 0 ? growth / elapsedHours : null;
        long reachable = heap.retained().totalReachable();
        return new HeapDiff.GrowthSuspect(names.referenceTo(path, node), heap.index().classOf(node).name(),
                count(last, holder), className(elements), counts, retained, perHour, grewEveryTime,
                reachable == 0 ? 0 : (double) growth / reachable, names.describe(path), heap.index().address(node));
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

    private boolean isClass(long signature) {
        return heap.index().isClassObject(last.get(signature).representative());
    }

    private boolean isContainer(long signature) {
        return LeakSuspects.isContainer(heap.index(), last.get(signature).representative());
    }
}

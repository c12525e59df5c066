package io.leakhound.report;

import io.leakhound.heap.HeapDiff.GrowthSuspect;
import io.leakhound.jfr.alloc.AllocationProfile;
import io.leakhound.jfr.alloc.ClassProfile;
import io.leakhound.jfr.alloc.SurvivorPath;
import io.leakhound.jfr.alloc.Site;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which class of a recording's {@link AllocationProfile} tells where a diff's growth suspect is allocated, in
 * this order: its element class; else a growing class whose surviving samples the JVM reached from a GC root
 * through the suspect's holder (the recording's path names the same field); else its holder's class. Why the
 * middle step: an element is often a small object (a listener lambda, a map entry) that the allocation sampler,
 * which weighs by bytes, rarely picks, while what it keeps alive (its payload) is sampled and seen to survive
 * under that very holder. Class names of the recording are already in the heap's spelling ({@code byte[]}), so
 * they match the diff's. Costs a look-up per suspect, and a scan of the growing classes' paths.
 */
final class AllocationSites {

    private AllocationSites() {
    }

    /**
     * The class whose sites the suspect gains, if the recording has sites of one, its sites ranked by kept
     * samples whenever the recording kept any of them alive ({@link #byKept}).
     */
    static Optional<ClassProfile> of(AllocationProfile profile, GrowthSuspect suspect) {
        return chosen(profile, suspect).map(AllocationSites::rankedByKept);
    }

    /**
     * Whether the sites are ranked by the samples still alive at the end of the recording. For a diff, always
     * when there are any: the dumps prove the class grows even when the recording alone could not tell, and
     * ranked by allocated bytes a garbage-heavy site of the class would come before the leaking one.
     */
    static boolean byKept(ClassProfile c) {
        return c.sites().stream().anyMatch(site -> site.settledSurvivors() > 0);
    }

    private static ClassProfile rankedByKept(ClassProfile c) {
        if (c.growing() || !byKept(c)) {
            return c; // a growing class's sites are ranked by kept samples already
        }
        List<Site> sites = c.sites().stream()
                .sorted(Comparator.comparingLong(Site::settledSurvivorBytes).reversed()
                        .thenComparing(Comparator.comparingLong(Site::allocatedBytes).reversed()))
                .toList();
        return new ClassProfile(c.className(), c.allocatedBytes(), c.allocationSamples(), sites, c.unlistedBytes(),
                c.survivors(), c.growing(), c.growthReason());
    }

    private static Optional<ClassProfile> chosen(AllocationProfile profile, GrowthSuspect suspect) {
        if (profile == null) {
            return Optional.empty();
        }
        Optional<ClassProfile> element = withSites(profile.find(suspect.elementClass()));
        if (element.isPresent()) {
            return element;
        }
        Optional<ClassProfile> keptUnderHolder = profile.growing().stream()
                .filter(c -> !c.sites().isEmpty() && reachedThrough(c, suspect.holderReference()))
                .findFirst();
        return keptUnderHolder.isPresent() ? keptUnderHolder : withSites(profile.find(suspect.holderClass()));
    }

    /** {@code byte[] (growing in the recording)}: which class the sites are of, for the reports' headings. */
    static String heading(ClassProfile c, GrowthSuspect suspect) {
        String which;
        if (c.className().equals(suspect.elementClass())) {
            which = "";
        } else if (c.className().equals(suspect.holderClass())) {
            which = " (the holder's class)";
        } else {
            which = " (kept alive through " + suspect.holderReference() + ")";
        }
        // a growing class's sites are told by kept samples, as alloc tells them; else say which ranking it is
        return c.className() + which + (c.growing() ? ", growing in the recording"
                : byKept(c) ? "; sites ranked by samples kept alive"
                : "; ranked by allocated bytes only: the recording kept no sample of it alive");
    }

    private static Optional<ClassProfile> withSites(Optional<ClassProfile> c) {
        return c.filter(profile -> !profile.sites().isEmpty());
    }

    /** Whether a path the JVM found from a GC root to the class's survivors steps through {@code reference}. */
    private static boolean reachedThrough(ClassProfile c, String reference) {
        if (c.survivors() == null || reference == null || reference.isEmpty()) {
            return false;
        }
        for (SurvivorPath path : c.survivors().paths()) {
            for (String step : path.chain()) {
                // a static field's step reads "static com.acme.Bus.listeners"
                if (step.equals(reference) || step.endsWith(" " + reference)) {
                    return true;
                }
            }
        }
        return false;
    }
}

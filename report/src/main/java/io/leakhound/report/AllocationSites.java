package io.leakhound.report;

import io.leakhound.heap.HeapDiff.GrowthSuspect;
import io.leakhound.jfr.alloc.AllocationProfile;
import io.leakhound.jfr.alloc.ClassProfile;
import io.leakhound.jfr.alloc.SurvivorPath;
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

    /** The class whose sites the suspect gains, if the recording has sites of one. */
    static Optional<ClassProfile> of(AllocationProfile profile, GrowthSuspect suspect) {
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
        return c.className() + which + (c.growing() ? ", growing in the recording" : "");
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

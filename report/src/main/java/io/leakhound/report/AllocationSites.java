package io.leakhound.report;

import io.leakhound.heap.HeapDiff.GrowthSuspect;
import io.leakhound.jfr.alloc.AllocationProfile;
import io.leakhound.jfr.alloc.ClassProfile;
import java.util.Optional;

/**
 * Which class of a recording's {@link AllocationProfile} tells where a diff's growth suspect is allocated: its
 * element class, or its holder's class when the recording has no site of the element class (an element class
 * too rare to be sampled, or a holder that is itself the growing array). Class names of the recording are
 * already in the heap's spelling ({@code byte[]}), so they match the diff's. Costs a look-up per suspect.
 */
final class AllocationSites {

    private AllocationSites() {
    }

    /** The class whose sites the suspect gains, if the recording has sites of either class. */
    static Optional<ClassProfile> of(AllocationProfile profile, GrowthSuspect suspect) {
        if (profile == null) {
            return Optional.empty();
        }
        Optional<ClassProfile> element = profile.find(suspect.elementClass()).filter(c -> !c.sites().isEmpty());
        return element.isPresent() ? element
                : profile.find(suspect.holderClass()).filter(c -> !c.sites().isEmpty());
    }

    /** {@code byte[] (growing in the recording)}: which class the sites are of, for the reports' headings. */
    static String heading(ClassProfile c, GrowthSuspect suspect) {
        return c.className() + (c.className().equals(suspect.elementClass()) ? "" : " (the holder's class)")
                + (c.growing() ? ", growing in the recording" : "");
    }
}

package io.leakhound.jfr.alloc;

import java.util.List;
import java.util.Objects;

/**
 * What a recording says about one class: how much of it was allocated and where, which sampled instances
 * survive, and whether they keep accumulating ({@link #growing}; the rule is in {@link AllocationProfile}).
 *
 * @param className          the class as {@code leakhound heap} and {@code diff} name it: {@code byte[]},
 *                           {@code java.lang.Object[]}, {@code com.acme.Cache$Entry}
 * @param allocatedBytes     bytes the allocation events attribute to the class
 * @param allocationSamples  allocation events of the class
 * @param sites              where it is allocated, best first: for a growing class by the survivors'
 *                           estimated bytes (the sites of the objects that stay), otherwise by allocated bytes
 * @param unlistedBytes      allocated bytes of stacks beyond the cap kept per class, in no site
 * @param survivors          its sampled instances alive at the end; null when none is
 * @param growing            whether its survivors keep accumulating over the recording
 * @param growthReason       why it is or is not called growing, in words (for reports)
 */
public record ClassProfile(String className, long allocatedBytes, long allocationSamples, List<Site> sites,
                           long unlistedBytes, Survivors survivors, boolean growing, String growthReason) {

    public ClassProfile {
        Objects.requireNonNull(className, "className");
        sites = List.copyOf(sites);
    }

    /** The number of survivors, 0 when there is none. */
    public int survivorCount() {
        return survivors == null ? 0 : survivors.count();
    }
}

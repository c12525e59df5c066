package io.leakhound.jfr.alloc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The old-object samples ({@code jdk.OldObjectSample}) of one class alive at the end of a recording: objects
 * the JVM sampled at allocation and that no collection has freed since.
 *
 * @param count           how many
 * @param estimatedBytes  their estimated size (see {@link Site#survivorBytes})
 * @param firstAllocation when the oldest was allocated
 * @param lastAllocation  when the youngest was allocated
 * @param oldestAge       the oldest's age when the recording ended
 * @param paths           the reference chains from GC roots, most frequent first; empty when the recording
 *                        was made without {@code path-to-gc-roots=true} or written as the JVM exited (the
 *                        JVM does not search paths then)
 */
public record Survivors(int count, long estimatedBytes, Instant firstAllocation, Instant lastAllocation,
                        Duration oldestAge, List<SurvivorPath> paths) {

    public Survivors {
        paths = List.copyOf(paths);
    }
}

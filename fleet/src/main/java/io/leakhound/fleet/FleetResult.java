package io.leakhound.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What {@code fleet} found: every instance in the window, the most urgent first (a leak before no leak; then
 * the shortest time to exhaustion, then the fastest growth).
 */
public record FleetResult(String prometheus, Instant start, Instant end, Duration step, List<FleetInstance> instances) {

    public FleetResult {
        instances = List.copyOf(instances);
    }

    /** How many instances leak. */
    public int leaking() {
        return (int) instances.stream().filter(FleetInstance::leak).count();
    }
}

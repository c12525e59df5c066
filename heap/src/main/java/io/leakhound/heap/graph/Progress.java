package io.leakhound.heap.graph;

/**
 * Hears how far a long graph computation has come, e.g. to draw a progress line. Called on the computing
 * thread every few million steps of each phase, so it must be quick and must not throw, except a
 * {@link java.util.concurrent.CancellationException} to stop the computation (its resources are released
 * as it unwinds).
 */
@FunctionalInterface
public interface Progress {

    /** Ignores all updates. */
    Progress NONE = (phase, done, total) -> { };

    /**
     * @param phase what is being done, for a person ("dominators: depth-first search")
     * @param done  steps done in this phase, {@code 0 <= done <= total}
     * @param total steps this phase takes
     */
    void update(String phase, long done, long total);
}

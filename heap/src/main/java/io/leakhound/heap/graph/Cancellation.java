package io.leakhound.heap.graph;

import java.util.concurrent.CancellationException;

/**
 * The cancel signal of long graph phases, the interrupt flag of the running thread, and their
 * {@link Progress} reports: both looked at only every 2^22 steps, so the check costs a mask and a branch.
 */
final class Cancellation {

    /** Steps between two looks: often enough to stop within milliseconds. */
    static final long POLL_MASK = (1L << 22) - 1;

    private Cancellation() {
    }

    /**
     * Every 2^22 {@code step}s: throws if the thread was interrupted (clearing the flag), else reports
     * {@code done} of {@code total} for {@code phase}.
     */
    static void poll(long step, String phase, long done, long total, Progress progress) {
        if ((step & POLL_MASK) == 0) {
            if (Thread.interrupted()) {
                throw new CancellationException(phase + " cancelled (thread interrupted)");
            }
            progress.update(phase, Math.min(done, total), total);
        }
    }
}

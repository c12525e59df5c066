package io.leakhound.heap.graph;

import java.util.concurrent.CancellationException;

/** The cancel signal of long graph phases: the interrupt flag of the running thread, polled cheaply. */
final class Cancellation {

    /** Steps between two looks at the interrupt flag: often enough to stop within milliseconds. */
    static final long POLL_MASK = (1L << 22) - 1;

    private Cancellation() {
    }

    /** Throws if the thread was interrupted; looks only every 2^22 steps. Clears the flag when it throws. */
    static void poll(long step, String phase) {
        if ((step & POLL_MASK) == 0 && Thread.interrupted()) {
            throw new CancellationException(phase + " cancelled (thread interrupted)");
        }
    }
}

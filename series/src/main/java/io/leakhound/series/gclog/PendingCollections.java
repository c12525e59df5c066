package io.leakhound.series.gclog;

/**
 * The {@link PendingCollection}s of the GC ids whose lines are being read: a few at a time (collections of
 * concurrent collectors interleave), the least recently started one reused for a new id, so reading a log
 * allocates none.
 */
final class PendingCollections {

    private final PendingCollection[] pending = new PendingCollection[16];
    private long sequence;

    PendingCollections() {
        for (int i = 0; i < pending.length; i++) {
            pending[i] = new PendingCollection();
        }
    }

    /** The collection of a GC id, or null if none is pending. */
    PendingCollection find(long id) {
        for (PendingCollection p : pending) {
            if (p.id == id) {
                return p;
            }
        }
        return null;
    }

    /**
     * The collection to reuse for a new GC id: the least recently started. The caller emits what it held
     * if it must, then {@link #claim claims} it.
     */
    PendingCollection oldest() {
        PendingCollection p = pending[0];
        for (PendingCollection candidate : pending) {
            if (candidate.sequence < p.sequence) {
                p = candidate;
            }
        }
        return p;
    }

    /** Clears {@code p} and makes it the collection of {@code id}, the most recently started. */
    void claim(PendingCollection p, long id) {
        p.clear();
        p.id = id;
        p.sequence = ++sequence;
    }

    /** A file ended: nothing carries over to the next. */
    void clear() {
        for (PendingCollection p : pending) {
            p.clear();
        }
    }
}

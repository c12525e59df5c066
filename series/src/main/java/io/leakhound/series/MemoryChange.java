package io.leakhound.series;

/**
 * The occupancy of one memory area around a GC event, in bytes. A value of {@value #UNKNOWN_BYTES}
 * means the log did not say.
 */
public record MemoryChange(long beforeBytes, long afterBytes, long capacityBytes) {

    public static final long UNKNOWN_BYTES = -1;
    public static final MemoryChange UNKNOWN = new MemoryChange(UNKNOWN_BYTES, UNKNOWN_BYTES, UNKNOWN_BYTES);

    public MemoryChange {
        if (beforeBytes < UNKNOWN_BYTES || afterBytes < UNKNOWN_BYTES || capacityBytes < UNKNOWN_BYTES) {
            throw new IllegalArgumentException(
                    "negative size: before=" + beforeBytes + " after=" + afterBytes + " capacity=" + capacityBytes);
        }
    }

    public static MemoryChange of(long beforeBytes, long afterBytes, long capacityBytes) {
        return new MemoryChange(beforeBytes, afterBytes, capacityBytes);
    }

    /** Whether the occupancy after the event is known (the one figure the verdict needs). */
    public boolean hasAfter() {
        return afterBytes != UNKNOWN_BYTES;
    }

    public boolean hasBefore() {
        return beforeBytes != UNKNOWN_BYTES;
    }

    public boolean hasCapacity() {
        return capacityBytes != UNKNOWN_BYTES;
    }
}

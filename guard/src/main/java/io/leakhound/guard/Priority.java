package io.leakhound.guard;

/** How much a piece of work matters when memory is short; see {@link MemoryGuard#admit(Priority)}. */
public enum Priority {
    LOW,
    NORMAL,
    HIGH,
    CRITICAL
}

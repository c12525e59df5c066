package io.leakhound.guard;

/** How close the heap after GC is to the effective limit, by the guard's three thresholds. */
public enum PressureLevel {
    /** Below the warning threshold. */
    NONE,
    /** At or above the warning threshold (70 % by default): low-priority work is refused. */
    WARNING,
    /** At or above the escalation threshold (85 % by default): only high-priority work is admitted. */
    ESCALATE,
    /** At or above the critical threshold (95 % by default): only critical work is admitted. */
    CRITICAL;

    /** Whether work of {@code priority} may start at this level. */
    boolean admits(Priority priority) {
        return switch (this) {
            case NONE -> true;
            case WARNING -> priority != Priority.LOW;
            case ESCALATE -> priority.compareTo(Priority.HIGH) >= 0;
            case CRITICAL -> priority == Priority.CRITICAL;
        };
    }
}

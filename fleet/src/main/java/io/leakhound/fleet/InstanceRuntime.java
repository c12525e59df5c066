package io.leakhound.fleet;

import java.util.Locale;

/** What an instance runs, as told by the names of its metrics. */
public enum InstanceRuntime {
    JVM, GO, NODE, PYTHON, PROCESS;

    /** The name in {@code fleet --json}: {@code jvm}, {@code go}, {@code node}, {@code python}, {@code process}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.leakhound.jfr.alloc;

import java.util.Objects;

/**
 * One frame of an allocation stack: the method's class (binary name, {@code com.acme.Cache$Entry}), the
 * method's name and the source line, or -1 when the recording has none (native frames, classes compiled
 * without line numbers).
 */
public record Frame(String className, String method, int line) {

    /** Prefixes of the JDK's own packages; the first frame outside them is the application's. */
    private static final String[] PLATFORM_PACKAGES = {"java.", "javax.", "jdk.", "sun.", "com.sun."};

    public Frame {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(method, "method");
    }

    /**
     * Whether this frame belongs to the application rather than to the JDK (nor to a lambda class the JVM
     * generated): the line a person changes to
     * stop an allocation is the {@code new} or {@code map.put} in their code, not {@code HashMap.putVal}.
     */
    public boolean isApplication() {
        if (className.contains("$$Lambda")) {
            // the JVM's generated lambda class: no line of its own, the lambda's body is the frame below
            return false;
        }
        for (String prefix : PLATFORM_PACKAGES) {
            if (className.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    /** {@code com.acme.Cache.put:42}, or {@code com.acme.Cache.put} without a line. */
    @Override
    public String toString() {
        return className + "." + method + (line >= 0 ? ":" + line : "");
    }
}

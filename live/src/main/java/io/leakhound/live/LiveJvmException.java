package io.leakhound.live;

import java.io.IOException;

/**
 * A running JVM could not be attached to, recorded or read: the one checked exception of this module, as a
 * format exception is for a file. Its message names the process, says what was found and what to try, so that
 * the CLI can print it as one line.
 */
public final class LiveJvmException extends IOException {

    private final long pid;
    private final String problem;

    /**
     * @param pid     the process the problem is about
     * @param problem what happened and what to try, without the pid (e.g. "is not a Java virtual machine")
     */
    public LiveJvmException(long pid, String problem) {
        super("process " + pid + ": " + problem);
        this.pid = pid;
        this.problem = problem;
    }

    public LiveJvmException(long pid, String problem, Throwable cause) {
        this(pid, problem);
        initCause(cause);
    }

    /** The process the problem is about. */
    public long pid() {
        return pid;
    }

    /** What happened, without the pid. */
    public String problem() {
        return problem;
    }
}

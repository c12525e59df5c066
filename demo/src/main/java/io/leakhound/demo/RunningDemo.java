package io.leakhound.demo;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A demo service running as a child JVM, for a watch to attach to ({@link DemoLauncher#start}). Closing it
 * stops the child (politely, then forcibly after 10 s); the child also stops itself after its duration.
 *
 * @param process the child
 * @param gcLog   where the child writes its GC log
 */
public record RunningDemo(Process process, Path gcLog) implements AutoCloseable {

    /** The child's pid, to attach to. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}

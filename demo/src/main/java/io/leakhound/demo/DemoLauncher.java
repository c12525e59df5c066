package io.leakhound.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** PLACEHOLDER: helper "demo" replaces this file. Runs the demo service as a child JVM with GC logging. */
public final class DemoLauncher {
    private DemoLauncher() {
    }

    /**
     * Runs the demo service in one mode as a child JVM for a while, with {@code -Xlog:gc*} to {@code gcLog}.
     *
     * @param mode          a {@link DemoMode}
     * @param duration      how long the child runs
     * @param extraJvmArgs  added to the child's command line (collector choice, heap size...)
     * @param gcLog         where the child writes its GC log
     * @param progress      receives a line now and then (for a progress display)
     * @return the GC log written
     */
    public static Path recordGcLog(DemoMode mode, Duration duration, List<String> extraJvmArgs, Path gcLog,
            Consumer<String> progress) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("placeholder");
    }
}

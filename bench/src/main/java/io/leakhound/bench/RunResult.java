package io.leakhound.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.Locale;

/** One tool's run on one file: prints a line the comparison script collects. */
record RunResult(String tool, Path file, long events, long nanos, String detail) {

    void print() throws IOException {
        double mib = Files.size(file) / 1048576.0;
        double seconds = nanos / 1e9;
        System.out.printf(Locale.ROOT, "RESULT tool=%s events=%d seconds=%.2f MiB/s=%.1f heapMaxMiB=%d %s%n",
                tool, events, seconds, mib / seconds, Runtime.getRuntime().maxMemory() >> 20, detail);
    }
}

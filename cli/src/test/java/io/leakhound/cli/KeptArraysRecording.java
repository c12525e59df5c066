package io.leakhound.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;

/**
 * A JFR recording of the test JVM itself, made in the test: for {@value #SECONDS} s a {@code byte[8192]} is
 * kept in {@link #HELD} every 2 ms (at {@link #keepLine()}) among 16 times as many freed, collected every
 * 100 kept as a service's heap would be; dumped while the JVM runs, so the JVM searches the paths to GC roots.
 */
final class KeptArraysRecording {

    static final int SECONDS = 4;
    private static final List<byte[]> HELD = new ArrayList<>();
    private static volatile Object sink;
    private static int keepLine;

    private KeptArraysRecording() {
    }

    static Path write(Path file) throws IOException, InterruptedException {
        try (Recording recording = new Recording()) {
            recording.enable("jdk.OldObjectSample").with("cutoff", "infinity").withStackTrace();
            recording.enable("jdk.ObjectAllocationSample").withStackTrace();
            recording.start();
            long start = System.nanoTime();
            keepLine = new Throwable().getStackTrace()[0].getLineNumber() + 2;
            while (System.nanoTime() - start < SECONDS * 1_000_000_000L) {
                HELD.add(new byte[8 * 1024]);
                for (int i = 0; i < 16; i++) {
                    sink = new byte[8 * 1024];
                }
                Thread.sleep(2);
                if (HELD.size() % 100 == 0) {
                    System.gc();
                }
            }
            recording.stop();
            recording.dump(file);
        } finally {
            HELD.clear();
        }
        return file;
    }

    /** The line of {@link #write} that allocates the kept arrays. */
    static int keepLine() {
        return keepLine;
    }
}

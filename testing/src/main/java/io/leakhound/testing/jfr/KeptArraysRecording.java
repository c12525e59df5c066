package io.leakhound.testing.jfr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;

/**
 * A JFR recording of the test JVM itself, made in the test: for {@value #SECONDS} s a {@code byte[8192]} is
 * kept in {@link #HELD} every 2 ms (at {@link #keepLine()}) among 16 times as many freed, collected every
 * 100 kept as a service's heap would be; dumped while the JVM runs, so the JVM searches the paths to GC roots.
 * A known leak for the tests of {@code alloc}: its growing class ({@code byte[]}), its line ({@link #keepLine()}
 * in {@code write}) and its path from a GC root ({@code static ...KeptArraysRecording.HELD}) are exact.
 */
public final class KeptArraysRecording {

    public static final int SECONDS = 4;
    private static final List<byte[]> HELD = new ArrayList<>();
    private static volatile Object sink;
    private static int keepLine;

    private KeptArraysRecording() {
    }

    /** Records for {@value #SECONDS} s and dumps the recording to {@code file}, which it returns. */
    public static Path write(Path file) throws IOException, InterruptedException {
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
                    // a test JVM's heap is large and rarely collected: collect as a service's heap would be,
                    // so that the sampler drops the freed samples and has room for the later kept ones
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

    /** The line of {@link #write} that allocates the arrays freed at once, 16 for each kept one. */
    public static int freeLine() {
        return keepLine + 2;
    }

    /** The line of {@link #write} that allocates the kept arrays. */
    public static int keepLine() {
        return keepLine;
    }
}

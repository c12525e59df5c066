package io.leakhound.jfr;

import io.leakhound.demo.DemoLauncher;
import io.leakhound.demo.DemoMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * JFR recordings of the demo service, made by the tests themselves: each {@link Spec} runs the service as a
 * child JVM with {@code -XX:StartFlightRecording} (settings {@code profile}, {@code path-to-gc-roots=true},
 * written when the child stops) for {@link #RUN}. Recordings are made once per test JVM and shared by every
 * test class of this module; {@link #ALL} starts at the first request, {@value #PARALLEL} children at a
 * time, so that the whole set costs about three runs of wall-clock time rather than eleven.
 */
public final class DemoRecordings {

    /** Long enough for the verdict (45 s of points at least) with a margin for a slow start. */
    static final Duration RUN = Duration.ofSeconds(55);
    private static final int PARALLEL = 4;

    /** One recording: a mode, the child's extra JVM options (collector...) and service options. */
    record Spec(DemoMode mode, List<String> jvmArgs, List<String> serviceArgs) {
        Spec {
            jvmArgs = List.copyOf(jvmArgs);
            serviceArgs = List.copyOf(serviceArgs);
        }

        static Spec of(DemoMode mode) {
            return new Spec(mode, List.of(), List.of());
        }

        String fileName() {
            return (mode + "-" + String.join("-", jvmArgs) + "-" + String.join("-", serviceArgs))
                    .replaceAll("[^A-Za-z0-9_.-]", "_") + ".jfr";
        }
    }

    /** Every recording the module's tests use, started together at the first request. */
    static final List<Spec> ALL = List.of(
            Spec.of(DemoMode.LISTENER_LEAK),
            Spec.of(DemoMode.UNBOUNDED_CACHE),
            Spec.of(DemoMode.CLOSURE_LIST),
            Spec.of(DemoMode.THREADLOCAL_LEAK),
            Spec.of(DemoMode.CLASSLOADER_LEAK),
            Spec.of(DemoMode.THREAD_LEAK),
            Spec.of(DemoMode.DIRECT_BUFFER_LEAK),
            Spec.of(DemoMode.BOUNDED_CACHE),
            Spec.of(DemoMode.LOAD_SPIKES),
            Spec.of(DemoMode.WARMUP),
            Spec.of(DemoMode.STEADY_CHURN));

    private static final Map<Spec, Future<Path>> RECORDINGS = new ConcurrentHashMap<>();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(PARALLEL, runnable -> {
        Thread thread = new Thread(runnable, "demo-recording");
        thread.setDaemon(true);
        return thread;
    });
    private static Path directory;

    private DemoRecordings() {
    }

    /** The recording of {@code mode} with default options, waiting for it if it is still being made. */
    public static Path of(DemoMode mode) throws IOException, InterruptedException {
        return of(Spec.of(mode));
    }

    /** The recording of {@code spec}, waiting for it if it is still being made. */
    static Path of(Spec spec) throws IOException, InterruptedException {
        startAll();
        try {
            return RECORDINGS.computeIfAbsent(spec, DemoRecordings::start).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("recording " + spec + " failed", e.getCause());
        }
    }

    private static synchronized void startAll() throws IOException {
        if (directory != null) {
            return;
        }
        Path target = Path.of(System.getProperty("user.dir"), "target");
        Files.createDirectories(target);
        directory = Files.createTempDirectory(target, "demo-recordings-");
        for (Spec spec : ALL) {
            RECORDINGS.computeIfAbsent(spec, DemoRecordings::start);
        }
    }

    private static Future<Path> start(Spec spec) {
        return POOL.submit(() -> record(spec));
    }

    private static Path record(Spec spec) throws IOException, InterruptedException {
        Path out = directory.resolve(spec.fileName());
        Path runDir = directory.resolve(spec.fileName() + ".run");
        List<String> jvmArgs = new java.util.ArrayList<>(spec.jvmArgs());
        jvmArgs.add("-XX:StartFlightRecording=filename=" + out + ",settings=profile,path-to-gc-roots=true,dumponexit=true");
        DemoLauncher.record(spec.mode(), RUN, jvmArgs, spec.serviceArgs(), List.of(), runDir, line -> { });
        if (!Files.isRegularFile(out)) {
            throw new UncheckedIOException(new IOException("the demo service " + spec + " wrote no recording at " + out));
        }
        return out;
    }
}

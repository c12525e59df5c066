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
 * time, so that the whole set costs three runs of wall-clock time rather than twelve.
 */
public final class DemoRecordings {

    /** Long enough for the verdict (45 s of points at least) with a margin for a slow start. */
    static final Duration RUN = Duration.ofSeconds(70);
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

    /**
     * The bounded cache as the tests judge it: an 8 MB cache is full within seconds, which is what the mode
     * shows in a recording this short. The default 32 MB cache fills with a time constant of 14 s at full
     * speed, slower when four demo JVMs share two cores, and is still filling when the recording ends (its GC
     * log reads as a leak too).
     */
    static final Spec SMALL_BOUNDED_CACHE =
            new Spec(DemoMode.BOUNDED_CACHE, List.of(), List.of("--cache-capacity", "8m"));
    /**
     * A heap leak under ZGC, whose every cycle cleans the whole heap. At the default 400 KB/s the rise over
     * the run is within the scatter of ZGC's after-cycle figures (allocation during the concurrent cycle):
     * one run in three levelled off, in the GC log as in the recording; at 1 MB/s three of three were LEAK.
     */
    static final Spec ZGC_LISTENER_LEAK =
            new Spec(DemoMode.LISTENER_LEAK, List.of("-XX:+UseZGC"), List.of("--leak-rate", "1m"));

    /** Every recording the module's tests use, started together at the first request: three rounds of four. */
    static final List<Spec> ALL = List.of(
            Spec.of(DemoMode.LISTENER_LEAK),
            Spec.of(DemoMode.UNBOUNDED_CACHE),
            Spec.of(DemoMode.CLOSURE_LIST),
            Spec.of(DemoMode.THREADLOCAL_LEAK),
            Spec.of(DemoMode.CLASSLOADER_LEAK),
            Spec.of(DemoMode.THREAD_LEAK),
            Spec.of(DemoMode.DIRECT_BUFFER_LEAK),
            SMALL_BOUNDED_CACHE,
            Spec.of(DemoMode.LOAD_SPIKES),
            Spec.of(DemoMode.WARMUP),
            Spec.of(DemoMode.STEADY_CHURN),
            ZGC_LISTENER_LEAK);

    private static final Map<Spec, Future<Path>> RECORDINGS = new ConcurrentHashMap<>();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(PARALLEL, runnable -> {
        Thread thread = new Thread(runnable, "demo-recording");
        thread.setDaemon(true);
        return thread;
    });
    private static Path directory;

    private DemoRecordings() {
    }

    /**
     * The recording of {@code mode} on G1 as the tests judge it (its options in {@link #ALL}), waiting for it if
     * it is still being made.
     */
    public static Path of(DemoMode mode) throws IOException, InterruptedException {
        return of(ALL.stream().filter(spec -> spec.mode() == mode && spec.jvmArgs().isEmpty()).findFirst()
                .orElseThrow());
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

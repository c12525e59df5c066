package io.leakhound.jfr;

import io.leakhound.demo.DemoLauncher;
import io.leakhound.demo.DemoMode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * JFR recordings of the demo service: each {@link Spec} runs the service as a child JVM with
 * {@code -XX:StartFlightRecording} ({@link #SETTINGS}: the events leakhound reads at the settings of the JDK's
 * {@code profile}, paths to the GC roots, written when the child stops) for {@link #RUN}.
 *
 * <p>The fast tests read the recordings committed under {@code src/test/resources/demo-recordings} ({@link #of}),
 * made once by {@link #main} ({@code testing/record-demo-jfr.sh}), because twelve 70 s child JVMs cost minutes of
 * every test run and their verdicts varied with the machine's load. The slow tier still records live
 * ({@link #record}), once per collector ({@code LiveRecordingPerCollectorIT}).
 */
public final class DemoRecordings {

    /** Long enough for the verdict (45 s of points at least) with a margin for a slow start. */
    static final Duration RUN = Duration.ofSeconds(70);
    /** Children recorded at a time by {@link #main}: the set costs three runs of wall-clock time, not twelve. */
    private static final int PARALLEL = 4;
    /** The folder of the committed recordings, on the test class path. */
    private static final String FIXTURES = "/demo-recordings/";
    /** The recording settings, beside the recordings. */
    static final String SETTINGS = "demo-fixtures.jfc";
    /**
     * The demo source that holds the lines the leaking modes allocate at, as it was when the committed
     * recordings were made: the tests on those recordings look lines up in this copy, not in today's source.
     */
    static final String RECORDED_SOURCE = "ModeBehaviour.java.recorded";
    private static final Path DEMO_SOURCE = Path.of("demo", "src", "main", "java", "io", "leakhound", "demo",
            "ModeBehaviour.java");

    /** One recording: a mode, the child's extra JVM options (collector...) and service options. */
    record Spec(DemoMode mode, List<String> jvmArgs, List<String> serviceArgs) {
        Spec {
            jvmArgs = List.copyOf(jvmArgs);
            serviceArgs = List.copyOf(serviceArgs);
        }

        static Spec of(DemoMode mode) {
            return new Spec(mode, List.of(), List.of());
        }

        /** For example {@code listener-leak_UseZGC_leak-rate_1m.jfr}. */
        String fileName() {
            Stream<String> options = Stream.concat(jvmArgs.stream(), serviceArgs.stream())
                    .map(option -> option.replaceFirst("^-+(XX:\\+)?", ""));
            return Stream.concat(Stream.of(mode.name().toLowerCase(Locale.ROOT).replace('_', '-')), options)
                    .collect(Collectors.joining("_")).replaceAll("[^A-Za-z0-9_.-]", "_") + ".jfr";
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

    /** Every committed recording, as {@link #main} makes them: three rounds of four. */
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

    private DemoRecordings() {
    }

    /** The committed recording of {@code mode} on G1 as the tests judge it (its options in {@link #ALL}). */
    public static Path of(DemoMode mode) {
        return of(ALL.stream().filter(spec -> spec.mode() == mode && spec.jvmArgs().isEmpty()).findFirst()
                .orElseThrow());
    }

    /** The committed recording of {@code spec}. */
    static Path of(Spec spec) {
        return fixture(spec.fileName());
    }

    /** The copy of the demo's {@code ModeBehaviour.java} the committed recordings were made from. */
    public static Path recordedSource() {
        return fixture(RECORDED_SOURCE);
    }

    private static Path fixture(String name) {
        URL url = DemoRecordings.class.getResource(FIXTURES + name);
        if (url == null) {
            throw new IllegalStateException("no committed demo recording " + FIXTURES + name
                    + " on the test class path: make them with testing/record-demo-jfr.sh");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(url + " is not a file", e);
        }
    }

    /**
     * Records {@code spec} live into {@code dir} with the committed recordings' settings and returns the file.
     *
     * @throws IOException when the service cannot be started or writes no recording
     */
    static Path record(Spec spec, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path out = dir.resolve(spec.fileName()).toAbsolutePath();
        Path runDir = dir.resolve(spec.fileName() + ".run");
        List<String> jvmArgs = new ArrayList<>(spec.jvmArgs());
        jvmArgs.add("-XX:StartFlightRecording=filename=" + out + ",settings=" + fixture(SETTINGS)
                + ",path-to-gc-roots=true,dumponexit=true");
        DemoLauncher.record(spec.mode(), RUN, jvmArgs, spec.serviceArgs(), List.of(), runDir, line -> { });
        if (!Files.isRegularFile(out) || Files.size(out) == 0) {
            throw new IOException("the demo service " + spec + " wrote no recording at " + out);
        }
        return out;
    }

    /**
     * Re-records the recordings of {@link #ALL} into the folder {@code args[0]} (the module's
     * {@code src/test/resources/demo-recordings}), with a copy of the demo source they were made from; run by
     * {@code testing/record-demo-jfr.sh} from the project's root, after a change to the demo's modes. Further
     * arguments name the files to re-record (e.g. {@code warmup.jfr}; only while the demo's source is the one the
     * others were made from); without them, every one.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: DemoRecordings <folder of the committed recordings> [file name...]");
            System.exit(2);
        }
        Path target = Path.of(args[0]);
        List<String> only = List.of(args).subList(1, args.length);
        List<Spec> specs = ALL.stream().filter(spec -> only.isEmpty() || only.contains(spec.fileName())).toList();
        if (specs.size() < only.size()) {
            System.err.println("unknown recordings among " + only + "; they are "
                    + ALL.stream().map(Spec::fileName).toList());
            System.exit(2);
        }
        Path scratch = Files.createTempDirectory("demo-recordings-");
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<Path>> made = new ArrayList<>();
            for (Spec spec : specs) {
                made.add(pool.submit(() -> record(spec, scratch)));
            }
            for (int i = 0; i < specs.size(); i++) {
                Path recording = made.get(i).get();
                Files.copy(recording, target.resolve(recording.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                System.out.printf(Locale.ROOT, "%s: %,d bytes%n", recording.getFileName(), Files.size(recording));
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            pool.shutdownNow();
        }
        Files.copy(DEMO_SOURCE, target.resolve(RECORDED_SOURCE), StandardCopyOption.REPLACE_EXISTING);
        System.out.println("recorded " + specs.size() + " recordings at " + Instant.now() + " with java "
                + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.vendor")
                + ") into " + target + "; update its README.md");
    }
}

package io.leakhound.jfr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.leakhound.demo.DemoMode;
import io.leakhound.jfr.alloc.AllocationProfile;
import io.leakhound.jfr.alloc.ClassProfile;
import io.leakhound.series.Collector;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.LeakAnalyzer;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.series.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The slow tier's live recordings: the demo service leaking listeners at 1 MB/s, recorded now with the committed
 * recordings' settings ({@link DemoRecordings#record}) once under each collector the running JDK has, all five at
 * once. Each recording reads as a heap LEAK under its own collector; on G1, {@code alloc} calls {@code byte[]}
 * growing and ranks first the line of today's demo source that allocates the kept copies: what the fast tests
 * assert on the committed recordings still holds on a fresh one, and the committed ones have not drifted from
 * the demo.
 */
class LiveRecordingPerCollectorIT {

    /** Each collector with the option that selects it and what the recording says it is. */
    enum Gc {
        G1("-XX:+UseG1GC", Collector.G1),
        PARALLEL("-XX:+UseParallelGC", Collector.PARALLEL),
        SERIAL("-XX:+UseSerialGC", Collector.SERIAL),
        /** JDK 24 and later have only the generational ZGC. */
        ZGC("-XX:+UseZGC", Collector.ZGC, Collector.GENERATIONAL_ZGC),
        SHENANDOAH("-XX:+UseShenandoahGC", Collector.SHENANDOAH);

        final String option;
        final List<Collector> collectors;

        Gc(String option, Collector... collectors) {
            this.option = option;
            this.collectors = List.of(collectors);
        }

        /**
         * 1 MB/s rather than the default 400 KB/s: under ZGC and Shenandoah, whose every cycle cleans the whole
         * heap, the slower leak is within the scatter of the after-cycle figures ({@link DemoRecordings#ZGC_LISTENER_LEAK}).
         */
        DemoRecordings.Spec spec() {
            return new DemoRecordings.Spec(DemoMode.LISTENER_LEAK, List.of(option), List.of("--leak-rate", "1m"));
        }
    }

    private static final Path SOURCE = Path.of("..", "demo", "src", "main", "java", "io", "leakhound", "demo",
            "ModeBehaviour.java");

    @TempDir
    static Path dir;

    private static ExecutorService pool;
    private static Map<Gc, Future<Path>> recordings;

    @BeforeAll
    static void recordAll() {
        pool = Executors.newFixedThreadPool(Gc.values().length);
        recordings = Arrays.stream(Gc.values()).filter(LiveRecordingPerCollectorIT::available)
                .collect(Collectors.toMap(Function.identity(),
                        gc -> pool.submit(() -> DemoRecordings.record(gc.spec(), dir.resolve(gc.name())))));
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Gc.class)
    void listenerLeak_liveRecording_heapLeakUnderItsCollectorAndTheLeakingLineFirst(Gc gc) throws Exception {
        assumeThat(recordings).as(gc + " is not in this JDK").containsKey(gc);
        Path recording = recording(gc);

        JfrMemory memory = JfrMemoryReader.readFiles(List.of(recording));
        MemoryAnalysis analysis = LeakAnalyzer.analyze(recording.toString(), memory.events(), memory.maxHeapBytes(),
                memory.samples(), memory.warnings());
        String verdicts = analysis.findings().stream().map(f -> f.resource() + " " + f.verdict() + ": " + f.summary())
                .collect(Collectors.joining("\n"));
        Finding heap = analysis.findings().get(0);
        assertThat(heap.resource()).isEqualTo("heap");
        assertThat(heap.verdict()).as(verdicts).isEqualTo(Verdict.LEAK);
        assertThat(analysis.events().collector(0)).isIn(gc.collectors);

        if (gc != Gc.G1) {
            // alloc is asserted on G1 only, as the fast tests assert it on the committed (G1) recordings. Under
            // Serial, ZGC, Shenandoah (and Parallel in one run of two) the old-object sampler kept early or bunched survivors of this
            // leak (by thirds 59/16/11 on Serial; 24 within 907 ms on ZGC, 16 within 3 s on Shenandoah), which the
            // growth rule reads as a filled cache or a burst, and byte[] not growing ranks its sites by allocated
            // bytes, the request bodies' first: a limit of alloc on those collectors, not of the recordings
            return;
        }
        AllocationProfile profile = AllocationProfile.read(JfrFile.open(recording));
        ClassProfile first = profile.classes().get(0);
        assertThat(first.className()).isEqualTo("byte[]");
        assertThat(first.growing()).as(first.growthReason()).isTrue();
        assertThat(first.sites().get(0).application().className()).isEqualTo("io.leakhound.demo.ModeBehaviour");
        assertThat(first.sites().get(0).application().line()).isEqualTo(lineOf("byte[] copy = new byte["));
    }

    private static Path recording(Gc gc) throws Exception {
        try {
            return recordings.get(gc).get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Whether the running JDK has the collector (Shenandoah is not in every build). */
    private static boolean available(Gc gc) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            Process probe = new ProcessBuilder(java, gc.option, "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The 1-based number of the first line of today's demo source that contains {@code text}. */
    private static int lineOf(String text) throws IOException {
        List<String> lines = Files.readAllLines(SOURCE);
        return IntStream.range(0, lines.size()).filter(i -> lines.get(i).contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no line containing '" + text + "' in " + SOURCE)) + 1;
    }
}

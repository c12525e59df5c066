package io.leakhound.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.heap.HeapDiff;
import io.leakhound.heap.HeapDiffer;
import io.leakhound.heap.graph.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heap diff on real dumps of the demo service: each heap-leaking mode runs in a 64 MB heap for about 7 s,
 * dumps its live heap at 3.5 s and 7 s, and the first growth suspect must name the field that holds the
 * leaking structure; the healthy modes must show no suspect. Each mode runs once (about 7.5 s each).
 */
@Tag("slow") // runs the demo service and diffs its heap dumps
class DemoModeDiffTest {
    private static final Duration RUN = Duration.ofMillis(7200);
    private static final List<Duration> DUMP_TIMES = List.of(Duration.ofMillis(3500), Duration.ofSeconds(7));
    /** 2 MB/s: the leaking modes retain about 7 MB between the dumps, a tenth of the heap. */
    private static final String LEAK_RATE = "2m";
    private static final String DEMO = "io.leakhound.demo.ModeBehaviour$";

    @TempDir
    static Path runs;

    @Test
    void listenerLeak_dumpsAt3sAnd7s_firstSuspectIsTheListenerList() throws Exception {
        HeapDiff diff = diff(DemoMode.LISTENER_LEAK, "--leak-rate", LEAK_RATE);

        assertFirstSuspect(diff, DEMO + "ListenerLeak.listeners", "java.util.ArrayList");
    }

    @Test
    void unboundedCache_dumpsAt3sAnd7s_firstSuspectIsTheMemoMap() throws Exception {
        HeapDiff diff = diff(DemoMode.UNBOUNDED_CACHE, "--leak-rate", LEAK_RATE);

        HeapDiff.GrowthSuspect first = assertFirstSuspect(diff, DEMO + "UnboundedCache.memo", "java.util.HashMap");
        // the map's values, not its String keys nor its entries
        assertThat(first.elementClass()).isEqualTo("byte[]");
    }

    @Test
    void closureList_dumpsAt3sAnd7s_firstSuspectIsTheRetryList() throws Exception {
        HeapDiff diff = diff(DemoMode.CLOSURE_LIST, "--leak-rate", LEAK_RATE);

        assertFirstSuspect(diff, DEMO + "ClosureList.retries", "java.util.ArrayList");
    }

    @Test
    void threadLocalLeak_dumpsAt3sAnd7s_firstSuspectIsTheThreadLocalListOfEveryPooledThread() throws Exception {
        HeapDiff diff = diff(DemoMode.THREADLOCAL_LEAK, "--leak-rate", LEAK_RATE);

        HeapDiff.GrowthSuspect first = assertFirstSuspect(diff, "java.lang.ThreadLocal$ThreadLocalMap$Entry.value",
                "java.util.ArrayList");
        // one list per request thread, the same signature in each: summed into one suspect
        assertThat(first.holderCount()).isEqualTo(ServiceSettings.DEFAULT_WORKERS);
    }

    @Test
    void classLoaderLeak_dumpsAt3sAnd7s_firstSuspectIsThePluginRegistry() throws Exception {
        // one reload per request at most, so twice the requests for a heap growth like the other modes'
        HeapDiff diff = diff(DemoMode.CLASSLOADER_LEAK, "--leak-rate", LEAK_RATE, "--rate", "600");

        assertFirstSuspect(diff, DEMO + "ClassLoaderLeak.registry", "java.util.HashMap");
    }

    @Test
    void boundedCacheFullBeforeTheFirstDump_dumpsAt3sAnd7s_noSuspect() throws Exception {
        // 4 MB = 2,048 entries; with twice as many keys half of the 1,200 lookups/s miss: full after 2.5 s
        HeapDiff diff = diff(DemoMode.BOUNDED_CACHE, "--cache-capacity", "4m", "--cache-key-space", "2");

        assertThat(diff.suspects()).as("suspects of a full bounded cache").isEmpty();
    }

    @Test
    void steadyChurn_dumpsAt3sAnd7s_noSuspect() throws Exception {
        HeapDiff diff = diff(DemoMode.STEADY_CHURN);

        assertThat(diff.suspects()).as("suspects of short-lived garbage only").isEmpty();
    }

    private static HeapDiff.GrowthSuspect assertFirstSuspect(HeapDiff diff, String holderField, String holderClass) {
        assertThat(diff.suspects()).as("suspects").isNotEmpty();
        HeapDiff.GrowthSuspect first = diff.suspects().get(0);
        assertThat(first.holderReference()).as("first suspect of %s", diff.suspects()).endsWith(holderField);
        assertThat(first.holderClass()).as("first suspect %s", first).isEqualTo(holderClass);
        assertThat(first.countAfter()).as("first suspect %s", first).isGreaterThan(first.countBefore());
        assertThat(first.retainedBytesAfter()).as("first suspect %s", first).isGreaterThan(first.retainedBytesBefore());
        if (!holderField.startsWith("java.lang.ThreadLocal")) {
            // the path starts at the static field rather than at a local variable that also points there
            assertThat(first.path().get(0)).as("path of %s", first).isEqualTo("static io.leakhound.demo.DemoService.active");
        }
        return first;
    }

    /** Runs the service in {@code mode} with two dumps and compares them. */
    private static HeapDiff diff(DemoMode mode, String... serviceArgs) throws IOException, InterruptedException {
        Path out = runs.resolve(mode.name());
        DemoRecording recording = DemoLauncher.record(mode, RUN, List.of("-Xmx64m"), List.of(serviceArgs), DUMP_TIMES,
                out, line -> { });
        assertThat(recording.heapDumps()).as("dumps of %s", mode).hasSize(2);
        Path temporary = Files.createDirectories(out.resolve("diff"));
        return new HeapDiffer().compare(recording.heapDumps(), temporary, Progress.NONE);
    }
}

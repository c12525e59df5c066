package io.leakhound.jfr.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.demo.DemoMode;
import io.leakhound.jfr.DemoRecordings;
import io.leakhound.jfr.JfrFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code alloc} on the committed recordings of the demo service ({@link DemoRecordings}: 70 s, the events of
 * {@code settings=profile} that leakhound reads, 256 MB heap). The lines the leaking modes allocate at are looked
 * up in the copy of the demo's source the recordings were made from, so that the assertions follow the demo
 * when it is edited and re-recorded.
 */
class DemoAllocationTest {

    private static final String DEMO = "io.leakhound.demo.ModeBehaviour";
    private static final Path SOURCE = DemoRecordings.recordedSource();

    /**
     * Each heap-leaking mode keeps a copy of the request made by {@code capture} ({@code new byte[...]}),
     * called from the mode's own class: {@code byte[]} grows, and its first site is that {@code new}, reached
     * from the mode's line that keeps it.
     */
    @ParameterizedTest
    @CsvSource({
        "LISTENER_LEAK, ListenerLeak, byte[] context = capture(request, leakBytes);",
        "UNBOUNDED_CACHE, UnboundedCache, memo.computeIfAbsent(key, k -> capture(request, leakBytes));",
        "CLOSURE_LIST, ClosureList, byte[] payload = capture(request, leakBytes);",
        "THREADLOCAL_LEAK, ThreadLocalLeak, requestLog.get().add(capture(request, leakBytes));"})
    void heapLeak_growingClassFirst_itsTopSiteIsTheLineThatAllocatesTheLeak(DemoMode mode, String modeClass,
            String callerText) throws Exception {
        List<String> source = source();
        int newLine = lineOf(source, 0, "byte[] copy = new byte[");
        int callerLine = lineOf(source, lineOf(source, 0, "final class " + modeClass + " "), callerText);

        AllocationProfile profile = AllocationProfile.read(JfrFile.open(DemoRecordings.of(mode)));

        ClassProfile first = profile.classes().get(0);
        assertThat(first.className()).isEqualTo("byte[]");
        assertThat(first.growing()).as(first.growthReason()).isTrue();
        Site top = first.sites().get(0);
        assertThat(top.application()).isEqualTo(new Frame(DEMO, "capture", newLine));
        assertThat(top.stack()).anySatisfy(frame -> {
            assertThat(frame.className()).isEqualTo(DEMO + "$" + modeClass);
            assertThat(frame.line()).isEqualTo(callerLine);
        });
        // request bodies are allocated far more, and freed: allocation weight alone would have put them first
        assertThat(first.sites()).anySatisfy(site -> assertThat(site.allocatedBytes()).isGreaterThan(top.allocatedBytes()));
    }

    @ParameterizedTest
    @EnumSource(value = DemoMode.class, names = {"BOUNDED_CACHE", "LOAD_SPIKES", "WARMUP", "STEADY_CHURN"})
    void notLeaking_noClassGrows(DemoMode mode) throws Exception {
        AllocationProfile profile = AllocationProfile.read(JfrFile.open(DemoRecordings.of(mode)));

        assertThat(profile.oldObjectSamples()).isTrue();
        assertThat(profile.growing()).as(() -> profile.classes().get(0).growthReason()).isEmpty();
        assertThat(profile.classes().get(0).allocatedBytes()).isPositive();
    }

    @ParameterizedTest
    @CsvSource({
        "CLASSLOADER_LEAK, io.leakhound.demo.PluginLoader",
        "DIRECT_BUFFER_LEAK, java.nio.DirectByteBuffer"})
    void leakOfAnotherResource_itsHeapHandleGrows(DemoMode mode, String handleClass) throws Exception {
        AllocationProfile profile = AllocationProfile.read(JfrFile.open(DemoRecordings.of(mode)));

        assertThat(profile.growing()).isNotEmpty();
        assertThat(profile.growing().get(0).className()).isEqualTo(handleClass);
        assertThat(profile.growing().get(0).sites().get(0).application().className()).startsWith("io.leakhound.demo.");
    }

    private static List<String> source() throws IOException {
        return Files.readAllLines(SOURCE);
    }

    /** The 1-based number of the first line at or after index {@code from} that contains {@code text}. */
    private static int lineOf(List<String> lines, int from, String text) {
        for (int i = Math.max(0, from - 1); i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line containing '" + text + "' in " + SOURCE);
    }
}

package io.leakhound.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.demo.DemoMode;
import io.leakhound.series.Collector;
import io.leakhound.series.Unit;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.LeakAnalyzer;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.series.verdict.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The verdict on the committed recordings of every demo mode ({@link DemoRecordings}: 70 s each, G1, the events
 * of settings {@code profile} that leakhound reads):
 * each leaking mode is a LEAK of the resource it leaks, even where the heap stays flat; a healthy mode has no
 * LEAK on any resource. One more: a heap leak under ZGC, whose every cycle cleans the whole heap.
 */
class DemoVerdictTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(DemoMode.class)
    void demoMode_recording_leakOnItsResourceOnly(DemoMode mode) throws Exception {
        MemoryAnalysis analysis = analyze(DemoRecordings.of(mode));
        String verdicts = verdicts(analysis);

        List<String> leaking = analysis.findings().stream().filter(f -> f.verdict() == Verdict.LEAK)
                .map(Finding::resource).toList();
        if (!mode.leaks()) {
            assertThat(leaking).as(verdicts).isEmpty();
            return;
        }
        switch (mode.resource()) {
            // a class-loader leak shows in metaspace, in the count of loaded classes, or both
            case "metaspace" -> assertThat(leaking).as(verdicts).containsAnyOf("metaspace", "classes");
            default -> assertThat(leaking).as(verdicts).contains(mode.resource());
        }
        if (mode == DemoMode.THREAD_LEAK) {
            Finding threads = analysis.findings().stream().filter(f -> f.resource().equals("threads")).findFirst()
                    .orElseThrow();
            assertThat(threads.unit()).isEqualTo(Unit.COUNT);
            // 400 KB/s of leak budget at 128 KB a thread: about 3 threads a second, 11,000 an hour
            assertThat(threads.growthBytesPerHour()).as(verdicts).isBetween(5_000.0, 15_000.0);
        }
    }

    @Test
    void listenerLeakOnZgc_recording_heapLeak() throws Exception {
        MemoryAnalysis analysis = analyze(DemoRecordings.of(DemoRecordings.ZGC_LISTENER_LEAK));

        Finding heap = analysis.findings().get(0);
        assertThat(heap.resource()).isEqualTo("heap");
        assertThat(heap.verdict()).as(verdicts(analysis)).isEqualTo(Verdict.LEAK);
        assertThat(analysis.events().collector(0)).isEqualTo(Collector.ZGC);
    }

    private static MemoryAnalysis analyze(Path recording) throws Exception {
        JfrMemory memory = JfrMemoryReader.readFiles(List.of(recording));
        return LeakAnalyzer.analyze(recording.toString(), memory.events(), memory.maxHeapBytes(), memory.samples(),
                memory.warnings());
    }

    private static String verdicts(MemoryAnalysis analysis) {
        return analysis.findings().stream()
                .map(f -> f.resource() + " " + f.verdict() + ": " + f.summary())
                .collect(Collectors.joining("\n"));
    }
}

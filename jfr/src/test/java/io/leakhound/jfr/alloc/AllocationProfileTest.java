package io.leakhound.jfr.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.jfr.JfrFile;
import io.leakhound.testing.jfr.KeptArraysRecording;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllocationProfileTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = START.plusSeconds(100);
    /** What the in-process recording keeps: reached from this static field, as a leak is. */

    @Test
    void heapClassName_binaryNames_heapSpelling() {
        assertThat(AllocationProfile.heapClassName("[B")).isEqualTo("byte[]");
        assertThat(AllocationProfile.heapClassName("[[J")).isEqualTo("long[][]");
        assertThat(AllocationProfile.heapClassName("[Ljava.lang.Object;")).isEqualTo("java.lang.Object[]");
        assertThat(AllocationProfile.heapClassName("[[Ljava/util/HashMap$Node;")).isEqualTo("java.util.HashMap$Node[][]");
        assertThat(AllocationProfile.heapClassName("java/util/HashMap")).isEqualTo("java.util.HashMap");
        assertThat(AllocationProfile.heapClassName("com.acme.Cache$Entry")).isEqualTo("com.acme.Cache$Entry");
    }

    @Test
    void frame_platformAndApplicationPackages_onlyApplicationIsApplication() {
        assertThat(new Frame("java.util.HashMap", "putVal", 631).isApplication()).isFalse();
        assertThat(new Frame("jdk.internal.misc.Unsafe", "allocateUninitializedArray", 1375).isApplication()).isFalse();
        assertThat(new Frame("com.sun.proxy.$Proxy1", "invoke", -1).isApplication()).isFalse();
        assertThat(new Frame("com.acme.Cache", "put", 42).isApplication()).isTrue();
        assertThat(new Frame("javacard.Applet", "run", 1).isApplication()).isTrue();
        assertThat(new Frame("com.acme.Cache", "put", 42)).hasToString("com.acme.Cache.put:42");
    }

    @Test
    void estimatedBytes_arraysAndInstances_elementSizesPlusHeader() {
        assertThat(Profiler.estimatedBytes("byte[]", 1000)).isEqualTo(16 + 1000);
        assertThat(Profiler.estimatedBytes("long[]", 10)).isEqualTo(16 + 80);
        assertThat(Profiler.estimatedBytes("java.lang.Object[]", 10)).isEqualTo(16 + 40);
        assertThat(Profiler.estimatedBytes("java.util.HashMap", -1)).isEqualTo(Site.OBJECT_BYTES);
    }

    @Test
    void growth_survivorsAllocatedEverySecond_growing() {
        // one survivor a second for the first 90 s: 30 in each third of the window that leaves out the last 10 s
        GrowthRule.Verdict verdict = GrowthRule.judge(times(0, 90, 1), START, END);
        assertThat(verdict.growing()).isTrue();
        assertThat(verdict.reason()).contains("30, 30 and 30");
    }

    @Test
    void growth_survivorsOfAWarmUp_notGrowing() {
        // a data set loaded over the first 50 s and kept: nothing allocated in the last third (60..90 s)
        GrowthRule.Verdict verdict = GrowthRule.judge(times(0, 50, 1), START, END);
        assertThat(verdict.growing()).isFalse();
        assertThat(verdict.reason()).contains("early");
    }

    @Test
    void growth_cacheThatFilledAndEvictsALittle_notGrowing() {
        // 100 survivors from the fill in the first 30 s, 5 in the last third: 4.8 % after the first third, under 35 %
        List<Instant> times = new ArrayList<>(times(0, 30, 0.3));
        times.addAll(times(61, 86, 5));
        assertThat(GrowthRule.judge(times, START, END).growing()).isFalse();
    }

    @Test
    void growth_leakUnderAFullSampler_growing() {
        // the demo's unbounded cache over 70 s: the full sampler admitted 107, 107 and then only 23 survivors
        List<Instant> times = new ArrayList<>(times(0, 30, 30.0 / 107));
        times.addAll(times(30, 60, 30.0 / 107));
        times.addAll(times(60, 90, 30.0 / 23));
        GrowthRule.Verdict verdict = GrowthRule.judge(times, START, END);
        assertThat(verdict.growing()).isTrue();
        assertThat(verdict.reason()).contains("107, 107 and 23");
    }

    @Test
    void growth_leakWhoseLastThirdTheFullSamplerBarelyAdmitted_growing() {
        // the demo's closure list over 70 s: 94, 101 and 10 survivors (the last third under 5 %)
        List<Instant> times = new ArrayList<>(times(0, 30, 30.0 / 94));
        times.addAll(times(30, 60, 30.0 / 101));
        times.addAll(times(60, 90, 3));
        GrowthRule.Verdict verdict = GrowthRule.judge(times, START, END);
        assertThat(verdict.reason()).contains("94, 101 and 10");
        assertThat(verdict.growing()).isTrue();
    }

    @Test
    void growth_fullLruCacheReplacingAFewEntries_notGrowing() {
        // the demo's 8 MB LRU cache over 70 s: 30, 6 and 4 survivors, a quarter after the first third
        List<Instant> times = new ArrayList<>(times(0, 30, 1));
        times.addAll(times(30, 60, 5));
        times.addAll(times(60, 90, 7.5));
        GrowthRule.Verdict verdict = GrowthRule.judge(times, START, END);
        assertThat(verdict.reason()).contains("30, 6 and 4");
        assertThat(verdict.growing()).isFalse();
    }

    @Test
    void growth_youngGarbageNotYetCollected_notGrowing() {
        // 50 survivors allocated in the last 10 s: garbage the next collection frees
        GrowthRule.Verdict verdict = GrowthRule.judge(times(90, 100, 0.2), START, END);
        assertThat(verdict.growing()).isFalse();
        assertThat(verdict.reason()).contains("too few");
    }

    @Test
    void growth_burstHeldAtTheEnd_notGrowing() {
        // 60 survivors allocated within 20 s (less than a third of the 90 s window)
        GrowthRule.Verdict verdict = GrowthRule.judge(times(65, 85, 1.0 / 3), START, END);
        assertThat(verdict.growing()).isFalse();
        assertThat(verdict.reason()).contains("burst");
    }

    @Test
    void growth_sevenSurvivors_tooFewToJudge() {
        assertThat(GrowthRule.judge(times(0, 84, 12), START, END).growing()).isFalse();
        assertThat(GrowthRule.judge(times(0, 96, 12), START, END).growing()).isTrue();
    }

    @Test
    @Tag("slow") // records JFR in this JVM for seconds; the rest of the class is pure
    void read_byteArraysKeptInAStaticList_growingWithTheirLineAndPath(@TempDir Path dir) throws Exception {
        Path file = KeptArraysRecording.write(dir.resolve("leak.jfr"));

        AllocationProfile profile = AllocationProfile.read(JfrFile.open(file));

        assertThat(profile.allocationEvents()).isEqualTo(AllocationProfile.AllocationEvents.OBJECT_ALLOCATION_SAMPLE);
        assertThat(profile.referenceChains()).isTrue();
        ClassProfile bytes = profile.classes().get(0);
        assertThat(bytes.className()).isEqualTo("byte[]");
        assertThat(bytes.growing()).as(bytes.growthReason()).isTrue();
        Site top = bytes.sites().get(0);
        assertThat(top.application()).isEqualTo(new Frame(KeptArraysRecording.class.getName(), "write",
                KeptArraysRecording.keepLine()));
        // the freed arrays are allocated 16 times as much, yet the kept ones' line comes first
        // (named by its line: other threads of the test JVM may keep a byte[] of their own and rank second)
        Site freed = bytes.sites().stream()
                .filter(s -> s.application() != null && s.application().line() == KeptArraysRecording.freeLine())
                .findFirst().orElseThrow();
        assertThat(freed.application().className()).isEqualTo(KeptArraysRecording.class.getName());
        assertThat(freed.allocatedBytes()).isGreaterThan(4 * top.allocatedBytes());
        SurvivorPath path = bytes.survivors().paths().get(0);
        assertThat(path.chain()).containsExactly("static " + KeptArraysRecording.class.getName() + ".HELD",
                "java.util.ArrayList.elementData", "java.lang.Object[][*]", "byte[]");
        assertThat(path.count()).isEqualTo(top.survivors());
    }

    private static List<Instant> times(double fromSeconds, double toSeconds, double everySeconds) {
        List<Instant> times = new ArrayList<>();
        for (double t = fromSeconds; t < toSeconds - 1e-9; t += everySeconds) {
            times.add(START.plus(Duration.ofNanos(Math.round(t * 1e9))));
        }
        return times;
    }
}

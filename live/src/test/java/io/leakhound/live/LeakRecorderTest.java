package io.leakhound.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakhound.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import jdk.management.jfr.FlightRecorderMXBean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records a child JVM ({@link AllocatingMain}, the same java) for 3 s through {@link JvmConnection} and
 * {@link LeakRecorder}, as {@code leakhound record} does, and reads the file back with {@code jdk.jfr.consumer}.
 * One child for the whole class, as each costs a JVM start.
 */
@Tag("slow") // records a child JVM with JFR
class LeakRecorderTest {

    private static ChildJvm child;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startChild() throws IOException, InterruptedException {
        child = ChildJvm.start(AllocatingMain.class, List.of("-Xmx64m", "-XX:+UseSerialGC"));
        // attaching before the JVM has set up its signal handlers would end it: wait for its word
        child.awaitLine("ready", Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopChild() throws InterruptedException {
        child.close();
    }

    @Test
    void record_threeSeconds_fileHasLeakEventsAndRootPathSettings_targetLeftClean() throws Exception {
        Path out = tmp.resolve("rec.jfr");
        LeakRecorder.Result result;
        try (JvmConnection jvm = JvmConnection.attach(child.pid())) {
            LeakRecorder recorder = LeakRecorder.start(jvm, Duration.ofSeconds(3));
            assertThat(recorder.settings()).containsEntry("jdk.OldObjectSample#cutoff", "infinity")
                    .containsEntry("jdk.JavaThreadStatistics#period", "1 s")
                    // from the target's profile configuration (the default one says 20 ms)
                    .containsEntry("jdk.ThreadPark#threshold", "10 ms");
            int[] calls = {0};
            recorder.await(elapsed -> calls[0]++);
            assertThat(calls[0]).isBetween(3, 6);
            result = recorder.finish(out);
            assertThat(recorder.finish(out)).as("a second finish").isSameAs(result);
            // the target is left as it was: no recording of ours remains
            FlightRecorderMXBean recorderBean = jvm.platformMXBean(FlightRecorderMXBean.class);
            assertThat(recorderBean.getRecordings()).noneMatch(r -> r.getId() == recorder.id());
            // jdk.ResidentSetSize exists from JDK 21: unknown settings were accepted, and reported as missing
            assertThat(recorder.missingEvents().contains("jdk.ResidentSetSize"))
                    .isEqualTo(Runtime.version().feature() < 21);
        }
        assertThat(result.bytes()).isEqualTo(Files.size(out)).isPositive();
        assertThat(result.recorded()).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(10));

        Set<String> seen = new HashSet<>();
        Map<Long, String> typeNames = new HashMap<>();
        Map<String, String> oldObjectSettings = new HashMap<>();
        try (RecordingFile file = new RecordingFile(out)) {
            for (EventType type : file.readEventTypes()) {
                typeNames.put(type.getId(), type.getName());
            }
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                seen.add(e.getEventType().getName());
                if (e.getEventType().getName().equals("jdk.ActiveSetting")
                        && "jdk.OldObjectSample".equals(typeNames.get(e.getLong("id")))) {
                    oldObjectSettings.put(e.getString("name"), e.getString("value"));
                }
            }
        }
        assertThat(seen).contains("jdk.GCHeapSummary", "jdk.MetaspaceSummary", "jdk.ClassLoadingStatistics",
                "jdk.JavaThreadStatistics", "jdk.DirectBufferStatistics", "jdk.ObjectAllocationSample",
                "jdk.OldObjectSample", "jdk.GarbageCollection");
        assertThat(oldObjectSettings).containsEntry("enabled", "true").containsEntry("stackTrace", "true")
                .containsEntry("cutoff", "infinity");
    }

    @Test
    void attach_processNotRunning_saysNoSuchProcess() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        assertThatThrownBy(() -> JvmConnection.attach(gone.pid())).isInstanceOf(LiveJvmException.class)
                .hasMessage("process " + gone.pid() + ": no such process (see jps for the running JVMs)");
    }

    @Test
    void attach_notAJvm_refusedWithoutSignallingIt() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            assertThatThrownBy(() -> JvmConnection.attach(sleep.pid())).isInstanceOf(LiveJvmException.class)
                    .hasMessageContaining("process " + sleep.pid() + ": is not a Java virtual machine");
            // the Attach API's SIGQUIT would have ended it
            assertThat(sleep.isAlive()).isTrue();
        } finally {
            sleep.destroy();
        }
    }

    @Test
    void leakSettings_profileRateKeptWhenHigher_lowerRaised() {
        assertThat(LeakSettings.of(Map.of("jdk.ObjectAllocationSample#throttle", "1000/s")))
                .containsEntry("jdk.ObjectAllocationSample#throttle", "1000/s");
        assertThat(LeakSettings.of(Map.of("jdk.ObjectAllocationSample#throttle", "150/s")))
                .containsEntry("jdk.ObjectAllocationSample#throttle", "300/s");
        assertThat(LeakSettings.of(Map.of("jdk.ObjectAllocationSample#throttle", "1/ms")))
                .containsEntry("jdk.ObjectAllocationSample#throttle", "1/ms");
        assertThat(LeakSettings.samplesPerSecond("6000/m")).isEqualTo(100.0);
        assertThat(LeakSettings.samplesPerSecond("off")).isZero();
    }

    @Test
    void leakSettings_profileKeptForOtherEvents_periodsOverridden() {
        Map<String, String> s = LeakSettings.of(Map.of("jdk.ThreadPark#threshold", "10 ms",
                "jdk.DirectBufferStatistics#period", "5 s"));
        assertThat(s).containsEntry("jdk.ThreadPark#threshold", "10 ms")
                .containsEntry("jdk.DirectBufferStatistics#period", "1 s");
        for (String event : List.of("jdk.ClassLoadingStatistics", "jdk.ResidentSetSize", "jdk.ContainerMemoryUsage")) {
            assertThat(s).containsEntry(event + "#enabled", "true").containsEntry(event + "#period", "1 s");
        }
    }
}

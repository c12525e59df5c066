package io.leakhound.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the JVM probe asks of the watched JVM; its stream itself is exercised by the cli watch tests. */
class JvmProbeTest {

    @Test
    void featureVersion_oldAndNewSpecVersions() {
        assertThat(JvmProbe.featureVersion("1.8")).isEqualTo(8);
        assertThat(JvmProbe.featureVersion("11")).isEqualTo(11);
        assertThat(JvmProbe.featureVersion("17")).isEqualTo(17);
        assertThat(JvmProbe.featureVersion("garbage")).isZero();
    }

    @Test
    void settings_memoryEventsOnlyPeriodicAtTheInterval() {
        Map<String, String> settings = JvmProbe.settings(Duration.ofSeconds(5));

        assertThat(settings).containsEntry("jdk.GarbageCollection#enabled", "true")
                .containsEntry("jdk.GCHeapSummary#enabled", "true")
                .containsEntry("jdk.JavaThreadStatistics#period", "5 s")
                .containsEntry("jdk.GarbageCollection#stackTrace", "false");
        // nothing that costs the target: no allocation sampling, no execution samples
        assertThat(settings.keySet()).noneMatch(k -> k.startsWith("jdk.ObjectAllocation") || k.startsWith("jdk.Execution"));
    }
}

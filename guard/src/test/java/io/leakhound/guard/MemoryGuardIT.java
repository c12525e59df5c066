package io.leakhound.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.testing.ChildJvm;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The guard in child JVMs with a 64 MB heap under G1, Parallel and Serial, filling towards the limit (thresholds 40/50/60 %). */
class MemoryGuardIT {

    @ParameterizedTest
    @ValueSource(strings = {"-XX:+UseG1GC", "-XX:+UseParallelGC", "-XX:+UseSerialGC"})
    void fillingHeap_risesThroughEveryLevelInOrder_aFreedBurstRaisesNothing_andTheServiceEndsNormally(String gc)
            throws Exception {
        try (ChildJvm child = ChildJvm.start(FillingService.class, List.of("-Xmx64m", gc))) {
            child.awaitLine("done", Duration.ofSeconds(90));
            assertThat(child.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(child.process().exitValue()).isZero();
            List<String> lines = child.lines();
            assertThat(lines).contains("after burst NONE");
            List<String> changes = lines.stream().filter(l -> l.startsWith("level ")).toList();
            // rises may skip a level when one step crosses two thresholds, but never go down on the way up
            assertThat(changes).isNotEmpty();
            assertThat(changes.get(changes.size() - 1)).endsWith("->CRITICAL");
            PressureLevel previous = PressureLevel.NONE;
            for (String change : changes) {
                PressureLevel to = PressureLevel.valueOf(change.substring(change.indexOf("->") + 2));
                assertThat(to).as(String.join("\n", lines)).isGreaterThan(previous);
                previous = to;
            }
            assertThat(lines).anyMatch(l -> l.startsWith("admits NORMAL false, CRITICAL true"));
        }
    }
}

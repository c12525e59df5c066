package io.leakhound.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryGuardTest {
    @TempDir
    Path cgroup;

    @Test
    void containerLimitBelowTheMaxHeap_isTheLimitLessWhatTheJvmUsesOutsideTheHeap() throws Exception {
        long container = 64L << 20;
        Files.writeString(cgroup.resolve("memory.max"), container + "\n");
        Path procCgroup = Files.writeString(cgroup.resolve("proc-self-cgroup"), "0::/\n");
        try (MemoryGuard guard = MemoryGuard.builder().cgroupRoot(cgroup).procCgroup(procCgroup).detached()) {
            assertThat(guard.limitBytes()).isLessThan(container).isPositive()
                    .isLessThanOrEqualTo(Runtime.getRuntime().maxMemory());
        }
    }

    @Test
    void outsideAContainer_theLimitIsTheMaxHeap() {
        try (MemoryGuard guard = MemoryGuard.builder().cgroupRoot(cgroup).detached()) {
            assertThat(guard.limitBytes()).isEqualTo(Runtime.getRuntime().maxMemory());
            assertThat(guard.thresholds()).containsExactly(0.70, 0.85, 0.95);
            assertThat(guard.level()).isEqualTo(PressureLevel.NONE);
            assertThat(guard.usedFraction()).isNaN();
        }
    }

    @Test
    void listenersHearEachChange_andOneThatThrowsBreaksNeitherTheGuardNorTheOthers() {
        List<String> heard = new CopyOnWriteArrayList<>();
        try (MemoryGuard guard = MemoryGuard.builder().cgroupRoot(cgroup).detached()) {
            long limit = guard.limitBytes();
            guard.onChange((from, to) -> {
                throw new IllegalStateException("a listener's bug");
            });
            guard.onChange((from, to) -> heard.add(from + "->" + to));

            guard.take(0, (long) (limit * 0.90));
            guard.take(600, (long) (limit * 0.90));
            assertThat(guard.admit(Priority.NORMAL)).isFalse();
            assertThat(guard.admit(Priority.HIGH)).isTrue();
            guard.take(1_200, (long) (limit * 0.20));

            assertThat(heard).containsExactly("NONE->ESCALATE", "ESCALATE->NONE");
            assertThat(guard.usedFraction()).isBetween(0.19, 0.21);
            assertThat(guard.admit(Priority.LOW)).isTrue();
        }
    }

    @Test
    void startedGuard_readsThePostGcHeapFromTheJvmsOwnNotifications() throws Exception {
        try (MemoryGuard guard = MemoryGuard.start()) {
            long deadline = System.currentTimeMillis() + 10_000;
            while (Double.isNaN(guard.usedFraction()) && System.currentTimeMillis() < deadline) {
                System.gc();
                Thread.sleep(50);
            }
            assertThat(guard.usedFraction()).isBetween(0.0, 0.70);
            assertThat(guard.level()).isEqualTo(PressureLevel.NONE);
        }
    }
}

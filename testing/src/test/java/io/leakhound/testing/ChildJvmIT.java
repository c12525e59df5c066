package io.leakhound.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one wait for a child: lines, a child that dies first, files, conditions that never hold. */
class ChildJvmIT {

    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void awaitLine_childPrintsIt_returnsTheWholeLineEvenAfterTheChildExited() throws Exception {
        try (ChildJvm child = ChildJvm.start(SayingChild.class, List.of("-Xmx16m"), "starting", "ready on port 7")) {
            assertThat(child.awaitLine("ready", LONG)).isEqualTo("ready on port 7");
            assertThat(child.process().waitFor()).isEqualTo(3);
            assertThat(child.awaitLine("starting", LONG)).isEqualTo("starting");
            assertThat(child.lines()).containsExactly("starting", "ready on port 7");
        }
    }

    @Test
    void awaitLine_childExitsWithoutIt_failsAtOnceWithTheExitCodeAndWhatItSaid() throws Exception {
        try (ChildJvm child = ChildJvm.start(SayingChild.class, List.of("-Xmx16m"), "starting")) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> child.awaitLine("ready", LONG)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("exited (3) before a line with \"ready\"")
                    .hasMessageContaining("[starting]").hasMessageContaining("about to exit");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LONG);
        }
    }

    @Test
    void await_conditionThatThrowsThenHolds_returns() throws Exception {
        AtomicInteger looks = new AtomicInteger();
        ChildJvm.await("the third look", LONG, () -> {
            if (looks.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            return true;
        });
        assertThat(looks).hasValue(3);
    }

    @Test
    void await_neverHolds_failsNamingWhatWithTheLastError() {
        assertThatThrownBy(() -> ChildJvm.await("the moon", Duration.ofMillis(300), () -> {
            throw new IllegalStateException("still night");
        })).isInstanceOf(AssertionError.class).hasMessage("the moon: not within PT0.3S")
                .hasRootCauseMessage("still night");
    }

    @Test
    void awaitFile_writtenLater_returnsOnceNotEmpty() throws Exception {
        Path file = dir.resolve("late.txt");
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(300);
                Files.writeString(file, "here");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        ChildJvm.awaitFile(file, LONG);
        assertThat(file).hasContent("here");
        writer.join();
    }
}

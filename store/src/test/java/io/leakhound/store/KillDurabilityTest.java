package io.leakhound.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leakhound.testing.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow") // kills a child JVM while it writes
class KillDurabilityTest {

    @TempDir
    Path dir;

    @Test
    void kill9_whileAppending_everyReportedSampleStored() throws Exception {
        Path file = dir.resolve("w.db");
        List<Instant> reported;
        long targetId;
        try (ChildJvm child = ChildJvm.start(AppendingChild.class, List.of(), file.toString(), "2026-11-24T10:00:00Z")) {
            String first = child.awaitLine(line -> line.startsWith("target "), "its target", Duration.ofSeconds(30));
            targetId = Long.parseLong(first.substring("target ".length()));
            Thread.sleep(2_000);
            // the lines read before the kill: each was printed once its append had returned (lines printed but
            // not yet read are not counted: those samples may be stored without being checked)
            reported = child.lines().stream().skip(1).map(Instant::parse).toList();
            // SIGKILL while appending: no shutdown hook, no close
            child.process().destroyForcibly();
            assertTrue(child.process().waitFor(10, TimeUnit.SECONDS), "child did not die");
        }
        assertTrue(reported.size() >= 20, "the child appended only " + reported.size() + " samples in 2 s");
        try (WatchStore store = WatchStore.open(file)) {
            List<Instant> stored = store.samples(targetId).stream().map(Sample::at).toList();
            assertTrue(stored.containsAll(reported), "lost: " + reported.stream().filter(t -> !stored.contains(t)).toList());
            assertEquals(reported, stored.subList(0, reported.size()), "stored in the order appended");
            assertEquals(targetId, store.targets().get(0).id());
        }
    }
}

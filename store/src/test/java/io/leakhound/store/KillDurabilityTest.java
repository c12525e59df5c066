package io.leakhound.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KillDurabilityTest {

    @TempDir
    Path dir;

    @Test
    void kill9_whileAppending_everyReportedSampleStored() throws Exception {
        Path file = dir.resolve("w.db");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                AppendingChild.class.getName(), file.toString(), "2026-11-24T10:00:00Z")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<Instant> reported = new ArrayList<>();
        long targetId;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("target "), "child said: " + first);
            targetId = Long.parseLong(first.substring("target ".length()));
            long killAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            String line;
            while (System.nanoTime() < killAt && (line = out.readLine()) != null) {
                reported.add(Instant.parse(line));
            }
            // SIGKILL while appending: no shutdown hook, no close (lines printed but not yet read are not
            // counted: those samples may be stored without being checked)
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS), "child did not die");
        } finally {
            child.destroyForcibly();
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

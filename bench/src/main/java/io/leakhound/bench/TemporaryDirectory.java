package io.leakhound.bench;

import java.nio.file.Path;

/** Where the leakhound runs of the bench keep their off-heap arrays (memory-mapped temporary files). */
final class TemporaryDirectory {
    private TemporaryDirectory() {
    }

    /**
     * Beside the dump, as {@code leakhound heap} and {@code diff} do by default, or the folder the system
     * property {@code leakhound.bench.tempDir} names: to see what the filesystem under the mapped arrays costs
     * (e.g. {@code /dev/shm}: no write-back to disk, but the arrays are then shared memory, which the scripts'
     * RssAnon does not count either).
     */
    static Path beside(Path dump) {
        String chosen = System.getProperty("leakhound.bench.tempDir");
        return chosen == null ? dump.getParent() : Path.of(chosen);
    }
}

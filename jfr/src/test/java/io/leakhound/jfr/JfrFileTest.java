package io.leakhound.jfr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening recordings of the corpus whole, cut short, and files that are not recordings at all. */
class JfrFileTest {

    @TempDir
    Path dir;

    @Test
    void twoChunkRecording_open_listsBothChunksAndReadsEveryEvent() throws Exception {
        Path file = corpus("jafar/tck-test.jfr");

        JfrFile jfr = JfrFile.open(file);
        AtomicLong events = new AtomicLong();
        jfr.events(e -> events.incrementAndGet());

        assertThat(jfr.chunks()).hasSize(2);
        assertThat(jfr.chunks().get(1).offset()).isEqualTo(jfr.chunks().get(0).size());
        assertThat(jfr.truncated()).isFalse();
        assertThat(jfr.end()).isAfter(jfr.start());
        // what `jfr summary` (JDK 17) counts, the chunk-level "jdk.ActiveSetting" and all
        assertThat(events.get()).isEqualTo(67_657);
    }

    @Test
    void recordingCutInItsSecondChunk_open_warnsAndReadsTheFirstChunk() throws Exception {
        byte[] whole = Files.readAllBytes(corpus("jafar/tck-test.jfr"));
        Path cut = dir.resolve("cut.jfr");
        Files.write(cut, Arrays.copyOf(whole, whole.length * 3 / 4));

        JfrFile jfr = JfrFile.open(cut);
        AtomicLong events = new AtomicLong();
        jfr.events(e -> events.incrementAndGet());

        assertThat(jfr.chunks()).hasSize(1);
        assertThat(jfr.warnings()).singleElement().asString()
                .contains("cut short", "declares", "read the 1 complete chunk");
        assertThat(events.get()).isPositive().isLessThan(67_657);
    }

    @Test
    void recordingCutInItsFirstChunk_open_namesTheOffsetAndRefuses() throws Exception {
        byte[] whole = Files.readAllBytes(corpus("jafar/tck-test.jfr"));
        Path cut = dir.resolve("cut.jfr");
        Files.write(cut, Arrays.copyOf(whole, 1000));

        assertThatThrownBy(() -> JfrFile.open(cut))
                .isInstanceOf(JfrFormatException.class)
                .hasMessageStartingWith(cut + " at byte 0: ")
                .hasMessageContaining("file ends 1,000 bytes into it");
    }

    @Test
    void textFile_open_saysItIsNotARecording() throws Exception {
        Path text = dir.resolve("gc.log");
        Files.writeString(text, "[0.010s][info][gc] Using G1\n");

        assertThat(JfrFile.looksLikeJfr(text)).isFalse();
        assertThatThrownBy(() -> JfrFile.open(text))
                .isInstanceOf(JfrFormatException.class)
                .hasMessageContaining("expected the magic FLR\\0, found 5b302e30");
    }

    /** Before, a gzipped recording given by name was refused ("decompress it first"), though stdin took it. */
    @Test
    void gzipCompressedRecording_open_readsTheSameEventsAsTheUncompressedOne() throws Exception {
        Path plain = corpus("jafar/tck-test.jfr");
        Path gzipped = gzip(plain, dir.resolve("tck-test.jfr.gz"), Files.size(plain));

        JfrFile jfr = JfrFile.open(gzipped);
        AtomicLong events = new AtomicLong();
        jfr.events(e -> events.incrementAndGet());

        assertThat(jfr.path()).isEqualTo(gzipped);
        assertThat(jfr.chunks()).hasSize(2);
        assertThat(jfr.truncated()).isFalse();
        assertThat(events.get()).isEqualTo(67_657);
    }

    @Test
    void gzipStreamCutShort_open_namesTheGzipCutAndReadsTheCompleteChunk() throws Exception {
        Path plain = corpus("jafar/tck-test.jfr");
        Path whole = gzip(plain, dir.resolve("whole.jfr.gz"), Files.size(plain));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.jfr.gz"), Arrays.copyOf(bytes, bytes.length * 3 / 4));

        JfrFile jfr = JfrFile.open(cut);

        assertThat(jfr.warnings()).anyMatch(w -> w.startsWith("the gzip stream is cut short after"));
        assertThat(jfr.chunks()).hasSize(1);
    }

    private static Path gzip(Path from, Path to, long bytes) throws java.io.IOException {
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(to))) {
            out.write(Files.readAllBytes(from), 0, (int) bytes);
        }
        return to;
    }

    @Test
    void gzipFormat09Recording_open_pointsToMissionControl() throws Exception {
        Path old = corpus("jmc/recordings/7u40.jfr");

        assertThat(JfrFile.looksLikeJfr(old)).isTrue();
        assertThatThrownBy(() -> JfrFile.open(old))
                .isInstanceOf(JfrFormatException.class)
                .hasMessageContaining("format 0.9", "JDK Mission Control");
    }

    @Test
    void jdk9Recording_typeName_readsTheOracleNamesAsJdkNames() throws Exception {
        JfrFile jfr = JfrFile.open(corpus("jmc/recordings/9u0.jfr"));
        Map<String, Integer> counts = new HashMap<>();

        jfr.events(e -> counts.merge(JfrFile.typeName(e), 1, Integer::sum));

        assertThat(jfr.chunks().get(0).major()).isEqualTo(1);
        assertThat(counts).containsEntry("jdk.JavaThreadStatistics", 6).containsEntry("jdk.ClassLoadingStatistics", 6);
    }

    @Test
    void missingFileAndDirectory_open_areRefusedByName() {
        assertThatThrownBy(() -> JfrFile.open(dir.resolve("none.jfr"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> JfrFile.open(dir))
                .isInstanceOf(JfrFormatException.class)
                .hasMessageContaining("is a directory");
    }

    static Path corpus(String relative) {
        String root = System.getProperty("leakhound.corpus");
        assumeTrue(root != null && Files.isDirectory(Path.of(root, "jfr")), "corpus not present");
        return Path.of(root, "jfr", relative);
    }
}

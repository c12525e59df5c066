package io.leakhound.hprof;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The parser's fuzz contract: any input reads, reads truncated, or throws HprofFormatException; nothing else. */
class HprofFuzzTest {

    private static final Path CORPUS = Path.of(System.getProperty("leakhound.corpus", "../shared/corpus"));

    @TempDir
    Path dir;

    @Test
    void read_randomByteFlipsInSmallDump_onlyFormatErrorOrResult() throws IOException {
        fuzz(new SampleDump(4).bytes, 800, 1, 256);
        fuzz(new SampleDump(8).bytes, 800, 2, 256);
    }

    @Test
    void read_randomByteFlipsInCorpusDump_onlyFormatErrorOrResult() throws IOException {
        Path dump = CORPUS.resolve("hprof/mat/sun_jdk5_64bit.hprof");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(dump), "corpus absent");
        // Default windows only: a 16-byte window over 700 KB means a remap per record and a slow test.
        fuzz(Files.readAllBytes(dump), 40, 3, HprofFile.DEFAULT_WINDOW_BYTES);
    }

    private void fuzz(byte[] original, int rounds, long seed, long smallWindow) {
        Random random = new Random(seed);
        Path file = dir.resolve("fuzz.hprof");
        int[] outcomes = new int[3];
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int round = 0; round < rounds; round++) {
                byte[] bytes = original.clone();
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    // Mostly past the header, where the interesting lengths and tags are.
                    int at = random.nextInt(bytes.length);
                    bytes[at] = random.nextInt(3) == 0 ? (byte) 0xFF : (byte) random.nextInt(256);
                }
                if (random.nextInt(5) == 0) {
                    bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
                }
                Files.write(file, bytes);
                outcomes[readOutcome(file, random.nextBoolean() ? smallWindow : HprofFile.DEFAULT_WINDOW_BYTES)]++;
            }
        });
        // The fuzzing reached both ends of the contract, not only the header check.
        assertThat(outcomes[0] + outcomes[1]).isPositive();
        assertThat(outcomes[2]).isPositive();
    }

    /** 0 read cleanly, 1 read truncated, 2 HprofFormatException; anything else fails the test. */
    private static int readOutcome(Path file, long window) throws IOException {
        try (HprofFile hprof = HprofFile.open(file, window)) {
            HprofFile.ReadResult result = hprof.read(EnumSet.allOf(RecordKind.class), (offset, record) -> {
                if (record instanceof HeapDumpRecord.ObjectArrayDump array) {
                    for (int i = 0; i < array.length(); i++) {
                        array.elementId(i);
                    }
                }
            });
            return result.truncated() ? 1 : 0;
        } catch (HprofFormatException expected) {
            assertThat(expected.getMessage()).contains(file.toString()).contains("at byte");
            return 2;
        }
    }
}

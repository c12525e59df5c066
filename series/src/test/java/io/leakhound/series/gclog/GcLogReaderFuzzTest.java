package io.leakhound.series.gclog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.leakhound.series.GcLogFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parser contract: any input gives a {@link GcLog} or a {@link GcLogFormatException}, nothing else,
 * and never hangs. Inputs are random bytes, and real logs cut, spliced and with bytes flipped (seeded, so
 * a failure repeats).
 */
class GcLogReaderFuzzTest {

    private static final List<String> LOGS = List.of("g1-jdk17-gcstar-alldecorations.log", "zgc-jdk25-gc.log",
            "shenandoah-jdk25-gc.log", "parallel-jdk25-gcstar-uptimemillis.log", "zgc-jdk17-gcstar.log");

    @TempDir
    Path tmp;

    private int outcomes;

    private void readOrFormatError(byte[] content) throws IOException {
        Path f = Files.write(tmp.resolve("fuzz-" + outcomes + ".log"), content);
        try {
            GcLog log = GcLogReader.read(List.of(f));
            assertThat(log.events().size()).isPositive();
            assertThat(log.linesRead()).isPositive();
        } catch (GcLogFormatException e) {
            assertThat(e.getMessage()).contains(f.toString());
            // the reader turns a parser's runtime exception into a format error: that would be a parser bug
            assertThat(e.getMessage()).doesNotContain("cannot parse this line");
        }
        outcomes++;
    }

    @Test
    void randomBytes_giveAFormatErrorOrALog() {
        Random random = new Random(20240101);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 200; i++) {
                byte[] b = new byte[1 + random.nextInt(i < 100 ? 200 : 100_000)];
                random.nextBytes(b);
                if (i % 2 == 0) {
                    // printable noise with line ends gets past the binary check into the parser
                    for (int k = 0; k < b.length; k++) {
                        b[k] = (byte) (random.nextInt(10) == 0 ? '\n' : 32 + random.nextInt(95));
                    }
                }
                readOrFormatError(b);
            }
        });
        assertThat(outcomes).isEqualTo(200);
    }

    @Test
    void realLogs_cutSplicedAndFlipped_giveAFormatErrorOrALog() {
        Random random = new Random(42);
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (String name : LOGS) {
                byte[] log = Files.readAllBytes(GcLogReaderTest.fixture(name));
                for (int i = 0; i < 40; i++) {
                    byte[] b;
                    switch (i % 4) {
                        case 0: // truncated anywhere
                            b = java.util.Arrays.copyOf(log, random.nextInt(log.length));
                            break;
                        case 1: // a window from the middle: starts and ends inside lines
                            int from = random.nextInt(log.length);
                            b = java.util.Arrays.copyOfRange(log, from, from + random.nextInt(log.length - from));
                            break;
                        case 2: // bytes flipped
                            b = log.clone();
                            for (int k = 0; k < 1 + random.nextInt(200); k++) {
                                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                            }
                            break;
                        default: // characters that matter to the parser, sprinkled
                            b = log.clone();
                            byte[] specials = "[]()->%sM K:0123456789. \n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                            for (int k = 0; k < 1 + random.nextInt(500); k++) {
                                b[random.nextInt(b.length)] = specials[random.nextInt(specials.length)];
                            }
                            break;
                    }
                    readOrFormatError(b);
                }
            }
        });
        assertThat(outcomes).isEqualTo(LOGS.size() * 40);
    }

    @Test
    void parser_randomLinesOfLogCharacters_neverThrow() {
        Random random = new Random(7);
        String alphabet = "[]()->%sKMGB:,.0123456789 GC(Pause Young Full Concurrent Collection)ms";
        UnifiedLogParser parser = new UnifiedLogParser(e -> { }, new WallClockOrigin());
        parser.startFile(Path.of("random.log"));
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 200_000; i++) {
                StringBuilder line = new StringBuilder(random.nextBoolean() ? "[1.0s][info][gc] GC(3) " : "");
                for (int k = random.nextInt(60); k > 0; k--) {
                    line.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                parser.accept(AsciiLine.of(line.toString()), i + 1);
            }
            parser.endOfFile();
        });
        assertThat(parser.skippedLines()).isPositive();
    }
}

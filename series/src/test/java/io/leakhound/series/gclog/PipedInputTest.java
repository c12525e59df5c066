package io.leakhound.series.gclog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leakhound.series.PeekedInput;
import io.leakhound.series.csv.CsvSeriesReader;
import io.leakhound.series.verdict.UsageSeries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that can be read only once (a FIFO, standard input) and compressed inputs whatever their name:
 * they read exactly like the plain file. The log is over 64 KiB, the size of the head read to tell its
 * dialect, which a second opening of a pipe used to lose (or wait for forever: hence the timeout).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PipedInputTest {

    private static final String LOG = "/gclogs/unified/g1-jdk17-gcstar-alldecorations.log";

    @TempDir
    Path tmp;

    private Path log() throws IOException {
        Path file = tmp.resolve("gc.log");
        try (InputStream in = getClass().getResourceAsStream(LOG)) {
            Files.copy(in, file);
        }
        assertThat(Files.size(file)).as("longer than the head").isGreaterThan(PeekedInput.DEFAULT_HEAD_BYTES);
        return file;
    }

    @Test
    void logThroughFifo_loosesNoEvent() throws Exception {
        Path file = log();
        Path fifo = fifoFedWith(Files.readAllBytes(file));
        GcLog piped = GcLogReader.read(List.of(fifo));
        GcLog plain = GcLogReader.read(List.of(file));
        assertThat(piped.events().size()).isEqualTo(plain.events().size());
        assertThat(piped.linesRead()).isEqualTo(plain.linesRead());
        assertThat(piped.events().get(0)).isEqualTo(plain.events().get(0));
    }

    @Test
    void gzippedLogThroughFifo_readByItsMagicBytes() throws Exception {
        Path file = log();
        GcLog piped = GcLogReader.read(List.of(fifoFedWith(gzip(Files.readAllBytes(file)))));
        assertThat(piped.events().size()).isEqualTo(GcLogReader.read(List.of(file)).events().size());
    }

    @Test
    void gzippedLogWithoutGzName_readByItsMagicBytes() throws Exception {
        Path file = log();
        Path compressed = Files.write(tmp.resolve("gc.log.1"), gzip(Files.readAllBytes(file)));
        assertThat(GcLogReader.read(List.of(compressed)).events().size())
                .isEqualTo(GcLogReader.read(List.of(file)).events().size());
    }

    @Test
    void dashIsStandardInput_readLikeTheFile() throws Exception {
        Path file = log();
        InputStream stdin = System.in;
        try (InputStream in = Files.newInputStream(file)) {
            System.setIn(in);
            GcLog piped = GcLogReader.read(List.of(Path.of(PeekedInput.STDIN)));
            assertThat(piped.files()).containsExactly(Path.of("-"));
            assertThat(piped.events().size()).isEqualTo(GcLogReader.read(List.of(file)).events().size());
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void gzippedCsvWithoutGzName_readByItsMagicBytes() throws Exception {
        StringBuilder csv = new StringBuilder("timestamp_ms,rss_bytes\n");
        for (int i = 0; i < 10_000; i++) {
            csv.append(i * 1000L).append(',').append(100_000_000L + i * 1000L).append('\n');
        }
        Path compressed = Files.write(tmp.resolve("rss.csv"), gzip(csv.toString().getBytes()));
        assertThat(CsvSeriesReader.looksLikeCsv(compressed)).isTrue();
        UsageSeries series = CsvSeriesReader.read(compressed);
        assertThat(series.size()).isEqualTo(10_000);
        assertThat(series.resource()).isEqualTo("rss");
    }

    /** A FIFO in the temporary directory, written by a thread of its own (a writer blocks until read). */
    private Path fifoFedWith(byte[] bytes) throws Exception {
        Path fifo = tmp.resolve("fifo-" + System.nanoTime());
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(bytes);
            } catch (IOException e) {
                // the reader gave up: its assertion says why
            }
        }, "fifo-writer");
        writer.setDaemon(true);
        writer.start();
        return fifo;
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(plain);
        }
        return out.toByteArray();
    }
}

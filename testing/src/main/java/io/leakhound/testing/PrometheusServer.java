package io.leakhound.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's {@code prometheus}) on loopback over a TSDB backfilled with
 * {@code promtool tsdb create-blocks-from openmetrics} from series a test wrote: what {@code fleet} reads in
 * production, with known truth. Stopped by {@link #close()}.
 */
public final class PrometheusServer implements AutoCloseable {

    private final Process process;
    private final URI url;
    private final Path log;

    private PrometheusServer(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** The {@code prometheus} and {@code promtool} binaries, when both are installed; else why not. */
    public static Optional<String> missing() {
        for (String tool : List.of("prometheus", "promtool")) {
            if (find(tool) == null) {
                return Optional.of(tool + " is not installed (Debian: apt-get install prometheus; .ci/run does it)");
            }
        }
        return Optional.empty();
    }

    /** Backfills {@code openMetrics} into a TSDB under {@code dir} and serves it; returns once it is ready. */
    public static PrometheusServer start(Path dir, OpenMetrics openMetrics) throws IOException, InterruptedException {
        Path data = dir.resolve("backfill.om");
        openMetrics.writeTo(data);
        Path tsdb = Files.createDirectories(dir.resolve("tsdb"));
        Path backfillLog = dir.resolve("promtool.log");
        Process promtool = new ProcessBuilder(find("promtool").toString(), "tsdb", "create-blocks-from", "openmetrics",
                // blocks of up to a day, so a day's backfill is one block and not twelve
                "--max-block-duration=24h", data.toString(), tsdb.toString())
                .redirectErrorStream(true).redirectOutput(backfillLog.toFile()).start();
        if (!promtool.waitFor(5, TimeUnit.MINUTES) || promtool.exitValue() != 0) {
            promtool.destroyForcibly();
            throw new IOException("promtool backfill failed: " + Files.readString(backfillLog));
        }
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 15s\n");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = dir.resolve("prometheus.log");
        Process p = new ProcessBuilder(find("prometheus").toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + tsdb, "--storage.tsdb.retention.time=100y",
                "--web.listen-address=127.0.0.1:" + port, "--query.max-samples=100000000")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(p, URI.create("http://127.0.0.1:" + port), log);
        server.awaitReady(Duration.ofSeconds(60));
        return server;
    }

    public URI url() {
        return url;
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("prometheus exited: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) url.resolve("/-/ready").toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(1000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        close();
        throw new IOException("prometheus not ready within " + timeout + ": " + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Path find(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}

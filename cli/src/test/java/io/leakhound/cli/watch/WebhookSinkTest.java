package io.leakhound.cli.watch;

import io.leakhound.watch.WatchEvent;
import static io.leakhound.cli.watch.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookSinkTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<Duration> QUICK_RETRIES = List.of(Duration.ofMillis(10), Duration.ofMillis(20),
            Duration.ofMillis(40));

    private HttpServer server;
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final List<com.sun.net.httpserver.Headers> headers = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    /** Released at the end of each test so that a hanging handler returns. */
    private final CountDownLatch release = new CountDownLatch(1);

    /** A local receiver on a free port answering each request with {@code status}'s next value. */
    private URI receiver(IntSupplier status, boolean hang, CountDownLatch reached) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/hook", (HttpExchange exchange) -> {
            requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            reached.countDown();
            if (hang) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int code = status.getAsInt();
            if (code < 300) {
                bodies.add(MAPPER.readTree(new String(body, StandardCharsets.UTF_8)));
                contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
                headers.add(exchange.getRequestHeaders());
            }
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    private URI receiver(IntSupplier status) throws IOException {
        return receiver(status, false, new CountDownLatch(1));
    }

    private static WebhookSink sink(URI url, int capacity, Duration closeWait) {
        return new WebhookSink(url, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build(),
                QUICK_RETRIES, capacity, closeWait);
    }

    private static WatchEvent alert(int i) {
        return new WatchEvent.AlertChanged(Events.alert(i, "alert " + i));
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void post_alertsCapturesSummary_deliveredAsJsonLines_samplesAndFindingsNot() throws Exception {
        URI url = receiver(() -> 200);
        WebhookSink sink = sink(url, 100, Duration.ofSeconds(10));
        sink.accept(Events.heapSample(1, 1000));
        sink.accept(new WatchEvent.FindingChanged(T0, Events.growingRss().findings().get(0)));
        sink.accept(alert(2));
        sink.accept(new WatchEvent.CaptureChanged(T0, Events.doneCapture()));
        sink.accept(new WatchEvent.Summary(T0, Events.target(), Events.growingRss(), List.of(), List.of()));
        sink.close();

        assertThat(sink.delivered()).isEqualTo(3);
        assertThat(sink.undelivered()).isZero();
        assertThat(bodies).extracting(b -> b.get("type").asText()).containsExactly("alert", "capture", "summary");
        assertThat(contentTypes).containsOnly("application/json");
        assertThat(bodies.get(0).get("message").asText()).isEqualTo("alert 2");
        assertThat(bodies.get(1).get("holder").asText()).isEqualTo("static io.leakhound.demo.DemoService.active");
        assertThat(bodies.get(2).get("findings").get(0).get("verdict").asText()).isEqualTo("LEAK");
        assertThat(bodies.get(2).get("target").get("pid").asLong()).isEqualTo(4242);
    }

    @Test
    void post_500Then200_deliveredOnceAfterRetry() throws Exception {
        AtomicInteger n = new AtomicInteger();
        URI url = receiver(() -> n.getAndIncrement() == 0 ? 500 : 200);
        WebhookSink sink = sink(url, 100, Duration.ofSeconds(10));
        sink.accept(alert(1));
        sink.close();
        assertThat(requests.get()).isEqualTo(2);
        assertThat(bodies).hasSize(1);
        assertThat(sink.delivered()).isEqualTo(1);
        assertThat(sink.undelivered()).isZero();
    }

    @Test
    void post_429Thrice_retriedUntilDelivered() throws Exception {
        AtomicInteger n = new AtomicInteger();
        URI url = receiver(() -> n.getAndIncrement() < 3 ? 429 : 204);
        WebhookSink sink = sink(url, 100, Duration.ofSeconds(10));
        sink.accept(alert(1));
        sink.close();
        assertThat(requests.get()).isEqualTo(4);
        assertThat(sink.delivered()).isEqualTo(1);
    }

    @Test
    void post_always503_givesUpAfterThreeRetries() throws Exception {
        URI url = receiver(() -> 503);
        WebhookSink sink = sink(url, 100, Duration.ofSeconds(10));
        sink.accept(alert(1));
        sink.close();
        assertThat(requests.get()).isEqualTo(4);
        assertThat(sink.delivered()).isZero();
        assertThat(sink.undelivered()).isEqualTo(1);
        assertThat(sink.lastProblem()).endsWith("answered 503 (after 3 retries)");
    }

    @Test
    void post_404_notRetried() throws Exception {
        URI url = receiver(() -> 404);
        WebhookSink sink = sink(url, 100, Duration.ofSeconds(10));
        sink.accept(alert(1));
        sink.close();
        assertThat(requests.get()).isEqualTo(1);
        assertThat(sink.undelivered()).isEqualTo(1);
        assertThat(sink.lastProblem()).contains("answered 404");
    }

    @Test
    void accept_receiverHangs_neverBlocks() throws Exception {
        CountDownLatch reached = new CountDownLatch(1);
        URI url = receiver(() -> 200, true, reached);
        WebhookSink sink = sink(url, 1000, Duration.ofMillis(300));
        long slowest = 0;
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            long t = System.nanoTime();
            sink.accept(alert(i));
            slowest = Math.max(slowest, System.nanoTime() - t);
        }
        long total = System.nanoTime() - start;
        assertThat(reached.await(10, TimeUnit.SECONDS)).isTrue();
        // measured: ~5 ms for the first (class loading), ~5 us each after; the bounds leave room for a loaded
        // machine and still fail by far if accept waited on the receiver (which holds the request for 30 s)
        assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofMillis(250));
        assertThat(Duration.ofNanos(total)).isLessThan(Duration.ofSeconds(1));

        long closing = System.nanoTime();
        sink.close();
        assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(3));
        assertThat(sink.delivered()).isZero();
        assertThat(sink.undelivered()).isEqualTo(100);
    }

    @Test
    void accept_queueFull_oldestDroppedAndCounted() throws Exception {
        CountDownLatch reached = new CountDownLatch(1);
        URI url = receiver(() -> 200, true, reached);
        WebhookSink sink = sink(url, 3, Duration.ofSeconds(10));
        sink.accept(alert(0));
        assertThat(reached.await(10, TimeUnit.SECONDS)).isTrue();
        // alert 0 is in flight; the queue of 3 keeps the newest three of the next ten
        for (int i = 1; i <= 10; i++) {
            sink.accept(alert(i));
        }
        assertThat(sink.dropped()).isEqualTo(7);
        release.countDown();
        sink.close();
        assertThat(bodies).extracting(b -> b.get("message").asText())
                .containsExactly("alert 0", "alert 8", "alert 9", "alert 10");
        assertThat(sink.delivered()).isEqualTo(4);
        assertThat(sink.undelivered()).isEqualTo(7);
    }

    @Test
    void post_receiverDown_noExceptionCountedUndelivered() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        WebhookSink sink = sink(URI.create("http://127.0.0.1:" + port + "/hook"), 100, Duration.ofSeconds(10));
        sink.accept(alert(1));
        sink.accept(alert(2));
        sink.close();
        assertThat(sink.delivered()).isZero();
        assertThat(sink.undelivered()).isEqualTo(2);
        assertThat(sink.lastProblem()).contains("127.0.0.1:" + port).endsWith("(after 3 retries)");
    }

    @Test
    void accept_afterClose_countedNotSent() throws Exception {
        URI url = receiver(() -> 200);
        WebhookSink sink = sink(url, 100, Duration.ofSeconds(10));
        sink.close();
        sink.accept(alert(1));
        assertThat(sink.undelivered()).isEqualTo(1);
        assertThat(requests.get()).isZero();
    }

    @Test
    void parseUrl_notHttp_clearMessage() {
        assertThatThrownBy(() -> WebhookSink.parseUrl("ftp://example.com/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("webhook URL 'ftp://example.com/…' must start with http:// or https://");
        assertThatThrownBy(() -> WebhookSink.parseUrl("http://exa mple.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("webhook URL is not a URL: ");
        assertThatThrownBy(() -> new WebhookSink(URI.create("http:///hook")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("webhook URL 'http://…/…' has no host");
        assertThat(WebhookSink.parseUrl(" https://hooks.example.com/T1 ").toString())
                .isEqualTo("https://hooks.example.com/T1");
    }

    @Test
    void post_urlWithCredentials_neverPrintedInProblems() throws Exception {
        URI url = receiver(() -> 404);
        URI secret = URI.create("http://bot:s3cret@127.0.0.1:" + url.getPort() + "/hook?token=T0KEN");
        WebhookSink sink = sink(secret, 10, Duration.ofSeconds(10));
        sink.accept(alert(1));
        sink.close();

        assertThat(sink.undelivered()).isEqualTo(1);
        assertThat(sink.lastProblem()).isEqualTo("http://127.0.0.1:" + url.getPort() + "/… answered 404"
                + " (not retried: the receiver refuses the request)")
                .doesNotContain("s3cret").doesNotContain("T0KEN").doesNotContain("hook");
        assertThat(sink.settings().toString()).doesNotContain("s3cret").doesNotContain("T0KEN");
    }

    @Test
    void post_slackFormatWithHeaders_textBodyAndHeadersSent() throws Exception {
        URI url = receiver(() -> 200);
        WebhookSettings settings = new WebhookSettings(url, WebhookFormat.SLACK,
                List.of(WebhookHeader.parse("Authorization: Bearer abc"), WebhookHeader.parse("X-Tenant: ops")), null);
        WebhookSink sink = new WebhookSink(new WebhookPayloads(settings,
                new WebhookPayloads.Origin("web-1", 4242, "java -jar app.jar")),
                HttpClient.newHttpClient(), QUICK_RETRIES, 10, Duration.ofSeconds(10));
        sink.accept(Events.heapSample(1, 1000));
        sink.accept(alert(2));
        sink.accept(new WatchEvent.CaptureChanged(T0, Events.doneCapture()));
        sink.close();

        assertThat(sink.delivered()).isEqualTo(2);
        assertThat(bodies.get(0).get("text").asText()).isEqualTo(":rotating_light: *leakhound* pid 4242"
                + " (java -jar app.jar) on web-1: heap WARNING → ESCALATE\nalert 2");
        assertThat(bodies.get(1).get("text").asText())
                .contains("heap capture 7 done", "holder: `static io.leakhound.demo.DemoService.active`");
        assertThat(headers).allSatisfy(h -> {
            assertThat(h.getFirst("Authorization")).isEqualTo("Bearer abc");
            assertThat(h.getFirst("X-Tenant")).isEqualTo("ops");
        });
    }
}

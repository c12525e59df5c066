package io.leakhound.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What {@link PrometheusApi} sends and how it reports what it cannot read; Prometheus itself is in the ITs. */
class PrometheusApiTest {

    @Test
    void credentialsInTheUrl_areSentAsBasicAuthAndNeverPrinted() throws Exception {
        AtomicReference<String> auth = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/prom/api/v1/series", exchange -> {
            auth.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"job\":\"a\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            PrometheusApi api = new PrometheusApi(URI.create("http://reader:s%3Acret@127.0.0.1:" + port + "/prom"),
                    Duration.ofSeconds(5));
            assertThat(api.address()).isEqualTo("http://127.0.0.1:" + port + "/prom").doesNotContain("cret");
            assertThat(api.series(List.of("up"), Instant.EPOCH, Instant.ofEpochSecond(60)))
                    .containsExactly(java.util.Map.of("__name__", "up", "job", "a"));
            assertThat(auth.get()).isEqualTo("Basic " + java.util.Base64.getEncoder()
                    .encodeToString("reader:s:cret".getBytes(StandardCharsets.UTF_8)));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aBodyThatIsNotPrometheusJson_isAnErrorWithItsByteOffset() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "<html>login</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            PrometheusApi api = new PrometheusApi(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                    Duration.ofSeconds(5));
            assertThatThrownBy(() -> api.series(List.of("up"), Instant.EPOCH, Instant.ofEpochSecond(60)))
                    .isInstanceOf(PrometheusException.class)
                    .hasMessageContaining("is not Prometheus' JSON at byte");
        } finally {
            server.stop(0);
        }
    }
}

package io.leakhound.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's HTTP endpoints on the JDK's own server ({@code com.sun.net.httpserver}, nothing more in the host):
 * {@code GET /metrics} through the Prometheus client's {@link MetricsHandler} (the text format, or OpenMetrics when
 * the {@code Accept} header asks for it), and {@code GET /health} ({@link HealthJson}: 503 at CRITICAL pressure,
 * else 200).
 *
 * <p>Threads: the JDK's dispatcher and two request threads, all daemons named {@code leakhound-http-*}. A handler
 * that fails answers 500 and is logged; nothing is thrown into the server.
 */
final class AgentHttp {

    private final HttpServer server;
    private final ExecutorService executor;

    private AgentHttp(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Listens on {@code bind:port} (port 0: any free one).
     *
     * @throws IOException when the address cannot be bound (the port is taken, the address is not this host's)
     */
    static AgentHttp start(String bind, int port, PrometheusRegistry registry, AgentState state) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 8);
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "leakhound-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", guarded(new MetricsHandler(registry)));
        server.createContext("/health", guarded(exchange -> health(exchange, state)));
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        server.start();
        nameServerThreads(before);
        return new AgentHttp(server, executor);
    }

    /** The port listened on (the one given, or the one chosen for port 0). */
    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    /*
     * The JDK names its dispatcher "HTTP-Dispatcher" (a daemon, since it inherits from the agent's daemon thread):
     * renamed, so that a thread dump of the host tells at once which threads are leakhound's.
     */
    private static void nameServerThreads(Set<Thread> before) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && !t.getName().startsWith("leakhound-")) {
                try {
                    t.setName("leakhound-http-" + t.getName());
                } catch (SecurityException e) {
                    // a name is only a name
                }
            }
        }
    }

    private static void health(HttpExchange exchange, AgentState state) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, "text/plain; charset=utf-8", "only GET\n");
            return;
        }
        MemoryPressure pressure = state.pressure();
        int level = pressure.level();
        HealthJson.Status status = HealthJson.status(level, state.analysis());
        String body = HealthJson.render(status, pressure, state.analysis());
        respond(exchange, level >= 3 ? 503 : 200, "application/json", body);
    }

    private static void respond(HttpExchange exchange, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    /** The handler, with any failure answered 500 and logged instead of thrown into the server. */
    private static HttpHandler guarded(HttpHandler handler) {
        return exchange -> {
            try {
                handler.handle(exchange);
            } catch (Throwable t) {
                AgentLog.warn("HTTP " + exchange.getRequestURI() + " failed: " + t);
                try {
                    respond(exchange, 500, "text/plain; charset=utf-8", "leakhound-agent: internal error\n");
                } catch (Throwable ignored) {
                    exchange.close();
                }
            }
        };
    }
}

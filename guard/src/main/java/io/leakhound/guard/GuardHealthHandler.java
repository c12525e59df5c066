package io.leakhound.guard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A load balancer's health check on the JDK's own HTTP server, no servlet container needed:
 * {@code server.createContext("/health/memory", new GuardHealthHandler(guard))}. Answers 200 with
 * {@code {"pressure":"WARNING","usedFraction":0.73,"limitBytes":536870912}}, and 503 at {@code CRITICAL}
 * so that the balancer sends traffic elsewhere until the heap recovers.
 */
public final class GuardHealthHandler implements HttpHandler {
    private final MemoryGuard guard;

    public GuardHealthHandler(MemoryGuard guard) {
        this.guard = java.util.Objects.requireNonNull(guard, "guard");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            PressureLevel level = guard.level();
            double used = guard.usedFraction();
            String body = String.format(Locale.ROOT, "{\"pressure\":\"%s\",\"usedFraction\":%s,\"limitBytes\":%d}",
                    level, Double.isNaN(used) ? "null" : String.format(Locale.ROOT, "%.4f", used), guard.limitBytes());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(level == PressureLevel.CRITICAL ? 503 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}

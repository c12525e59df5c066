package io.leakhound.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Creates and handles simulated requests with the allocation churn of a real service: strings built and
 * parsed, maps of parameters, a body and a response buffer. Everything it allocates dies young (about
 * 180 KB per request on average: 55 MB/s at 300 requests per second, so that a 256 MB heap collects every
 * few seconds); only the active {@link ModeBehaviour} decides what is retained.
 */
final class RequestHandler {
    private static final String[] USERS = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"};
    private static final String[] PATHS = {"/orders", "/users", "/search", "/cart", "/checkout", "/items"};

    private RequestHandler() {
    }

    static Request newRequest(long id, SplittableRandom random) {
        Map<String, String> params = new HashMap<>();
        int count = 2 + random.nextInt(6);
        for (int i = 0; i < count; i++) {
            params.put("p" + i, Long.toHexString(random.nextLong()));
        }
        byte[] body = new byte[512 + random.nextInt(4096)];
        random.nextBytes(body);
        return new Request(id, USERS[random.nextInt(USERS.length)], params, body);
    }

    /** Handles a request; returns a checksum of the response so the work cannot be optimised away. */
    static long handle(Request request, SplittableRandom random) {
        StringBuilder json = new StringBuilder(256);
        json.append("{\"id\":").append(request.id()).append(",\"user\":\"").append(request.user())
                .append("\",\"path\":\"").append(PATHS[(int) (request.id() % PATHS.length)]).append("\",\"params\":{");
        request.params().forEach((k, v) -> json.append('"').append(k).append("\":\"").append(v).append("\","));
        json.append("\"items\":[");
        List<Map<String, Object>> items = new ArrayList<>();
        int itemCount = 5 + random.nextInt(30);
        for (int i = 0; i < itemCount; i++) {
            Map<String, Object> item = new HashMap<>();
            item.put("sku", "SKU-" + random.nextInt(1_000_000));
            item.put("price", random.nextInt(10_000) / 100.0);
            item.put("tags", List.of("t" + random.nextInt(50), "t" + random.nextInt(50)));
            items.add(item);
            json.append(item).append(',');
        }
        json.append("]}");
        byte[] response = json.toString().getBytes(StandardCharsets.UTF_8);
        // a response buffer sized like a rendered page; most requests are small, a few large
        byte[] buffer = new byte[32 * 1024
                + (random.nextInt(8) == 0 ? random.nextInt(1024 * 1024) : random.nextInt(192 * 1024))];
        System.arraycopy(response, 0, buffer, 0, Math.min(response.length, buffer.length));
        long checksum = 0;
        for (int i = 0; i < buffer.length; i += 512) {
            checksum = checksum * 31 + buffer[i];
        }
        return checksum + items.size() + request.body()[request.body().length - 1];
    }
}

package io.leakhound.fleet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The two calls of Prometheus' HTTP API that a fleet needs, {@code /api/v1/series} and
 * {@code /api/v1/query_range}, read with a streaming parser: a range query over a thousand instances is handed
 * on series by series and never held as one document. Requests are POSTed as forms (Prometheus accepts both),
 * so a long selector never meets a URL length limit.
 */
public final class PrometheusApi {

    /** Prometheus refuses a range query of more points than this per series. */
    public static final int MAX_POINTS_PER_SERIES = 11_000;

    private static final JsonFactory JSON = new JsonFactory();

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;
    /** The Authorization header of credentials given in the URL, or null. */
    private final String authorization;

    /** One range query's series, as they stream in. */
    @FunctionalInterface
    public interface SeriesSink {
        void accept(Map<String, String> labels, long[] millis, double[] values);
    }

    /**
     * @param base Prometheus' base URL; credentials in it ({@code https://user:secret@host}) are sent as HTTP basic
     *             authentication and never printed
     */
    public PrometheusApi(URI base, Duration timeout) {
        String userInfo = base.getRawUserInfo();
        this.authorization = userInfo == null ? null : "Basic " + java.util.Base64.getEncoder().encodeToString(
                java.net.URLDecoder.decode(userInfo, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        String s = withoutUserInfo(base).toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static URI withoutUserInfo(URI u) {
        if (u.getRawUserInfo() == null) {
            return u;
        }
        try {
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), u.getQuery(), u.getFragment());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + u.getHost(), e);
        }
    }

    /** The server's address as the user gave it, without credentials, for messages and reports. */
    public String address() {
        String s = base.toString();
        return s.substring(0, s.length() - 1);
    }

    /** The label sets of every series matching any of {@code matchers} between {@code start} and {@code end}. */
    public List<Map<String, String>> series(List<String> matchers, Instant start, Instant end) throws IOException {
        List<String> form = new ArrayList<>();
        for (String m : matchers) {
            form.add(param("match[]", m));
        }
        form.add(param("start", seconds(start)));
        form.add(param("end", seconds(end)));
        List<Map<String, String>> out = new ArrayList<>();
        post("api/v1/series", form, p -> {
            while (p.nextToken() == JsonToken.START_OBJECT) {
                out.add(labels(p));
            }
        });
        return out;
    }

    /** Runs a range query and hands each series of its matrix to {@code sink}, in the order they come. */
    public void queryRange(String query, Instant start, Instant end, Duration step, SeriesSink sink)
            throws IOException {
        List<String> form = List.of(param("query", query), param("start", seconds(start)),
                param("end", seconds(end)), param("step", Double.toString(step.toMillis() / 1000.0)));
        post("api/v1/query_range", form, p -> {
            while (p.nextToken() == JsonToken.START_OBJECT) {
                readSeries(p, sink);
            }
        });
    }

    /** Reads the array that {@code data} (or {@code data.result}) holds, the parser standing on its start. */
    private interface DataReader {
        void read(JsonParser onArray) throws IOException;
    }

    private void post(String path, List<String> form, DataReader data) throws IOException {
        URI uri = base.resolve(path);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", form)));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw new PrometheusException("cannot reach Prometheus at " + address() + ": connection refused");
        } catch (HttpTimeoutException e) {
            throw new PrometheusException("Prometheus at " + address() + " did not answer " + path + " within "
                    + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while querying " + address());
        } catch (IOException e) {
            throw new PrometheusException("cannot reach Prometheus at " + address() + ": " + e);
        }
        try (InputStream body = response.body(); JsonParser p = JSON.createParser(body)) {
            readEnvelope(p, response.statusCode(), path, data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PrometheusException(address() + "/" + path + " (HTTP " + response.statusCode()
                    + ") is not Prometheus' JSON at byte " + e.getLocation().getByteOffset() + ": "
                    + e.getOriginalMessage());
        }
    }

    /** {@code {"status": "success", "data": ...}} or {@code {"status": "error", "errorType": ..., "error": ...}}. */
    private void readEnvelope(JsonParser p, int status, String path, DataReader data) throws IOException {
        expect(p, JsonToken.START_OBJECT, "a JSON object");
        String error = null;
        String errorType = null;
        boolean sawData = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "data" -> {
                    if (status / 100 != 2) {
                        p.skipChildren();
                    } else {
                        // matrix results are wrapped in {"resultType": ..., "result": [...]}, series are not
                        if (p.currentToken() == JsonToken.START_OBJECT) {
                            readResult(p, data);
                        } else {
                            onArray(p, "the array of series");
                            data.read(p);
                        }
                        sawData = true;
                    }
                }
                case "error" -> error = p.getValueAsString();
                case "errorType" -> errorType = p.getValueAsString();
                default -> p.skipChildren();
            }
        }
        if (status / 100 != 2 || error != null) {
            throw new PrometheusException("Prometheus at " + address() + " answered " + path + " with HTTP " + status
                    + (errorType == null ? "" : " (" + errorType + ")") + (error == null ? "" : ": " + error));
        }
        if (!sawData) {
            throw new PrometheusException(address() + "/" + path + " answered without \"data\"");
        }
    }

    private static void readResult(JsonParser p, DataReader data) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("resultType")) {
                if (!"matrix".equals(p.getValueAsString())) {
                    throw new PrometheusException("expected a matrix result, got " + p.getValueAsString());
                }
            } else if (field.equals("result")) {
                onArray(p, "the result matrix");
                data.read(p);
            } else {
                p.skipChildren();
            }
        }
    }

    private static void readSeries(JsonParser p, SeriesSink sink) throws IOException {
        Map<String, String> labels = Map.of();
        long[] millis = new long[64];
        double[] values = new double[64];
        int n = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("metric")) {
                labels = labels(p);
            } else if (field.equals("values")) {
                while (p.nextToken() == JsonToken.START_ARRAY) {
                    p.nextToken();
                    double t = p.getDoubleValue();
                    p.nextToken();
                    double v = parseSample(p.getText());
                    p.nextToken(); // END_ARRAY
                    if (Double.isNaN(v) || Double.isInfinite(v)) {
                        continue;
                    }
                    if (n == millis.length) {
                        millis = Arrays.copyOf(millis, n * 2);
                        values = Arrays.copyOf(values, n * 2);
                    }
                    millis[n] = Math.round(t * 1000);
                    values[n] = v;
                    n++;
                }
            } else {
                p.skipChildren();
            }
        }
        sink.accept(labels, Arrays.copyOf(millis, n), Arrays.copyOf(values, n));
    }

    private static double parseSample(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static Map<String, String> labels(JsonParser p) throws IOException {
        Map<String, String> labels = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            labels.put(name, p.getValueAsString());
        }
        return labels;
    }

    private static void onArray(JsonParser p, String what) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new PrometheusException("expected " + what + " at byte " + p.currentLocation().getByteOffset()
                    + ", found " + p.currentToken());
        }
    }

    private static void expect(JsonParser p, JsonToken token, String what) throws IOException {
        JsonToken t = p.nextToken();
        if (t != token) {
            throw new PrometheusException("expected " + what + " at byte " + p.currentLocation().getByteOffset()
                    + ", found " + t);
        }
    }

    private static String param(String name, String value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String seconds(Instant t) {
        return Double.toString(t.toEpochMilli() / 1000.0);
    }

    /** A PromQL label-matcher list for a metric: {@code name{a="b",c=~"d"}}, with the selector's matchers. */
    static String selector(String metric, List<String> matchers) {
        StringJoiner j = new StringJoiner(",", metric + "{", "}");
        matchers.forEach(j::add);
        return j.toString();
    }
}

package io.leakhound.cli.watch;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Objects;

/**
 * A header added to every webhook POST ({@code --webhook-header 'Name: value'}), for a token or a tenant. Its
 * value is a secret as far as leakhound knows: {@link #toString()} never shows it.
 */
public record WebhookHeader(String name, String value) {

    public WebhookHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        try {
            // the JDK's client refuses some names (Host, Content-Length, Connection...): say so before the watch
            HttpRequest.newBuilder(URI.create("http://localhost/")).header(name, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("header '" + name + "' cannot be set: " + e.getMessage(), e);
        }
    }

    /**
     * Parses {@code Name: value} as given on the command line.
     *
     * @throws IllegalArgumentException naming what is wrong (no colon, no name, a name the client refuses)
     */
    public static WebhookHeader parse(String header) {
        Objects.requireNonNull(header, "header");
        int colon = header.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("header '" + redactedValue(header)
                    + "' is not 'Name: value' (expected a name, a colon, then the value)");
        }
        String name = header.substring(0, colon).trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("header ': …' has no name before its colon");
        }
        return new WebhookHeader(name, header.substring(colon + 1).trim());
    }

    /** What may be printed of a malformed header: its first characters only, never a whole token. */
    private static String redactedValue(String header) {
        return header.length() <= 4 ? header : header.substring(0, 4) + "…";
    }

    @Override
    public String toString() {
        return name + ": …";
    }
}

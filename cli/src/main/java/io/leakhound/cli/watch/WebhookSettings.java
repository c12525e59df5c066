package io.leakhound.cli.watch;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how a watch posts: {@code --webhook URL}, {@code --webhook-format}, {@code --webhook-header} and, for
 * PagerDuty, {@code --webhook-routing-key}. Checked when made, so that a bad option is refused before anything is
 * attached. The URL's user info, path and query often hold the secret (Slack's hook path, a token parameter):
 * messages show {@link #printableUrl()} only, never the URL itself, a header's value or the routing key.
 *
 * @param url        an http or https URL with a host
 * @param format     the shape of each POST
 * @param headers    added to every POST, after leakhound's own (so a {@code Content-Type} given here wins)
 * @param routingKey PagerDuty's integration key; required for {@link WebhookFormat#PAGERDUTY}, refused otherwise
 */
public record WebhookSettings(URI url, WebhookFormat format, List<WebhookHeader> headers, String routingKey) {

    public WebhookSettings {
        url = checked(url);
        Objects.requireNonNull(format, "format");
        headers = List.copyOf(headers);
        if (routingKey != null && routingKey.isBlank()) {
            routingKey = null;
        }
        if (format == WebhookFormat.PAGERDUTY && routingKey == null) {
            throw new IllegalArgumentException("the pagerduty format needs the integration's routing key:"
                    + " --webhook-routing-key KEY, or the environment variable LEAKHOUND_PAGERDUTY_ROUTING_KEY");
        }
        if (format != WebhookFormat.PAGERDUTY && routingKey != null) {
            throw new IllegalArgumentException("a routing key is only for --webhook-format pagerduty, not "
                    + format.name().toLowerCase(Locale.ROOT));
        }
    }

    /** leakhound's own JSON to that URL, with no extra header. */
    public static WebhookSettings json(URI url) {
        return new WebhookSettings(url, WebhookFormat.JSON, List.of(), null);
    }

    /**
     * Parses a URL as given on the command line.
     *
     * @throws IllegalArgumentException with a message naming the URL (printable part only) when it is not an
     *                                  http(s) URL with a host
     */
    public static URI parseUrl(String url) {
        Objects.requireNonNull(url, "url");
        try {
            return checked(new URI(url.trim()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("webhook URL is not a URL: " + e.getReason().replace(url, "…"), e);
        }
    }

    /** The URL as messages show it: scheme, host and port, the rest elided. */
    public String printableUrl() {
        return printable(url);
    }

    private static String printable(URI url) {
        StringBuilder s = new StringBuilder();
        if (url.getScheme() != null) {
            s.append(url.getScheme()).append("://");
        }
        s.append(url.getHost() == null ? "…" : url.getHost());
        if (url.getPort() >= 0) {
            s.append(':').append(url.getPort());
        }
        String path = url.getRawPath();
        if ((path != null && path.length() > 1) || url.getRawQuery() != null) {
            s.append("/…");
        }
        return s.toString();
    }

    private static URI checked(URI url) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("webhook URL '" + printable(url)
                    + "' must start with http:// or https://");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalArgumentException("webhook URL '" + printable(url) + "' has no host");
        }
        return url;
    }

    @Override
    public String toString() {
        return "WebhookSettings[" + printableUrl() + ", " + format + ", " + headers + "]";
    }
}

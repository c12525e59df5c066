package io.leakhound.cli.watch;

import io.leakhound.watch.WatchSink;
import io.leakhound.watch.WatchEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code watch --webhook URL}: POSTs alerts, captures and the final summary to a URL as {@code application/json},
 * by default each the same object as its {@code --json} line ({@link WatchJson}), or shaped for Slack,
 * Alertmanager or PagerDuty ({@link WebhookFormat}, {@link WebhookPayloads}), with the settings' extra headers.
 * Samples and findings are not sent: a webhook is for what a person or a pager should act on, and a sample every
 * few seconds would flood it. Messages name the URL by its {@link WebhookSettings#printableUrl() printable part}
 * only: its path, query and user info may hold the secret.
 *
 * <p>{@link #accept} never blocks: it puts the event on a bounded queue ({@value #DEFAULT_CAPACITY} events; when
 * full the oldest is dropped and counted), which one daemon thread drains. A delivery is retried on a connection
 * error, a timeout, 5xx and 429 ({@code 3} retries after 1 s, 2 s, 4 s); another 4xx is the receiver refusing the
 * body and is not retried. Each request times out after 5 s. {@link #close()} waits at most
 * {@link #CLOSE_WAIT} for the queue to drain; what was not delivered by then (dropped, refused, failed after
 * retries, still queued) is counted in {@link #undelivered()}.
 *
 * <p>Costs one thread and up to {@value #DEFAULT_CAPACITY} queued events (the summary being the largest, a few KB).
 */
public final class WebhookSink implements WatchSink {

    public static final int DEFAULT_CAPACITY = 1000;
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    /** The pauses before each retry. */
    public static final List<Duration> RETRY_DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(4));

    private final WebhookSettings settings;
    private final WebhookPayloads payloads;
    private final String printableUrl;
    private final HttpClient client;
    private final List<Duration> retryDelays;
    private final int capacity;
    private final Duration closeWait;
    /** The bodies to post, already shaped: an event is turned into its body once, on the watch's thread. */
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private final Thread sender;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile String lastProblem;
    private boolean closing;
    private long leftAtClose;

    /** A sink posting leakhound's own JSON to {@code url}, an http or https URL with a host. */
    public WebhookSink(URI url) {
        this(WebhookSettings.json(url), null);
    }

    /**
     * A sink posting as the settings say, about the process {@code origin} (required by every format but JSON).
     *
     * @param host    the name of this machine as receivers show it
     * @param pid     the watched process
     * @param command its command line, or null
     */
    public WebhookSink(WebhookSettings settings, String host, long pid, String command) {
        this(settings, new WebhookPayloads.Origin(host, pid, command));
    }

    private WebhookSink(WebhookSettings settings, WebhookPayloads.Origin origin) {
        // HTTP/1.1: an h2c upgrade offer on every POST confuses some plain receivers and gains nothing here
        this(new WebhookPayloads(settings, origin), HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(REQUEST_TIMEOUT).build(), RETRY_DELAYS, DEFAULT_CAPACITY, CLOSE_WAIT);
    }

    /** With its own client, retry pauses, queue size and close wait (tests use short ones). */
    WebhookSink(URI url, HttpClient client, List<Duration> retryDelays, int capacity, Duration closeWait) {
        this(new WebhookPayloads(WebhookSettings.json(url), null), client, retryDelays, capacity, closeWait);
    }

    WebhookSink(WebhookPayloads payloads, HttpClient client, List<Duration> retryDelays, int capacity,
                Duration closeWait) {
        this.payloads = Objects.requireNonNull(payloads, "payloads");
        this.settings = payloads.settings();
        this.printableUrl = settings.printableUrl();
        this.client = Objects.requireNonNull(client, "client");
        this.retryDelays = List.copyOf(retryDelays);
        if (capacity < 1) {
            throw new IllegalArgumentException("webhook queue capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.closeWait = Objects.requireNonNull(closeWait, "closeWait");
        this.sender = new Thread(this::drain, "leakhound-webhook");
        sender.setDaemon(true);
        sender.start();
    }

    /**
     * Parses a URL as given on the command line.
     *
     * @throws IllegalArgumentException with a message naming the URL when it is not an http(s) URL with a host
     * @see WebhookSettings#parseUrl(String)
     */
    public static URI parseUrl(String url) {
        return WebhookSettings.parseUrl(url);
    }

    @Override
    public void accept(WatchEvent event) {
        String body;
        try {
            body = payloads.body(event).orElse(null);
        } catch (RuntimeException e) {
            // a sink must never end the watch: the event is counted as not delivered
            lastProblem = printableUrl + ": the event could not be shaped for " + settings.format() + ": " + e;
            failed.incrementAndGet();
            return;
        }
        if (body == null) {
            return;
        }
        synchronized (queue) {
            if (closing) {
                leftAtClose++;
                return;
            }
            if (queue.size() >= capacity) {
                // the newest matters most (the latest level, the summary): the oldest gives way
                queue.pollFirst();
                dropped.incrementAndGet();
            }
            queue.addLast(body);
            queue.notifyAll();
        }
    }

    /**
     * Stops accepting, waits at most the close wait for the queue to be sent, then stops the sender; what was
     * not delivered is in {@link #undelivered()}. Never throws.
     */
    @Override
    public void close() {
        synchronized (queue) {
            if (closing) {
                return;
            }
            closing = true;
            queue.notifyAll();
        }
        try {
            sender.join(closeWait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
        try {
            // the sender notices the interrupt at its next pause or request; it then stops at once
            sender.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (queue) {
            leftAtClose += queue.size();
            queue.clear();
        }
    }

    /** Where and how this sink posts. */
    public WebhookSettings settings() {
        return settings;
    }

    /** Events delivered (answered 2xx or 3xx). */
    public long delivered() {
        return delivered.get();
    }

    /** Events dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Events not delivered: dropped when the queue was full, refused (4xx), failed after the retries, or still
     * queued when {@link #close()} gave up. Final once {@code close()} has returned.
     */
    public long undelivered() {
        synchronized (queue) {
            return dropped.get() + failed.get() + leftAtClose + (closing ? 0 : queue.size());
        }
    }

    /** What went wrong with the latest event not delivered (for the watch's closing message), or null. */
    public String lastProblem() {
        return lastProblem;
    }

    private void drain() {
        while (true) {
            String body;
            synchronized (queue) {
                while (queue.isEmpty() && !closing) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (queue.isEmpty()) {
                    return;
                }
                body = queue.pollFirst();
            }
            if (!send(body)) {
                if (Thread.currentThread().isInterrupted()) {
                    synchronized (queue) {
                        leftAtClose++;
                    }
                    return;
                }
                failed.incrementAndGet();
            }
        }
    }

    /** Posts one body with the retries; false when it was not delivered. */
    private boolean send(String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.url())
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "leakhound-watch");
        for (WebhookHeader h : settings.headers()) {
            builder.setHeader(h.name(), h.value());
        }
        HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofString(body)).build();
        for (int attempt = 0; ; attempt++) {
            String problem;
            try {
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status < 400) {
                    delivered.incrementAndGet();
                    return true;
                }
                problem = printableUrl + " answered " + status;
                if (status != 429 && status < 500) {
                    lastProblem = problem + " (not retried: the receiver refuses the request)";
                    return false;
                }
            } catch (IOException e) {
                problem = printableUrl + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            } catch (RuntimeException e) {
                // the client refusing the request itself (a bad header, a closed client): retrying cannot help,
                // and the sender thread must survive for the next event
                lastProblem = printableUrl + ": " + e.getClass().getSimpleName();
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lastProblem = printableUrl + ": the watch ended before delivery";
                return false;
            }
            if (attempt >= retryDelays.size()) {
                lastProblem = problem + " (after " + attempt + " retries)";
                return false;
            }
            try {
                Thread.sleep(retryDelays.get(attempt).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lastProblem = problem + " (the watch ended before the retry)";
                return false;
            }
        }
    }
}

package io.leakhound.cli.watch;

import io.leakhound.watch.WatchSink;
import io.leakhound.watch.WatchEvent;
import java.io.PrintWriter;
import java.util.Objects;

/**
 * {@code watch --json}: every event as one JSON object on one line ({@link WatchJson}), flushed at once so that a
 * reader of the pipe ({@code jq}, a log shipper) sees each event when it happens. Costs one small tree and one
 * write per event; safe to call from the sampling and the capture thread at once (lines never interleave).
 */
public final class JsonLinesSink implements WatchSink {

    private final PrintWriter out;

    public JsonLinesSink(PrintWriter out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void accept(WatchEvent event) {
        String line = WatchJson.line(event);
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    @Override
    public void close() {
        synchronized (out) {
            out.flush();
        }
    }
}

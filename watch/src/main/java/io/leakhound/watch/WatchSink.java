package io.leakhound.watch;

/**
 * Where a watch's events go. {@link #accept} is called on the sampling thread (and on the capture thread for
 * captures), so it must return quickly: a sink that does slow work (a webhook) queues it.
 */
public interface WatchSink extends AutoCloseable {

    void accept(WatchEvent event);

    /** Flushes what is pending, within a bounded time; never throws. */
    @Override
    void close();
}

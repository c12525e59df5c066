package io.leakhound.testing;

/**
 * The bytes a synthetic service really keeps alive at each moment: the truth that a GC log only shows
 * through the heap after collections. Values for tests; JDK only.
 */
@FunctionalInterface
public interface LiveSet {

    /** Live bytes at {@code seconds} since the start. */
    double bytesAt(double seconds);

    static LiveSet constant(long bytes) {
        return s -> bytes;
    }

    /** Grows by {@code bytesPerSecond} from the start: a leak. */
    static LiveSet linear(long startBytes, double bytesPerSecond) {
        return s -> startBytes + bytesPerSecond * s;
    }

    /** Flat until {@code onsetSeconds}, then grows by {@code bytesPerSecond}: a leak that starts late. */
    static LiveSet lateOnset(long startBytes, double onsetSeconds, double bytesPerSecond) {
        return s -> startBytes + bytesPerSecond * Math.max(0, s - onsetSeconds);
    }

    /** Approaches {@code startBytes + growthBytes} with time constant {@code tauSeconds}: a cache filling up. */
    static LiveSet saturating(long startBytes, long growthBytes, double tauSeconds) {
        return s -> startBytes + growthBytes * (1 - Math.exp(-s / tauSeconds));
    }

    /** Grows linearly for {@code rampSeconds}, then stays: a warm-up. */
    static LiveSet warmUp(long startBytes, long growthBytes, double rampSeconds) {
        return s -> startBytes + growthBytes * Math.min(1, s / rampSeconds);
    }

    /** Holds {@code spikeBytes} more for {@code widthSeconds} out of every {@code periodSeconds}: load spikes. */
    static LiveSet spikes(long baseBytes, long spikeBytes, double periodSeconds, double widthSeconds) {
        return s -> baseBytes + (s % periodSeconds < widthSeconds ? spikeBytes : 0);
    }
}

package io.leakhound.demo;

import java.time.Duration;
import java.util.Locale;

/**
 * How the demo service runs: its mode, request rate, run time and leak rate.
 *
 * @param mode               the behaviour to exhibit
 * @param requestsPerSecond  simulated requests handled per second, across all workers
 * @param workers            size of the request thread pool
 * @param duration           how long the service runs before it exits on its own
 * @param leakBytesPerSecond what a leaking mode retains per second (the fill rate of nothing else)
 * @param leakStart          how long after start the leak begins
 * @param cacheKeySpace      {@code BOUNDED_CACHE}'s key space as a multiple of its capacity (above 1 it evicts)
 */
record ServiceSettings(DemoMode mode, int requestsPerSecond, int workers, Duration duration,
        long leakBytesPerSecond, Duration leakStart, double cacheKeySpace) {

    /** Retains 400 KB/s: a 256 MB heap shows clear growth within 60 to 150 s without running out. */
    static final long DEFAULT_LEAK_BYTES_PER_SECOND = 400L * 1024;
    static final int DEFAULT_REQUESTS_PER_SECOND = 300;
    static final int DEFAULT_WORKERS = 4;
    static final Duration DEFAULT_DURATION = Duration.ofMinutes(10);

    static final String USAGE = "usage: DemoService --mode NAME [--rate REQUESTS_PER_SECOND] [--workers N]"
            + " [--duration 150s] [--leak-rate 400k] [--leak-start 30s] [--cache-key-space 1.01]";

    ServiceSettings {
        if (requestsPerSecond < 1 || requestsPerSecond > 100_000) {
            throw new IllegalArgumentException("--rate must be between 1 and 100000 requests/s, got " + requestsPerSecond);
        }
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("--workers must be between 1 and 64, got " + workers);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--duration must be positive, got " + duration);
        }
        if (leakBytesPerSecond < 0 || leakBytesPerSecond > 64L * 1024 * 1024) {
            throw new IllegalArgumentException("--leak-rate must be between 0 and 64m bytes/s, got " + leakBytesPerSecond);
        }
        if (!(cacheKeySpace >= 1 && cacheKeySpace <= 100)) {
            throw new IllegalArgumentException("--cache-key-space must be between 1 and 100, got " + cacheKeySpace);
        }
        if (leakStart.isNegative()) {
            throw new IllegalArgumentException("--leak-start must not be negative, got " + leakStart);
        }
    }

    /** Bytes a leaking mode retains per request, so that the requests of one second retain the leak rate. */
    long leakBytesPerRequest() {
        return leakBytesPerSecond / requestsPerSecond;
    }

    static ServiceSettings parse(String[] args) {
        DemoMode mode = null;
        int rate = DEFAULT_REQUESTS_PER_SECOND;
        int workers = DEFAULT_WORKERS;
        Duration duration = DEFAULT_DURATION;
        long leakRate = DEFAULT_LEAK_BYTES_PER_SECOND;
        Duration leakStart = Duration.ZERO;
        double cacheKeySpace = ModeBehaviour.BoundedCache.DEFAULT_KEY_SPACE;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value; " + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--mode" -> mode = DemoMode.parse(value);
                case "--rate" -> rate = parseInt(option, value);
                case "--workers" -> workers = parseInt(option, value);
                case "--duration" -> duration = parseDuration(value);
                case "--leak-rate" -> leakRate = parseBytes(value);
                case "--leak-start" -> leakStart = parseDuration(value);
                case "--cache-key-space" -> cacheKeySpace = parseDouble(option, value);
                default -> throw new IllegalArgumentException("unknown option " + option + "; " + USAGE);
            }
        }
        if (mode == null) {
            throw new IllegalArgumentException("--mode is required; " + USAGE);
        }
        return new ServiceSettings(mode, rate, workers, duration, leakRate, leakStart, cacheKeySpace);
    }

    private static int parseInt(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a whole number, got '" + value + "'", e);
        }
    }

    private static double parseDouble(String option, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a number, got '" + value + "'", e);
        }
    }

    /** Parses {@code 300k}, {@code 2.5m}, {@code 1g} or a plain byte count (binary multiples). */
    static long parseBytes(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        long multiplier = 1;
        if (value.endsWith("b")) {
            value = value.substring(0, value.length() - 1);
        }
        if (value.endsWith("k")) {
            multiplier = 1024;
        } else if (value.endsWith("m")) {
            multiplier = 1024 * 1024;
        } else if (value.endsWith("g")) {
            multiplier = 1024L * 1024 * 1024;
        }
        if (multiplier != 1) {
            value = value.substring(0, value.length() - 1);
        }
        try {
            return Math.round(Double.parseDouble(value) * multiplier);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a byte count such as 300k or 2.5m, got '" + text + "'", e);
        }
    }

    /** Parses {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or plain seconds. */
    static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            double seconds;
            if (value.endsWith("s")) {
                seconds = Double.parseDouble(value.substring(0, value.length() - 1));
            } else if (value.endsWith("m")) {
                seconds = Double.parseDouble(value.substring(0, value.length() - 1)) * 60;
            } else if (value.endsWith("h")) {
                seconds = Double.parseDouble(value.substring(0, value.length() - 1)) * 3600;
            } else {
                seconds = Double.parseDouble(value);
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a duration such as 30s, 2m or 500ms, got '" + text + "'", e);
        }
    }
}

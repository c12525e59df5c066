package io.leakhound.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

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
 * @param cacheCapacityBytes {@code BOUNDED_CACHE}'s capacity (a small one fills within seconds, for tests)
 * @param heapDumpTimes      elapsed times at which the service dumps its heap, increasing; empty for none
 * @param heapDumpDir        where the dumps go ({@code heap-1.hprof}, {@code heap-2.hprof}...); null when
 *                           no dumps are scheduled
 */
record ServiceSettings(DemoMode mode, int requestsPerSecond, int workers, Duration duration,
        long leakBytesPerSecond, Duration leakStart, double cacheKeySpace, long cacheCapacityBytes,
        List<Duration> heapDumpTimes, Path heapDumpDir) {

    /** Retains 400 KB/s: a 256 MB heap shows clear growth within 60 to 150 s without running out. */
    static final long DEFAULT_LEAK_BYTES_PER_SECOND = 400L * 1024;
    static final int DEFAULT_REQUESTS_PER_SECOND = 300;
    static final int DEFAULT_WORKERS = 4;
    static final Duration DEFAULT_DURATION = Duration.ofMinutes(10);

    /** The largest {@code --cache-capacity}: a quarter of the default 256 MB heap. */
    static final long MAX_CACHE_CAPACITY_BYTES = 64L * 1024 * 1024;

    static final String USAGE = "usage: DemoService --mode NAME [--rate REQUESTS_PER_SECOND] [--workers N]"
            + " [--duration 150s] [--leak-rate 400k] [--leak-start 30s] [--cache-key-space 1.01]"
            + " [--cache-capacity 32m] [--heap-dump-at 20s,70s --heap-dump-dir DIR]";

    /** Settings without scheduled heap dumps and with the default cache capacity. */
    ServiceSettings(DemoMode mode, int requestsPerSecond, int workers, Duration duration, long leakBytesPerSecond,
            Duration leakStart, double cacheKeySpace) {
        this(mode, requestsPerSecond, workers, duration, leakBytesPerSecond, leakStart, cacheKeySpace,
                ModeBehaviour.BoundedCache.DEFAULT_CAPACITY_BYTES, List.of(), null);
    }

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
        if (cacheCapacityBytes < ModeBehaviour.BoundedCache.ENTRY_BYTES || cacheCapacityBytes > MAX_CACHE_CAPACITY_BYTES) {
            throw new IllegalArgumentException("--cache-capacity must be between " + ModeBehaviour.BoundedCache.ENTRY_BYTES
                    + " bytes (one entry) and 64m, got " + cacheCapacityBytes);
        }
        heapDumpTimes = List.copyOf(heapDumpTimes);
        Duration previous = Duration.ZERO;
        for (Duration time : heapDumpTimes) {
            if (time.compareTo(previous) <= 0) {
                throw new IllegalArgumentException("--heap-dump-at times must be positive and increasing, got "
                        + millis(heapDumpTimes));
            }
            if (time.compareTo(duration) > 0) {
                throw new IllegalArgumentException("--heap-dump-at " + time.toMillis() + "ms is after the end of the run (--duration "
                        + duration.toMillis() + "ms)");
            }
            previous = time;
        }
        if (!heapDumpTimes.isEmpty() && heapDumpDir == null) {
            throw new IllegalArgumentException("--heap-dump-at needs --heap-dump-dir DIR to say where the dumps go");
        }
        if (heapDumpTimes.isEmpty() && heapDumpDir != null) {
            throw new IllegalArgumentException("--heap-dump-dir " + heapDumpDir + " is given but no --heap-dump-at times");
        }
    }

    private static String millis(List<Duration> times) {
        return times.stream().map(time -> time.toMillis() + "ms").collect(Collectors.joining(","));
    }

    /** Where the {@code index}-th dump (from 1) goes: {@code heap-1.hprof}, {@code heap-2.hprof}... */
    Path heapDumpFile(int index) {
        return heapDumpDir.toAbsolutePath().resolve("heap-" + index + ".hprof");
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
        long cacheCapacity = ModeBehaviour.BoundedCache.DEFAULT_CAPACITY_BYTES;
        List<Duration> heapDumpTimes = List.of();
        Path heapDumpDir = null;
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
                case "--cache-capacity" -> cacheCapacity = parseBytes(value);
                case "--heap-dump-at" -> heapDumpTimes = parseDurations(value);
                case "--heap-dump-dir" -> heapDumpDir = Path.of(value).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + option + "; " + USAGE);
            }
        }
        if (mode == null) {
            throw new IllegalArgumentException("--mode is required; " + USAGE);
        }
        return new ServiceSettings(mode, rate, workers, duration, leakRate, leakStart, cacheKeySpace, cacheCapacity,
                heapDumpTimes, heapDumpDir);
    }

    /** Parses a comma-separated list of durations, {@code 20s,70s}, each as {@link #parseDuration(String)}. */
    static List<Duration> parseDurations(String text) {
        List<Duration> times = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("expected durations separated by commas such as 20s,70s, got '" + text + "'");
            }
            times.add(parseDuration(part));
        }
        return times;
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

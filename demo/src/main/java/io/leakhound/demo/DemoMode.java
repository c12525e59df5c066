package io.leakhound.demo;

/**
 * The demo service's behaviours: seven leak patterns seen in the field and four kinds of healthy memory use
 * that naive tools mistake for leaks. Each mode names the resource its leak (if any) exhausts.
 */
public enum DemoMode {
    /** A listener capturing request data is registered on a static event bus per request and never removed. */
    LISTENER_LEAK(true, "heap"),
    /** A memo cache in a static map keyed by ever-new keys. */
    UNBOUNDED_CACHE(true, "heap"),
    /** Closures capturing request payloads are kept in a long-lived list. */
    CLOSURE_LIST(true, "heap"),
    /** A ThreadLocal list in the pooled request threads, appended to per request and never cleared. */
    THREADLOCAL_LEAK(true, "heap"),
    /** "Plugins" reloaded into new class loaders that stay in a registry: metaspace grows. */
    CLASSLOADER_LEAK(true, "metaspace"),
    /** An executor per job, never shut down: threads accumulate (bounded so the demo cannot harm the machine). */
    THREAD_LEAK(true, "threads"),
    /** Direct byte buffers kept in a list and never released: native memory grows, the heap barely. */
    DIRECT_BUFFER_LEAK(true, "direct"),
    /** An LRU cache (LinkedHashMap with removeEldestEntry): fills to its bound, then stays. */
    BOUNDED_CACHE(false, "heap"),
    /** Periodic bursts that retain a lot for a few seconds, then release it. */
    LOAD_SPIKES(false, "heap"),
    /** Loads a large data set during the first 30 seconds, then stays flat. */
    WARMUP(false, "heap"),
    /** Only short-lived garbage. */
    STEADY_CHURN(false, "heap");

    private final boolean leaks;
    private final String resource;

    DemoMode(boolean leaks, String resource) {
        this.leaks = leaks;
        this.resource = resource;
    }

    /** Whether memory retained by this mode grows without bound while the service runs. */
    public boolean leaks() {
        return leaks;
    }

    /** The resource this mode grows or exercises: {@code heap}, {@code metaspace}, {@code threads} or {@code direct}. */
    public String resource() {
        return resource;
    }

    /** The mode as people type it: {@code listener-leak}. */
    public String displayName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The mode named {@code name}, ignoring case and accepting {@code -} for {@code _}. */
    public static DemoMode parse(String name) {
        String normalized = name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (DemoMode mode : values()) {
            if (mode.name().equals(normalized)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown demo mode '" + name + "'; expected one of "
                + java.util.Arrays.stream(values()).map(DemoMode::displayName)
                        .collect(java.util.stream.Collectors.joining(", ")));
    }
}

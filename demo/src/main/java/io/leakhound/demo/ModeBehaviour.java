package io.leakhound.demo;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * What a {@link DemoMode} retains from the requests it sees. Implementations are called concurrently by
 * the request workers; each keeps its structure reachable from the service (a static root while the service
 * runs), exactly as the leak patterns they imitate do.
 */
interface ModeBehaviour {

    /**
     * Sees one request.
     *
     * @param request    the request, freshly allocated
     * @param elapsedNanos time since the service started (drives warm-up and spikes)
     * @param leakBytes  what a leaking mode should retain for this request; 0 before the leak starts
     */
    void onRequest(Request request, long elapsedNanos, long leakBytes);

    /** Called about once a second by the service's main thread (an event bus publishes, for example). */
    default void onTick(long elapsedNanos) {
    }

    /** How many items the mode's structure holds now (listeners, entries, class loaders, threads...). */
    long retainedItems();

    /** Releases what can be released (threads) when the service stops; the default does nothing. */
    default void close() {
    }

    static ModeBehaviour create(DemoMode mode) {
        return create(mode, BoundedCache.DEFAULT_KEY_SPACE, BoundedCache.DEFAULT_CAPACITY_BYTES);
    }

    /**
     * The behaviour of {@code mode}; {@code cacheKeySpace} and {@code cacheCapacityBytes} shape
     * {@code BOUNDED_CACHE} (see {@link BoundedCache}).
     */
    static ModeBehaviour create(DemoMode mode, double cacheKeySpace, long cacheCapacityBytes) {
        return switch (mode) {
            case LISTENER_LEAK -> new ListenerLeak();
            case UNBOUNDED_CACHE -> new UnboundedCache();
            case CLOSURE_LIST -> new ClosureList();
            case THREADLOCAL_LEAK -> new ThreadLocalLeak();
            case CLASSLOADER_LEAK -> new ClassLoaderLeak();
            case THREAD_LEAK -> new ThreadLeak(ThreadLeak.MAX_THREADS);
            case DIRECT_BUFFER_LEAK -> new DirectBufferLeak();
            case BOUNDED_CACHE -> new BoundedCache(cacheCapacityBytes, cacheKeySpace);
            case LOAD_SPIKES -> new LoadSpikes();
            case WARMUP -> new Warmup();
            case STEADY_CHURN -> new SteadyChurn();
        };
    }

    /** A copy of part of the request body, padded to {@code size} bytes: what a leak captures. */
    private static byte[] capture(Request request, long size) {
        byte[] copy = new byte[(int) Math.min(size, 16 * 1024 * 1024)];
        System.arraycopy(request.body(), 0, copy, 0, Math.min(copy.length, request.body().length));
        return copy;
    }

    /** A static-style event bus; listeners are added per request and nobody ever removes them. */
    final class ListenerLeak implements ModeBehaviour {
        private final List<Consumer<String>> listeners = new ArrayList<>();
        private final AtomicLong delivered = new AtomicLong();

        @Override
        public void onRequest(Request request, long elapsedNanos, long leakBytes) {
            if (leakBytes <= 0) {
                return;
            }
            byte[] context = capture(request, leakBytes);
            String user = request.user();
            long id = request.id();
            Consumer<String> listener = event -> {
                if (event.startsWith(user) || event.hashCode() == id) {
                    delivered.addAndGet(context.length);
                }
            };
            synchronized (listeners) {
                listeners.add(listener);
            }
        }

        @Override
        public void onTick(long elapsedNanos) {
            // the bus publishes to every listener, so the leak also costs more CPU over time, as in the field
            synchronized (listeners) {
                String event = "alice:config-changed@" + elapsedNanos;
                for (Consumer<String> listener : listeners) {
                    listener.accept(event);
                }
            }
        }

        @Override
        public long retainedItems() {
            synchronized (listeners) {
                return listeners.size();
            }
        }
    }

    /** A memo cache keyed by something unique per request (the id slipped into the key), never evicted. */
    final class UnboundedCache implements ModeBehaviour {
        private final Map<String, byte[]> memo = new HashMap<>();

        @Override
        public void onRequest(Request request, long elapsedNanos, long leakBytes) {
            if (leakBytes <= 0) {
                return;
            }
            String key = request.user() + "|" + request.params().getOrDefault("p0", "") + "|" + request.id();
            synchronized (memo) {
                memo.computeIfAbsent(key, k -> capture(request, leakBytes));
            }
        }

        @Override
        public long retainedItems() {
            synchronized (memo) {
                return memo.size();
            }
        }
    }

    /** Retry callbacks capturing the request payload, queued in a list that is never drained. */
    final class ClosureList implements ModeBehaviour {
        private final List<IntSupplier> retries = new ArrayList<>();

        @Override
        public void onRequest(Request request, long elapsedNanos, long leakBytes) {
            if (leakBytes <= 0) {
                return;
            }
            byte[] payload = capture(request, leakBytes);
            Map<String, String> params = request.params();
            IntSupplier retry = () -> payload.length + params.size();
            synchronized (retries) {
                retries.add(retry);
            }
        }

        @Override
        public long retainedItems() {
            synchronized (retries) {
                return retries.size();
            }
        }
    }

    /** A per-thread request log in a ThreadLocal of the pooled workers: appended to, never cleared. */
    final class ThreadLocalLeak implements ModeBehaviour {
        private final ThreadLocal<List<byte[]>> requestLog = ThreadLocal.withInitial(ArrayList::new);
        private final AtomicLong appended = new AtomicLong();

        @Override
        public void onRequest(Request request, long elapsedNanos, long leakBytes) {
            if (leakBytes <= 0) {
                return;
            }
            requestLog.get().add(capture(request, leakBytes));
            appended.incrementAndGet();
        }

        @Override
        public long retainedItems() {
            return appended.get();
        }
    }

    /**
     * Reloads a plugin into a new class loader whenever the leak budget allows and keeps every loaded
     * version in a registry, so every class loader and its metaspace stay alive.
     */
    final class ClassLoaderLeak implements ModeBehaviour {
        /**
         * Leak budget per reload: a loader's metaspace (its class, constant pool and arena; measured at about
         * 2.5 KB on JDK 17) plus a little heap for the loader and its instance.
         */
        static final long BYTES_PER_RELOAD = 3 * 1024;
        private final Map<String, Runnable> registry = new HashMap<>();
        private final AtomicLong budget = new AtomicLong();
        private final AtomicLong versions = new AtomicLong();

        @Override
        public void onRequest(Request request, long elapsedNanos, long leakBytes) {
            if (leakBytes <= 0 || budget.addAndGet(leakBytes) < BYTES_PER_RELOAD) {
                return;
            }
            budget.addAndGet(-BYTES_PER_RELOAD);
            Runnable plugin = PluginLoader.loadPlugin(ModeBehaviour.class.getClassLoader());
            plugin.run();
            synchronized (registry) {
                registry.put("plugin-v" + versions.incrementAndGet(), plugin);
            }
        }

        @Override
        public long retainedItems() {
            synchronized (registry) {
                return registry.size();
            }
        }
    }

    /**
     * Starts an executor per job and never shuts it down: its thread waits forever and keeps the job's
     * context alive. Bounded at {@link #MAX_THREADS} so the demo cannot exhaust the machine.
     */
    final class ThreadLeak implements ModeBehaviour {
        static final int MAX_THREADS = 2000;
        /** Leak budget per thread: its touched stack and bookkeeping, plus the context its job keeps. */
        static final long BYTES_PER_THREAD = 128 * 1024;
        static final int CONTEXT_BYTES = 16 * 1024;
        private final int maxThreads;
        private final List<ExecutorService> jobs = new ArrayList<>();
        private final AtomicLong budget = new AtomicLong();

        ThreadLeak(int maxThreads) {
            this.maxThreads = maxThreads;
        }

        @Override
        public void onRequest(Request request, long elapsedNanos, long leakBytes) {
            if (leakBytes <= 0 || budget.addAndGet(leakBytes) < BYTES_PER_THREAD) {
                return;
            }
            budget.addAndGet(-BYTES_PER_THREAD);
            synchronized (jobs) {
                if (jobs.size() >= maxThreads) {
                    return;
                }
                ExecutorService job = Executors.newSingleThreadExecutor(task -> {
                    Thread thread = new Thread(task, "job-" + request.id());
                    thread.setDaemon(true);
                    return thread;
                });
                byte[] context = capture(request, CONTEXT_BYTES);
                ThreadLocal<byte[]> jobContext = new ThreadLocal<>();
                job.execute(() -> jobContext.set(context));
                jobs.add(job);
            }
        }

        @Override
        public long retainedItems() {
            synchronized (jobs) {
                return jobs.size();
            }
        }

        @Override
        public void close() {
            synchronized (jobs) {
                jobs.forEach(ExecutorService::shutdownNow);
            }
        }
    }

    /** Direct buffers allocated per request (an I/O staging buffer) and kept in a list. */
    final class DirectBufferLeak implements ModeBehaviour {
        private final List<ByteBuffer> buffers = new ArrayList<>();

        @Override
        public void onRequest(Request request, long elapsedNanos, long leakBytes) {
            if (leakBytes <= 0) {
                return;
            }
            ByteBuffer buffer = ByteBuffer.allocateDirect((int) Math.min(leakBytes, 16 * 1024 * 1024));
            buffer.put(request.body(), 0, Math.min(buffer.capacity(), request.body().length));
            synchronized (buffers) {
                buffers.add(buffer);
            }
        }

        @Override
        public long retainedItems() {
            synchronized (buffers) {
                return buffers.size();
            }
        }
    }

    /**
     * An LRU cache of rendered fragments: each request looks up a few keys drawn uniformly from a key space of
     * {@code keySpace} times the capacity and fills misses. At 300 requests/s it fills with a time constant of
     * about 14 s (95 % after 40 s). With the default key space (1.01) it then hits 99 % of the time and
     * evicts little; with a larger one (2.0: half the lookups miss) it evicts about 1.2 MB/s of entries that
     * were promoted first, so the old generation fills with garbage until an old collection cleans it.
     */
    final class BoundedCache implements ModeBehaviour {
        static final long DEFAULT_CAPACITY_BYTES = 32L * 1024 * 1024;
        static final double DEFAULT_KEY_SPACE = 1.01;
        static final int ENTRY_BYTES = 2 * 1024;
        static final int LOOKUPS_PER_REQUEST = 4;
        private final int capacity;
        private final long keySpace;
        private final Map<Long, byte[]> lru;

        BoundedCache(long capacityBytes, double keySpaceFactor) {
            if (!(keySpaceFactor >= 1 && keySpaceFactor <= 100)) {
                throw new IllegalArgumentException("cache key space must be 1 to 100 times the capacity, got "
                        + keySpaceFactor);
            }
            this.capacity = (int) (capacityBytes / ENTRY_BYTES);
            this.keySpace = Math.round(capacity * keySpaceFactor);
            this.lru = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
                    return size() > capacity;
                }
            };
        }

        @Override
        public void onRequest(Request request, long elapsedNanos, long leakBytes) {
            for (int i = 0; i < LOOKUPS_PER_REQUEST; i++) {
                long key = Math.floorMod(scramble(request.id() * LOOKUPS_PER_REQUEST + i), keySpace);
                synchronized (lru) {
                    if (lru.get(key) == null) {
                        lru.put(key, capture(request, ENTRY_BYTES));
                    }
                }
            }
        }

        int capacity() {
            return capacity;
        }

        /**
         * Murmur3's 64-bit finaliser: uniform keys. (A Weyl sequence such as {@code id * golden ratio} would
         * scan the key space cyclically, LRU's worst case, and every lookup would miss.)
         */
        private static long scramble(long x) {
            x = (x ^ (x >>> 33)) * 0xFF51AFD7ED558CCDL;
            x = (x ^ (x >>> 33)) * 0xC4CEB9FE1A85EC53L;
            return x ^ (x >>> 33);
        }

        @Override
        public long retainedItems() {
            synchronized (lru) {
                return lru.size();
            }
        }
    }

    /**
     * Every {@link #PERIOD_SECONDS} s a burst (a batch job, a traffic peak) retains about
     * {@link #SPIKE_BYTES} over {@link #BURST_SECONDS} s, holds it a few seconds and releases it all.
     */
    final class LoadSpikes implements ModeBehaviour {
        static final long PERIOD_SECONDS = 30;
        static final long FIRST_SPIKE_SECONDS = 10;
        static final long BURST_SECONDS = 6;
        static final long RELEASE_SECONDS = 10;
        static final long SPIKE_BYTES = 48L * 1024 * 1024;
        static final int CHUNK_BYTES = 16 * 1024;
        private final List<byte[]> inFlight = new ArrayList<>();
        private long chunksThisSpike;

        @Override
        public void onRequest(Request request, long elapsedNanos, long leakBytes) {
            long seconds = elapsedNanos / 1_000_000_000L - FIRST_SPIKE_SECONDS;
            if (seconds < 0) {
                return;
            }
            long phase = seconds % PERIOD_SECONDS;
            synchronized (inFlight) {
                if (phase < BURST_SECONDS) {
                    // the burst may be reached by fewer requests than planned; allocate up to the spike size
                    if ((chunksThisSpike + 1) * CHUNK_BYTES <= SPIKE_BYTES) {
                        int chunks = (int) Math.min(8, SPIKE_BYTES / CHUNK_BYTES - chunksThisSpike);
                        for (int i = 0; i < chunks; i++) {
                            inFlight.add(capture(request, CHUNK_BYTES));
                        }
                        chunksThisSpike += chunks;
                    }
                } else if (phase >= RELEASE_SECONDS) {
                    inFlight.clear();
                    chunksThisSpike = 0;
                }
            }
        }

        @Override
        public long retainedItems() {
            synchronized (inFlight) {
                return inFlight.size();
            }
        }
    }

    /** Loads a reference data set of {@link #DATA_SET_BYTES} over the first {@link #WARMUP_SECONDS} s, then reads it. */
    final class Warmup implements ModeBehaviour {
        static final long WARMUP_SECONDS = 30;
        static final long DATA_SET_BYTES = 64L * 1024 * 1024;
        static final int CHUNK_BYTES = 8 * 1024;
        private final Map<Integer, byte[]> dataSet = new HashMap<>();
        private final long chunks = DATA_SET_BYTES / CHUNK_BYTES;

        @Override
        public void onRequest(Request request, long elapsedNanos, long leakBytes) {
            long target = Math.min(chunks, chunks * elapsedNanos / (WARMUP_SECONDS * 1_000_000_000L));
            synchronized (dataSet) {
                // load whatever the elapsed time says should be loaded by now, at most a few chunks per request
                for (int i = 0; i < 16 && dataSet.size() < target; i++) {
                    dataSet.put(dataSet.size(), capture(request, CHUNK_BYTES));
                }
                byte[] row = dataSet.get((int) (request.id() % Math.max(1, dataSet.size())));
                if (row != null && row.length != CHUNK_BYTES) {
                    throw new IllegalStateException("corrupt reference row");
                }
            }
        }

        @Override
        public long retainedItems() {
            synchronized (dataSet) {
                return dataSet.size();
            }
        }
    }

    /** Retains nothing: only the request churn. */
    final class SteadyChurn implements ModeBehaviour {
        @Override
        public void onRequest(Request request, long elapsedNanos, long leakBytes) {
            // nothing survives the request
        }

        @Override
        public long retainedItems() {
            return 0;
        }
    }
}

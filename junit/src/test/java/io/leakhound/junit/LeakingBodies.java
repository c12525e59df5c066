package io.leakhound.junit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** Code paths that keep about 1 KiB or more per call, each in a holder a person would have to fix. */
final class LeakingBodies {

    private LeakingBodies() {
    }

    /** Keeps a 1 KiB array per call in a static list. */
    static final class Cache {
        static final List<byte[]> ENTRIES = new ArrayList<>();

        static void remember() {
            ENTRIES.add(new byte[1024]);
        }
    }

    /** An order with a 1 KiB note, as a listener would capture it. */
    record Order(long id, String note) {
        static Order next(long id) {
            return new Order(id, "x".repeat(1000) + id);
        }
    }

    /** Registers a lambda per call that captures the order, and never unregisters it. */
    static final class EventBus {
        static final EventBus INSTANCE = new EventBus();
        private final List<Consumer<String>> listeners = new ArrayList<>();
        private long sequence;

        void register(Consumer<String> listener) {
            listeners.add(listener);
        }

        void clear() {
            listeners.clear();
        }

        /** A listener that captures a 1,200-byte array directly. */
        static void subscribeWithPayload() {
            byte[] payload = new byte[1200];
            INSTANCE.register(event -> payload.clone());
        }

        static void subscribeForOrder() {
            Order order = Order.next(INSTANCE.sequence++);
            INSTANCE.register(event -> order.note().length());
        }
    }

    /** A map keyed by ever-new request ids whose entries are never removed. */
    static final class Sessions {
        static final Map<String, char[]> BY_REQUEST = new HashMap<>();
        private static long requests;

        static void open() {
            BY_REQUEST.put("request-" + requests++, new char[600]);
        }
    }

    /** Tasks on a two-thread pool that append to a ThreadLocal list and never clear it. */
    static final class PooledBuffers {
        private static final Queue<StringBuilder> LOGS = new ConcurrentLinkedQueue<>();
        private static final ThreadLocal<StringBuilder> LOG = ThreadLocal.withInitial(() -> {
            StringBuilder log = new StringBuilder();
            LOGS.add(log);
            return log;
        });
        /** Every pool thread's list, so that a test can empty them. */
        private static final Queue<List<byte[]>> ALL = new ConcurrentLinkedQueue<>();
        private static final ThreadLocal<List<byte[]>> BUFFERS = ThreadLocal.withInitial(() -> {
            List<byte[]> list = Collections.synchronizedList(new ArrayList<>());
            ALL.add(list);
            return list;
        });
        static final ExecutorService POOL = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "pooled-buffers");
            t.setDaemon(true);
            return t;
        });

        /** Empties the list of each pool thread. */
        static void clear() {
            ALL.forEach(List::clear);
            LOGS.forEach(log -> {
                log.setLength(0);
                log.trimToSize();
            });
        }

        /** Appends a kilobyte to the pool thread's log, which is never cleared: one buffer that doubles. */
        static void log() {
            try {
                POOL.submit(() -> LOG.get().append("x".repeat(1024))).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }

        static void handle() {
            try {
                POOL.submit(() -> BUFFERS.get().add(new byte[1500])).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

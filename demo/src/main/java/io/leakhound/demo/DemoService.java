package io.leakhound.demo;

import com.sun.management.GcInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The leaky demo service: a small pool of workers handles simulated requests at a steady rate, each with
 * realistic allocation churn, while the chosen {@link DemoMode} retains (or does not) part of what it sees.
 *
 * <p>Run it as {@code java -Xmx256m -cp ... io.leakhound.demo.DemoService --mode LISTENER_LEAK
 * [--rate 300] [--workers 4] [--duration 150s] [--leak-rate 400k] [--leak-start 30s] [--cache-key-space 1.01]
 * [--cache-capacity 32m] [--heap-dump-at 20s,70s --heap-dump-dir DIR]}. It prints one
 * {@code STATUS} line per second on standard output (read by {@link DemoLauncher}), stops at
 * {@code --duration} or on SIGTERM, and exits with status 3 when it runs out of memory.
 *
 * <p>At each {@code --heap-dump-at} time the main thread (never a worker, so the leak keeps its pace) writes
 * {@code DIR/heap-N.hprof} of the live objects, like {@code jmap -dump:live}, and then prints
 * {@code HEAP_DUMP file=<absolute path> elapsedMillis=<n>}: only an announced dump is complete. A dump
 * costs a full collection plus the writing of the live heap (20 to 35 ms for a 15 MB live heap).
 */
public final class DemoService {
    /** Exit status when the service ran out of memory (the expected end of a fast leak). */
    public static final int EXIT_OUT_OF_MEMORY = 3;
    static final String STATUS_PREFIX = "STATUS ";
    /** Starts the line announcing a complete heap dump; {@code elapsedMillis} is when it was requested. */
    static final String HEAP_DUMP_PREFIX = "HEAP_DUMP ";

    /**
     * The active behaviour, reachable from a static field like the event buses and caches it imitates,
     * so that its retained structure is a true GC root for the whole run.
     */
    private static volatile ModeBehaviour active;

    private DemoService() {
    }

    public static void main(String[] args) {
        ServiceSettings settings;
        try {
            settings = ServiceSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(settings));
    }

    /** Runs the service until its duration ends or it is terminated; returns the exit status. */
    static int run(ServiceSettings settings) {
        ModeBehaviour behaviour = ModeBehaviour.create(settings.mode(), settings.cacheKeySpace(),
                settings.cacheCapacityBytes());
        active = behaviour;
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicBoolean outOfMemory = new AtomicBoolean();
        AtomicLong requests = new AtomicLong();
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            stopped.set(true);
            main.interrupt();
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        long start = System.nanoTime();
        long leakStart = settings.leakStart().toNanos();
        long leakPerRequest = settings.leakBytesPerRequest();
        AtomicInteger workerIds = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(settings.workers(), task -> {
            Thread thread = new Thread(task, "request-" + workerIds.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long periodNanos = 1_000_000_000L * settings.workers() / settings.requestsPerSecond();
        for (int w = 0; w < settings.workers(); w++) {
            long seed = w;
            pool.execute(() -> work(behaviour, seed, start, periodNanos, leakStart, leakPerRequest, settings.workers(),
                    requests, stopped, outOfMemory));
        }

        long end = start + settings.duration().toNanos();
        System.out.println("STARTED mode=" + settings.mode() + " rate=" + settings.requestsPerSecond()
                + " leakRate=" + settings.leakBytesPerSecond() + " leakStart=" + settings.leakStart().toMillis() + "ms");
        long nextStatus = start + 1_000_000_000L;
        List<Duration> dumpTimes = settings.heapDumpTimes();
        int dumpsTaken = 0;
        long nextDump = dumpTimes.isEmpty() ? Long.MAX_VALUE : start + dumpTimes.get(0).toNanos();
        while (!stopped.get() && System.nanoTime() < end) {
            LockSupport.parkNanos(Math.max(0, Math.min(Math.min(nextStatus, end), nextDump) - System.nanoTime()));
            if (System.nanoTime() >= nextDump && !stopped.get()) {
                dumpsTaken++;
                try {
                    dumpHeap(settings.heapDumpFile(dumpsTaken), start);
                } catch (OutOfMemoryError e) {
                    outOfMemory.set(true);
                    stopped.set(true);
                    break;
                }
                nextDump = dumpsTaken < dumpTimes.size() ? start + dumpTimes.get(dumpsTaken).toNanos() : Long.MAX_VALUE;
            }
            if (System.nanoTime() >= nextStatus && !stopped.get()) {
                long elapsed = System.nanoTime() - start;
                try {
                    behaviour.onTick(elapsed);
                } catch (OutOfMemoryError e) {
                    outOfMemory.set(true);
                    stopped.set(true);
                    break;
                }
                System.out.println(STATUS_PREFIX + "elapsedMillis=" + elapsed / 1_000_000 + " requests=" + requests.get()
                        + " heapAfterGc=" + heapAfterLastGc() + " retained=" + behaviour.retainedItems());
                nextStatus += 1_000_000_000L;
            }
        }
        stopped.set(true);
        Thread.interrupted();
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        behaviour.close();
        active = null;
        if (outOfMemory.get()) {
            System.out.println("OUT_OF_MEMORY after " + (System.nanoTime() - start) / 1_000_000 + " ms");
            return EXIT_OUT_OF_MEMORY;
        }
        System.out.println("DONE requests=" + requests.get());
        return 0;
    }

    /**
     * Dumps the live heap to {@code file} and announces it on standard output; a failure (the file exists, the
     * disk is full) is reported on standard error and the service goes on, as a production service would.
     */
    private static void dumpHeap(Path file, long start) {
        long requested = System.nanoTime() - start;
        try {
            Files.createDirectories(file.getParent());
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), true);
        } catch (IOException | RuntimeException e) {
            System.err.println("HEAP_DUMP_FAILED file=" + file + " elapsedMillis=" + requested / 1_000_000 + ": " + e);
            return;
        }
        System.out.println(HEAP_DUMP_PREFIX + "file=" + file + " elapsedMillis=" + requested / 1_000_000);
    }

    private static void work(ModeBehaviour behaviour, long seed, long start, long periodNanos, long leakStart,
            long leakPerRequest, int workers, AtomicLong requests, AtomicBoolean stopped, AtomicBoolean outOfMemory) {
        SplittableRandom random = new SplittableRandom(seed * 7919 + 17);
        long next = System.nanoTime() + seed * periodNanos / workers;
        long sink = 0;
        try {
            while (!stopped.get()) {
                long now = System.nanoTime();
                if (next > now) {
                    LockSupport.parkNanos(next - now);
                    continue;
                }
                long id = requests.getAndIncrement();
                Request request = RequestHandler.newRequest(id, random);
                sink += RequestHandler.handle(request, random);
                long elapsed = now - start;
                behaviour.onRequest(request, elapsed, elapsed >= leakStart ? leakPerRequest : 0);
                next += periodNanos;
                // a stalled worker (GC thrash) resumes at the normal pace instead of bursting to catch up
                if (now - next > 1_000_000_000L) {
                    next = now;
                }
            }
        } catch (OutOfMemoryError e) {
            outOfMemory.set(true);
            stopped.set(true);
        }
        if (sink == 42) {
            System.out.print("");
        }
    }

    /**
     * Heap in use after the most recent collection, summed over the heap's pools; -1 before the first. Read
     * from the last collection's own report: a pool's collection usage would lag (Parallel updates the old
     * generation's only at full collections).
     */
    static long heapAfterLastGc() {
        GcInfo last = null;
        for (var bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof com.sun.management.GarbageCollectorMXBean gc) {
                GcInfo info = gc.getLastGcInfo();
                if (info != null && (last == null || info.getEndTime() > last.getEndTime())) {
                    last = info;
                }
            }
        }
        if (last == null) {
            return -1;
        }
        long used = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage after = last.getMemoryUsageAfterGc().get(pool.getName());
            if (pool.getType() == MemoryType.HEAP && after != null) {
                used += after.getUsed();
            }
        }
        return used;
    }
}

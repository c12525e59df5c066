package io.leakhound.junit;

import io.leakhound.series.Human;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Memory regression assertions for tests: a code path that keeps memory, threads or class loaders it should
 * have let go fails with an {@link AssertionError} that says what is kept and who holds it.
 *
 * <pre>
 * assertNoLeak(() -&gt; service.handle(request));                       // 3 rounds of 1,000 calls
 * assertNoLeak(LeakCheck.defaults().iterations(200), () -&gt; ...);     // options
 * assertCollected(() -&gt; session.open());                              // the result must become garbage
 * assertNoThreadLeak(() -&gt; client.close());                           // started threads must end
 * assertNoClassLoaderLeak(() -&gt; plugins.reload());                    // new loaders must become garbage
 * </pre>
 *
 * <p>The checks measure the heap of the JVM they run in: run them where no other test runs at the same time
 * (JUnit's default), in a JVM without {@code -XX:+DisableExplicitGC} (the checks then fall back to the
 * {@code GC.run} diagnostic command and fail, saying so, when no collection can be verified).
 */
public final class LeakAssertions {

    /** The threads of the JVM and of this library that a body may start without leaking them. */
    private static final List<String> JVM_THREAD_PREFIXES = List.of("ForkJoinPool.commonPool-worker-",
            "Attach Listener", "Common-Cleaner", "process reaper", "leakhound-");

    private static final Duration DEFAULT_THREAD_GRACE = Duration.ofSeconds(2);

    /** Longer rounds that confirm growth that did not show in every round. */
    private static final int CONFIRMATION_ROUNDS = 2;

    private LeakAssertions() {
    }

    /** {@link #assertNoLeak(LeakCheck, Runnable)} with {@link LeakCheck#defaults()}. */
    public static void assertNoLeak(Runnable body) {
        assertNoLeak(LeakCheck.defaults(), body);
    }

    /**
     * Runs {@code body} {@code check.warmUpIterations()} times, then {@code check.rounds()} rounds of
     * {@code check.iterations()} times, measuring the heap after a verified full GC before the first round and
     * after each, and fails when the retained heap grew by more than the tolerance in every round. When it grew
     * over the rounds but not in each (a cache that filled after the warm-up, or one buffer that doubles its
     * capacity now and then), two longer rounds decide, each as long as all calls so far times two: a leak grows
     * in both, a full cache in neither. The message
     * gives the figures and, unless {@code check.explain()} is off, what grew and the path from the GC root to
     * its holder, from two heap dumps around a further batch of iterations:
     * <pre>
     * 1,000 iterations retained 1.0 MB (1.02 KB each) in each of 3 rounds (+1.0 MB, +1.0 MB, +1.0 MB after full GCs; tolerated: 250 KB per round)
     *   in 1,000 more iterations between two heap dumps: +1,000 × byte[] held by static com.acme.Cache.ENTRIES → java.util.ArrayList.elementData → java.lang.Object[]
     * </pre>
     * An exception of the body ends the check and propagates.
     *
     * @throws AssertionError on a leak, or when no verified full GC can be obtained within
     *                        {@code check.gcTimeout()}
     */
    public static void assertNoLeak(LeakCheck check, Runnable body) {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(body, "body");
        // the measurement error must stay well below what a round may grow
        PostGcHeap heap = new PostGcHeap(check.gcTimeout(), Math.max(16 * 1024, check.toleranceBytesPerRound() / 8));
        repeat(body, check.warmUpIterations());
        long[] used = new long[check.rounds() + 1];
        used[0] = heap.settle();
        for (int round = 1; round <= check.rounds(); round++) {
            repeat(body, check.iterations());
            used[round] = heap.settle();
        }
        RetainedGrowth growth = new RetainedGrowth(check.iterations(), used, check.toleranceBytesPerRound());
        String verdict;
        long perIteration;
        long lastUsed = used[used.length - 1];
        if (growth.isLeak()) {
            verdict = growth.sentence();
            perIteration = growth.perIteration();
        } else if (growth.grewOverall()) {
            // grew, but not in every round: a cache that filled after the warm-up, or a leak into one buffer
            // that doubles its capacity now and then. Rounds as long as all calls so far double the content of
            // such a buffer, so each crosses a doubling; a cache that is full stays flat in them.
            long calls = check.warmUpIterations() + (long) check.rounds() * check.iterations();
            long before = lastUsed;
            StringBuilder confirmed = new StringBuilder();
            for (int round = 0; round < CONFIRMATION_ROUNDS; round++) {
                int length = (int) Math.min(2 * calls, Integer.MAX_VALUE / 2);
                repeat(body, length);
                calls += length;
                long after = heap.settle();
                if (after - before <= (long) length * check.toleranceBytesPerIteration()) {
                    return;
                }
                confirmed.append(round == 0 ? "" : " and ").append(RetainedGrowth.signed(after - before))
                        .append(" in ").append(RetainedGrowth.count(length)).append(" more");
                before = after;
            }
            long total = before - used[0];
            perIteration = Math.max(1, total / (calls - check.warmUpIterations()));
            lastUsed = before;
            verdict = growth.sentence() + "\n  not in every round, but again in longer rounds: " + confirmed
                    + " (" + Human.bytes(perIteration) + " per iteration over all "
                    + RetainedGrowth.count(calls - check.warmUpIterations()) + "): it grows in steps, as a buffer that doubles";
        } else {
            return;
        }
        String explanation = check.explain() ? LeakExplanation.explain(check, body, perIteration, lastUsed) : "";
        throw new AssertionError(verdict + explanation);
    }

    /**
     * Asserts that {@code object} becomes garbage once the caller drops it. The caller must not keep a strong
     * reference: a local variable that still holds it after this call keeps it alive (the interpreter treats
     * locals as live to the end of the method), so pass the expression rather than a variable, or use
     * {@link #assertCollected(Supplier)}. On failure the message names the path that holds it, from a heap dump.
     */
    public static void assertCollected(Object object) {
        Objects.requireNonNull(object, "object");
        WeakReference<Object> reference = new WeakReference<>(object);
        String description = describe(object);
        object = null; // this frame must not be what keeps it alive
        awaitCollected(reference, description, true);
    }

    /**
     * Asserts that what {@code create} returns becomes garbage: {@code create} is called in a frame of its own,
     * so no local variable of the caller can hold the result.
     */
    public static void assertCollected(Supplier<?> create) {
        Objects.requireNonNull(create, "create");
        WeakReference<Object> reference = weaklyCreate(create);
        if (reference.refersTo(null)) {
            return;
        }
        Object referent = reference.get();
        String description = referent == null ? "the object" : describe(referent);
        referent = null; // as above
        awaitCollected(reference, description, false);
    }

    private static WeakReference<Object> weaklyCreate(Supplier<?> create) {
        Object created = Objects.requireNonNull(create.get(), "create returned null");
        return new WeakReference<>(created);
    }

    private static void awaitCollected(WeakReference<Object> reference, String description, boolean fromVariable) {
        PostGcHeap heap = new PostGcHeap(Duration.ofSeconds(2), Long.MAX_VALUE);
        if (heap.collectUntil(() -> reference.refersTo(null))) {
            return;
        }
        String path = ReachabilityExplanation.pathTo(reference);
        throw new AssertionError("expected " + description + " to be garbage collected, but it is still strongly "
                + "reachable after full GCs" + path
                + (fromVariable ? "\n  (if the caller's local variable still holds it, pass a Supplier: assertCollected(() -> ...))" : ""));
    }

    /** {@link #assertNoThreadLeak(Duration, Runnable)} with a grace period of 2 s. */
    public static void assertNoThreadLeak(Runnable body) {
        assertNoThreadLeak(DEFAULT_THREAD_GRACE, body);
    }

    /**
     * Runs {@code body} once and fails when threads it started are still alive {@code grace} after it
     * returned, naming each with its state and where it is. Threads that end within the grace period pass.
     * Threads the JVM starts on demand (common fork-join pool workers, attach listener, process reaper) are not
     * counted.
     */
    public static void assertNoThreadLeak(Duration grace, Runnable body) {
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(body, "body");
        Set<Thread> before = Collections.newSetFromMap(new IdentityHashMap<>());
        before.addAll(Thread.getAllStackTraces().keySet());
        body.run();
        long deadline = System.nanoTime() + grace.toNanos();
        List<Thread> started = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.isAlive() && !isJvmThread(t)) {
                started.add(t);
            }
        }
        for (Thread t : started) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    t.join(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for the body's threads to end", e);
                }
            }
        }
        List<Thread> alive = started.stream().filter(Thread::isAlive).toList();
        if (alive.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder().append(alive.size())
                .append(alive.size() == 1 ? " thread" : " threads").append(" started by the body still alive ")
                .append(grace.toMillis()).append(" ms after it returned:");
        for (Thread t : alive) {
            message.append("\n  \"").append(t.getName()).append("\" (").append(t.getState())
                    .append(t.isDaemon() ? ", daemon" : "").append(')');
            StackTraceElement[] stack = t.getStackTrace();
            for (int i = 0; i < Math.min(3, stack.length); i++) {
                message.append("\n      at ").append(stack[i]);
            }
        }
        throw new AssertionError(message.toString());
    }

    private static boolean isJvmThread(Thread t) {
        return JVM_THREAD_PREFIXES.stream().anyMatch(t.getName()::startsWith);
    }

    /**
     * Runs {@code body} once and fails when class loaders it created are still reachable afterwards, naming each
     * (its class and the first class it defined) with its path from the GC root. Takes a heap dump before and
     * after the body (in a temporary directory, deleted afterwards): a few seconds.
     */
    public static void assertNoClassLoaderLeak(Runnable body) {
        Objects.requireNonNull(body, "body");
        Path directory = null;
        List<ClassLoaderCensus.Loader> added;
        try {
            directory = Files.createTempDirectory("leakhound-junit-loaders-");
            Path before = directory.resolve("before.hprof");
            Path after = directory.resolve("after.hprof");
            LeakExplanation.dump(before);
            body.run();
            LeakExplanation.dump(after);
            added = ClassLoaderCensus.added(ClassLoaderCensus.of(before, directory), ClassLoaderCensus.of(after, directory));
        } catch (IOException e) {
            throw new AssertionError("leakhound could not check for class loader leaks: the heap dumps could not be "
                    + "taken or read: " + e, e);
        } finally {
            if (directory != null) {
                LeakExplanation.deleteTree(directory);
            }
        }
        if (added.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder().append(added.size())
                .append(added.size() == 1 ? " class loader" : " class loaders")
                .append(" created by the body still reachable after a full GC:");
        for (ClassLoaderCensus.Loader loader : added) {
            message.append("\n  ").append(loader.description()).append(" held by ").append(String.join(" → ", loader.path()));
        }
        throw new AssertionError(message.toString());
    }

    /** Runs the body {@code times} times. */
    static void repeat(Runnable body, int times) {
        for (int i = 0; i < times; i++) {
            body.run();
        }
    }

    private static String describe(Object object) {
        return object.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(object));
    }
}

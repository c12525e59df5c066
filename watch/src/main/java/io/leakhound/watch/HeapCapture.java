package io.leakhound.watch;

import com.sun.management.GcInfo;
import io.leakhound.heap.HeapDiff;
import io.leakhound.heap.HeapDiffer;
import io.leakhound.heap.graph.Progress;
import io.leakhound.live.JvmConnection;
import io.leakhound.live.LiveHeapDump;
import io.leakhound.series.Human;
import io.leakhound.series.verdict.AlertLevel;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.Verdict;
import io.leakhound.series.history.Capture;
import io.leakhound.store.WatchStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The automatic capture of a watch: when the heap finding turns LEAK (or its alert reaches ESCALATE), dump the
 * target's live heap as a baseline, wait until the live heap has grown by {@link CaptureSettings#growth()} (10 %),
 * dump it again, diff the two dumps, and name the holder that grew with its path from a GC root. The diff's HTML
 * report stays in {@link CaptureSettings#dir()}; the dumps are deleted unless kept.
 *
 * <p><b>The baseline and its growth.</b> The baseline is the live heap at the first dump, measured exactly: the
 * dump's own full collection ({@code GC.heap_dump} dumps live objects, so it collects the whole heap first), read
 * from the target's {@code GarbageCollectorMXBean} as the heap pools' usage after that collection. It holds no
 * garbage, unlike a young collection's "heap after", which still holds everything promoted since the last
 * cleaning collection. Later, with no full collection to read, the live heap is estimated from each evaluation as
 * the lower of the verdict engine's post-GC baseline ({@link Finding#lastBaselineBytes()}, itself the lower of its
 * last two thinned points) and the heap after the latest collection; only evaluations made after the dump count.
 * The estimate can only be above the live heap, never below, so the second dump comes at the earliest when the
 * live heap may have grown by 10 %; the diff's header then says how much it really grew
 * ({@code live heap 41 MB -> 49 MB}). The growth must be seen by {@link #GROWN_EVALUATIONS} evaluations in a row
 * (after a young collection of Parallel or Serial, the heap holds what it promoted, garbage included, until the
 * next full one). A baseline that has not grown within {@link #GROWTH_WAIT} is abandoned and its dump deleted.
 *
 * <p><b>Threads and cost.</b> {@link #onEvaluation} only hands the evaluation over and returns at once; all
 * dumping and diffing happens on one daemon thread of this class (never more than one capture at a time). Each
 * dump pauses the target for its full collection and the writing of the file (about a second per few hundred MB);
 * the diff costs leakhound what {@code leakhound diff} costs, off heap. Rate limited to one capture per
 * {@link CaptureSettings#every()}, counted from the target's last stored capture, so the limit survives a
 * restarted watch and a refused capture is not retried at every interval.
 *
 * <p>Every change of state is stored ({@link WatchJournal#addCapture}, {@link WatchJournal#updateCapture}) and sent as
 * a {@link WatchEvent.CaptureChanged}. Failures (dump refused by the target, the target exited, a diff error) end
 * the capture FAILED with their message; nothing is thrown out of {@link #onEvaluation}.
 */
public final class HeapCapture implements EvaluationListener {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    /** The resource whose finding and level trigger a capture. */
    private static final String HEAP = "heap";
    /** How long close() waits for a dump it gave up on to return before it records the capture abandoned itself. */
    private static final Duration GIVE_UP_GRACE = Duration.ofSeconds(5);
    /** How long the end of a watch waits for a capture in progress: two dumps and a diff of a few GB. */
    static final Duration FINISH_WAIT = Duration.ofMinutes(3);
    /**
     * How long a baseline dump waits for the heap to grow: a slow leak (50 MB/h on a 1 GB live heap) takes hours
     * to grow 10 %, but a dump is not kept on disk for days for a leak that stopped.
     */
    static final Duration GROWTH_WAIT = Duration.ofHours(24);
    /** How many evaluations in a row must see the growth: one young collection's promoted garbage is not growth. */
    static final int GROWN_EVALUATIONS = 2;

    private final JvmConnection jvm;
    private final CaptureSettings settings;
    private final WatchJournal store;
    private final long targetId;
    private final Consumer<WatchEvent> events;
    private final ExecutorService thread;
    private final AtomicBoolean busy = new AtomicBoolean();

    private final Object evaluationLock = new Object();
    /** The latest evaluation and how many came (guarded by evaluationLock): the capture thread waits on them. */
    private Evaluation latest;
    private long evaluations;

    private volatile boolean closed;
    /** Set by close() when maxWait passed: a diff in progress stops, a dump's end is recorded as abandoned. */
    private volatile boolean giveUp;
    /** When the target's last capture started; loaded from the store once, then kept here. */
    private volatile Instant lastStarted;
    private volatile boolean lastStartedLoaded;
    /** The capture in progress, or null (guarded by this). */
    private Capture current;

    /**
     * @param jvm      the watched JVM (the dumps are taken over its JMX connection)
     * @param settings where the dumps go, how often, how much growth
     * @param store    where captures are kept; the rate limit reads the target's captures from it
     * @param targetId the watched target in {@code store}
     * @param events   where each change of state is sent (called on the capture thread; must not block)
     */
    public HeapCapture(JvmConnection jvm, CaptureSettings settings, WatchStore store, long targetId,
            Consumer<WatchEvent> events) {
        this(jvm, settings, WatchJournal.of(store), targetId, events);
    }

    /**
     * A capture that keeps its records in {@code journal} (the agent's memory, or a store file).
     *
     * @param jvm the watched JVM; {@link JvmConnection#self()} for a watch of the own process
     */
    public HeapCapture(JvmConnection jvm, CaptureSettings settings, WatchJournal journal, long targetId,
            Consumer<WatchEvent> events) {
        WatchJournal store = journal;
        this.jvm = jvm;
        this.settings = settings;
        this.store = store;
        this.targetId = targetId;
        this.events = events;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "leakhound-capture-" + jvm.pid());
            t.setDaemon(true); // a stuck dump must not keep leakhound running after the watch ends
            return t;
        });
    }

    /**
     * Takes one verdict pass into account: starts a capture when it triggers one (and none is running, and the
     * rate limit allows), and lets a capture waiting for growth see the new figures. Returns at once; never
     * throws.
     */
    @Override
    public void onEvaluation(Evaluation e) {
        try {
            synchronized (evaluationLock) {
                latest = e;
                evaluations++;
                evaluationLock.notifyAll();
            }
            String trigger = trigger(e);
            if (trigger == null || closed) {
                return;
            }
            Instant last = lastStarted;
            if (last != null && Instant.now().isBefore(last.plus(settings.every()))) {
                return;
            }
            if (!busy.compareAndSet(false, true)) {
                return;
            }
            thread.execute(() -> {
                try {
                    capture(e, trigger);
                } finally {
                    busy.set(false);
                }
            });
        } catch (RuntimeException ex) {
            // e.g. the executor already shut down by a concurrent close(): no capture, and the watch goes on
            busy.set(false);
            message("automatic capture skipped: " + ex);
        }
    }

    /**
     * Ends capturing: a capture waiting for growth ends ABANDONED at once (its dump deleted unless kept); a dump or
     * diff in progress is given up to {@code maxWait} to finish (a diff then ends DONE), after which it is
     * abandoned. Returns within about {@code maxWait} plus a few seconds.
     */
    public void close(Duration maxWait) {
        closed = true;
        synchronized (evaluationLock) {
            evaluationLock.notifyAll();
        }
        thread.shutdown();
        try {
            if (thread.awaitTermination(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            giveUp = true;
            thread.shutdownNow();
            if (thread.awaitTermination(GIVE_UP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException ex) {
            giveUp = true;
            Thread.currentThread().interrupt();
        }
        // the target is still writing a dump (a JMX call cannot be interrupted): record the end now
        conclude(Capture.ABANDONED, "the watch ended while a heap dump was being written (after waiting "
                + Human.duration(maxWait) + "); the dump may remain in " + settings.dir());
    }

    /** The watch is ending: a capture in progress gets {@link #FINISH_WAIT} to finish its dump and diff. */
    @Override
    public void finish() {
        close(FINISH_WAIT);
    }

    /** Why {@code e} calls for a capture ({@code "heap LEAK"}, {@code "heap ESCALATE"}), or null. */
    static String trigger(Evaluation e) {
        Finding heap = e.finding(HEAP);
        if (heap != null && heap.verdict() == Verdict.LEAK) {
            return HEAP + " " + Verdict.LEAK.name();
        }
        AlertLevel level = e.level(HEAP);
        return level.compareTo(AlertLevel.ESCALATE) >= 0 ? HEAP + " " + level.name() : null;
    }

    /**
     * The live heap as estimated from one evaluation: the lower of the engine's post-GC baseline and the heap after
     * the latest collection (both hold some garbage with a generational collector, so the lower is the closer), or
     * -1 when neither is known.
     */
    static long liveEstimate(Evaluation e) {
        Finding heap = e.finding(HEAP);
        long baseline = heap == null ? -1 : heap.lastBaselineBytes();
        long after = e.heapAfterGc();
        if (baseline > 0 && after > 0) {
            return Math.min(baseline, after);
        }
        return Math.max(baseline, after) > 0 ? Math.max(baseline, after) : -1;
    }

    /**
     * The baseline the growth is measured from: the live heap after the dump's own full collection, or the
     * estimate later evaluations will be compared with when that is lower. ZGC reports its heap at the END of a
     * concurrent cycle, with what was allocated meanwhile (140 MB after a dump whose heap the engine puts at 88
     * MB), so growth must be measured on one scale; for G1, Parallel and Serial the full collection's figure is
     * the lower (the estimate never holds less than the live heap).
     */
    private long baseline(long afterDump) {
        long estimate;
        synchronized (evaluationLock) {
            estimate = latest == null ? -1 : liveEstimate(latest);
        }
        return estimate > 0 && estimate < afterDump ? estimate : afterDump;
    }

    /** The heap in use for the free-disk check: the heap used now, else after the last GC, else the maximum. */
    static long heapInUse(Evaluation e) {
        if (e.heapUsed() > 0) {
            return e.heapUsed();
        }
        if (e.heapAfterGc() > 0) {
            return e.heapAfterGc();
        }
        Finding heap = e.finding(HEAP);
        return heap == null ? 0 : Math.max(0, heap.limitBytes());
    }

    // ---- the capture thread ----

    private void capture(Evaluation trigger, String why) {
        Instant started = Instant.now();
        if (!rateAllows(started)) {
            return;
        }
        lastStarted = started;
        String stamp = "leakhound-" + jvm.pid() + "-" + FILE_TIME.format(started.atZone(ZoneId.systemDefault()));
        Path dir = settings.dir();
        Path first = dir.resolve(stamp + "-1.hprof");
        Path second = dir.resolve(stamp + "-2.hprof");
        synchronized (this) {
            current = new Capture(0, started, Capture.BASELINE, why, null, null, null, null, null, "", null);
        }
        try {
            Files.createDirectories(dir);
            String refusal = diskRefusal(heapInUse(trigger), "the baseline dump");
            if (refusal != null) {
                conclude(Capture.REFUSED, refusal);
                return;
            }
            long live = baseline(dump(first));
            if (giveUp || closed) {
                conclude(Capture.ABANDONED, "the watch ended as the baseline dump was taken");
                return;
            }
            long target = live + (long) Math.ceil(live * settings.growth());
            String waiting = "live heap " + Human.bytes(live) + " at the baseline dump; the second dump follows"
                    + " when it reaches " + Human.bytes(target) + " (+" + Human.percent(settings.growth()) + ")";
            publish(c -> new Capture(c.id(), c.started(), Capture.BASELINE, c.trigger(), first, null, null, null, null,
                    waiting, null));
            Evaluation grown = awaitGrowth(target, Instant.now());
            if (grown == null) {
                conclude(Capture.ABANDONED, (closed ? "the watch ended" : "no growth within "
                        + Human.duration(GROWTH_WAIT)) + " before the live heap grew from " + Human.bytes(live)
                        + " to " + Human.bytes(target) + " (last estimate " + lastEstimate() + ")");
                return;
            }
            refusal = diskRefusal(heapInUse(grown), "the second dump");
            if (refusal != null) {
                conclude(Capture.REFUSED, refusal);
                return;
            }
            dump(second);
            String comparing = "live heap " + Human.bytes(live) + " at the first dump; second dump taken at an"
                    + " estimated " + Human.bytes(liveEstimate(grown)) + ", comparing the two";
            publish(c -> new Capture(c.id(), c.started(), Capture.BASELINE, c.trigger(), first, second, null, null,
                    null, comparing, null));
            diff(stamp, first, second);
        } catch (IOException | RuntimeException | Error ex) {
            // an Error too (the diff out of memory): the capture ends FAILED instead of staying in progress forever,
            // and what the diff held is free again once unwound
            boolean abandoned = giveUp || ex instanceof CancellationException;
            conclude(abandoned ? Capture.ABANDONED : Capture.FAILED,
                    (abandoned ? "the watch ended during the capture: " : "") + describe(ex));
        } catch (InterruptedException ex) {
            conclude(Capture.ABANDONED, "the watch ended during the capture");
        } finally {
            if (!settings.keepDumps()) {
                deleteQuietly(first);
                deleteQuietly(second);
            }
        }
    }

    private void diff(String stamp, Path first, Path second) throws IOException {
        Path work = Files.createTempDirectory(settings.dir(), stamp + "-work");
        HeapDiff diff;
        try {
            Progress progress = (phase, done, total) -> {
                if (giveUp) {
                    throw new CancellationException("the watch ended");
                }
            };
            diff = new HeapDiffer().compare(List.of(first, second), work, progress);
        } finally {
            deleteTree(work);
        }
        // where the listener of the DONE event (the CLI) writes the diff's report: the watch renders nothing
        Path report = settings.dir().resolve(stamp + "-diff.html");
        String holder = null;
        String path = null;
        String sentence;
        if (diff.suspects().isEmpty()) {
            sentence = "nothing grew materially between the dumps";
        } else {
            HeapDiff.GrowthSuspect s = diff.suspects().get(0);
            holder = s.holderReference();
            // one hop per line, as the diff's text report prints it
            path = String.join("\n→ ", s.path());
            sentence = holder + " (" + s.holderClass() + ") grew from " + Human.count(s.countBefore()) + " to "
                    + Human.count(s.countAfter()) + " " + s.elementClass() + ", retained "
                    + Human.bytes(s.retainedBytesBefore()) + " → " + Human.bytes(s.retainedBytesAfter());
            // what to change, as heap and diff advise it: the on-call reader acts on this line
            sentence += s.fixAdvice().map(advice -> "; " + advice.line()).orElse("");
        }
        long before = diff.dumps().get(0).reachableBytes();
        long after = diff.dumps().get(diff.dumps().size() - 1).reachableBytes();
        // the same head as the diff's text report, which this module does not depend on (it renders nothing)
        String message = diff.dumps().size() + " dumps, "
                + Human.duration(Duration.ofMillis(Math.round(diff.elapsedSeconds() * 1000))) + " apart; live heap "
                + Human.bytes(before) + " → " + Human.bytes(after) + " (" + (after > before ? "+" : "")
                + Human.bytes(after - before) + "); " + sentence;
        String foundHolder = holder;
        String foundPath = path;
        synchronized (this) {
            if (current == null) {
                return;
            }
            Capture c = current;
            current = null;
            save(new Capture(c.id(), c.started(), Capture.DONE, c.trigger(), first, second, report, foundHolder,
                    foundPath, message, Instant.now()), diff);
        }
    }

    /** Null when the free disk of the capture folder holds {@code diskFactor} x the heap in use, else why not. */
    private String diskRefusal(long heapInUse, String what) throws IOException {
        long needed = (long) Math.ceil(heapInUse * settings.diskFactor());
        long free = Files.getFileStore(settings.dir()).getUsableSpace();
        if (free >= needed) {
            return null;
        }
        return "not enough free disk for " + what + ": " + Human.bytes(free) + " free in " + settings.dir()
                + ", " + Human.bytes(needed) + " needed (" + settings.diskFactor() + " x " + Human.bytes(heapInUse)
                + " of heap in use)";
    }

    /** Dumps the target's live objects to {@code file} (owner-only) and returns the heap after the dump's own full collection. */
    private long dump(Path file) throws IOException {
        Map<String, Long> before = lastCollections();
        try {
            LiveHeapDump.write(jvm, file);
        } catch (IOException | RuntimeException ex) {
            throw lost("the heap dump to " + file, ex);
        }
        return liveAfterDump(before);
    }

    /** The id of each collector's last collection (0 before its first), to tell which ones the dump caused. */
    private Map<String, Long> lastCollections() throws IOException {
        try {
            Map<String, Long> ids = new HashMap<>();
            for (com.sun.management.GarbageCollectorMXBean gc : collectors()) {
                GcInfo info = gc.getLastGcInfo();
                ids.put(gc.getName(), info == null ? 0 : info.getId());
            }
            return ids;
        } catch (RuntimeException ex) {
            throw lost("reading the target's collectors", ex);
        }
    }

    /**
     * The heap after the dump's full collection: of the collections that ran since {@code before} (by GC id: a
     * collection's start time is not on the clock of the uptime), as the target's collectors last report them,
     * the one that left the least (a young collection that followed is never below the full one), summed over the
     * heap pools. Falls back to the heap in use now.
     */
    private long liveAfterDump(Map<String, Long> before) throws IOException {
        try {
            Set<String> heapPools = new HashSet<>();
            for (MemoryPoolMXBean pool : ManagementFactory.getPlatformMXBeans(jvm.mbeans(), MemoryPoolMXBean.class)) {
                if (pool.getType() == MemoryType.HEAP) {
                    heapPools.add(pool.getName());
                }
            }
            long best = -1;
            for (com.sun.management.GarbageCollectorMXBean gc : collectors()) {
                GcInfo info = gc.getLastGcInfo();
                if (info == null || info.getId() == before.getOrDefault(gc.getName(), 0L)) {
                    continue;
                }
                long after = 0;
                for (Map.Entry<String, MemoryUsage> pool : info.getMemoryUsageAfterGc().entrySet()) {
                    if (heapPools.contains(pool.getKey())) {
                        after += pool.getValue().getUsed();
                    }
                }
                if (best < 0 || after < best) {
                    best = after;
                }
            }
            if (best > 0) {
                return best;
            }
            return jvm.platformMXBean(MemoryMXBean.class).getHeapMemoryUsage().getUsed();
        } catch (RuntimeException ex) {
            throw lost("reading the heap after the dump", ex);
        }
    }

    private List<com.sun.management.GarbageCollectorMXBean> collectors() throws IOException {
        return ManagementFactory.getPlatformMXBeans(jvm.mbeans(), com.sun.management.GarbageCollectorMXBean.class);
    }

    /** A JMX call that failed: the target exited, or the connection broke. */
    private IOException lost(String what, Exception ex) {
        return new IOException(jvm.isAlive() ? what + " failed: " + describe(ex) : "the target exited (during " + what + ")",
                ex);
    }

    /**
     * Waits for an evaluation made after {@code dumped} whose live estimate reached {@code target}; null when the
     * watch ended first.
     *
     * @throws IOException when the target exits while waiting
     */
    private Evaluation awaitGrowth(long target, Instant dumped) throws IOException, InterruptedException {
        int grownRuns = 0;
        long seen;
        synchronized (evaluationLock) {
            seen = evaluations;
        }
        while (true) {
            Evaluation e = null;
            synchronized (evaluationLock) {
                if (!closed && evaluations == seen) {
                    evaluationLock.wait(1000);
                }
                if (closed || Instant.now().isAfter(dumped.plus(GROWTH_WAIT))) {
                    return null;
                }
                if (evaluations != seen) {
                    seen = evaluations;
                    e = latest;
                }
            }
            if (e != null && !e.at().isBefore(dumped)) {
                grownRuns = liveEstimate(e) >= target ? grownRuns + 1 : 0;
                if (grownRuns >= GROWN_EVALUATIONS) {
                    return e;
                }
            }
            if (!jvm.isAlive()) {
                throw new IOException("the target exited while the capture waited for the heap to grow");
            }
        }
    }

    private String lastEstimate() {
        synchronized (evaluationLock) {
            long estimate = latest == null ? -1 : liveEstimate(latest);
            return estimate < 0 ? "unknown" : Human.bytes(estimate);
        }
    }

    private boolean rateAllows(Instant now) {
        if (!lastStartedLoaded) {
            try {
                store.captures(targetId).stream().map(Capture::started).max(Comparator.naturalOrder())
                        .ifPresent(t -> lastStarted = t);
            } catch (IOException ex) {
                message("the rate limit of captures could not read " + store.where() + ": " + ex.getMessage());
            }
            lastStartedLoaded = true;
        }
        Instant last = lastStarted;
        return last == null || !now.isBefore(last.plus(settings.every()));
    }

    // ---- states ----

    /** Moves the capture in progress on (it stays in progress). */
    private synchronized void publish(UnaryOperator<Capture> change) {
        if (current != null) {
            current = save(change.apply(current));
        }
    }

    /** Ends the capture in progress in {@code state}; does nothing when it has already ended. */
    private synchronized void conclude(Capture.State state, String message) {
        if (current == null) {
            return;
        }
        Capture c = current;
        current = null;
        save(new Capture(c.id(), c.started(), state, c.trigger(), c.baselineDump(), c.secondDump(), c.report(),
                c.holder(), c.path(), message, Instant.now()));
    }

    /** Stores {@code c} (added when new, else updated) and sends it; returns it with its id. */
    private Capture save(Capture c) {
        return save(c, null);
    }

    /** {@link #save(Capture)}, the event carrying the diff that completed it (null before). */
    private Capture save(Capture c, HeapDiff diff) {
        Capture stored = c;
        try {
            if (c.id() == 0) {
                stored = store.addCapture(targetId, c);
            } else {
                store.updateCapture(c);
            }
        } catch (IOException ex) {
            message("a capture could not be stored: " + ex.getMessage());
        }
        try {
            events.accept(new WatchEvent.CaptureChanged(Instant.now(), stored, diff));
        } catch (RuntimeException ex) {
            // a sink that fails must not end the capture: the store has it
        }
        return stored;
    }

    private void message(String text) {
        try {
            events.accept(new WatchEvent.Message(Instant.now(), text));
        } catch (RuntimeException ex) {
            // a sink that fails must not end the capture: the store still has it
        }
    }

    /** The message of {@code ex}, or of the first cause that has one (JMX wraps the target's exception). */
    private static String describe(Throwable ex) {
        if (ex instanceof Error) {
            return ex.toString(); // its message alone may be a bare class name (NoClassDefFoundError)
        }
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return ex.toString();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ex) {
            // a dump that cannot be deleted stays where the capture record says it is
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(HeapCapture::deleteQuietly);
        } catch (IOException ex) {
            // the diff's scratch files are temporary: leaving them is harmless
        }
    }
}

package io.leakhound.watch;

import io.leakhound.series.GcEvent;
import io.leakhound.series.Human;
import io.leakhound.series.Unit;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.series.history.Alert;
import io.leakhound.store.Sample;
import io.leakhound.store.StoredFinding;
import io.leakhound.series.history.Target;
import io.leakhound.store.WatchStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The watch loop: reads a process through its {@link ProcessProbe}, stores every reading in the
 * {@link WatchStore} as soon as it is read (so a watcher killed with {@code kill -9} loses at most the last
 * second), re-judges the whole stored series every interval with the verdict engine ({@link WatchAnalysis}),
 * raises and clears alerts ({@link AlertTracker}), tells its {@link EvaluationListener}s (the automatic capture),
 * and reports everything to its {@link WatchSink}s. A watch of a process the store already holds resumes its
 * series: the verdict covers the time before the restart too.
 *
 * <p>One thread runs {@link #run()}; {@link #stop()} may be called from any other (a shutdown hook). Cost: one
 * probe poll a second (a JVM) or per interval (another process), one store transaction per poll, and one pass of
 * the engine per interval over the kept series (bounded: old young collections are thinned as in a GC log).
 */
public final class Watcher {

    /** How often a JVM's stream is drained into the store. */
    static final Duration JVM_POLL = Duration.ofSeconds(1);

    /**
     * How a watch runs.
     *
     * @param interval how often the engine re-judges the series (and the sampling period of the resources)
     * @param duration how long to watch, or null for until stopped or the process exits
     */
    public record Settings(Duration interval, Duration duration, int historyCapacity) {
        /** The kept series of a watch whose history is a store file: as a GC log's (about 90 MB at most). */
        public static final int UNBOUNDED = 0;

        /**
         * @param historyCapacity how many points the judged series keep per resource (GC events, samples of each
         *                        resource) before they thin themselves, or {@link #UNBOUNDED} for the defaults
         */
        public Settings {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("the interval must be positive: " + interval);
            }
            if (historyCapacity != UNBOUNDED && historyCapacity < 16) {
                throw new IllegalArgumentException("the history capacity must be 0 or at least 16: " + historyCapacity);
            }
        }

        public Settings(Duration interval, Duration duration) {
            this(interval, duration, UNBOUNDED);
        }
    }

    private final ProcessProbe probe;
    private final WatchJournal store;
    private final Settings settings;
    private final Target target;
    private final List<WatchSink> sinks = new CopyOnWriteArrayList<>();
    private final List<EvaluationListener> listeners = new CopyOnWriteArrayList<>();
    private final WatchAnalysis.History history;
    private final int resumedGcs;
    private final int resumedSamples;
    private volatile boolean stopping;

    private Watcher(ProcessProbe probe, WatchJournal store, Settings settings, Target target,
            WatchAnalysis.History history, int resumedGcs, int resumedSamples) {
        this.probe = probe;
        this.store = store;
        this.settings = settings;
        this.target = target;
        this.history = history;
        this.resumedGcs = resumedGcs;
        this.resumedSamples = resumedSamples;
    }

    /**
     * Prepares a watch: finds (or creates) the process's target in the store and loads what it already holds.
     */
    public static Watcher prepare(ProcessProbe probe, WatchStore store, Settings settings) throws IOException {
        return prepare(probe, WatchJournal.of(store), settings);
    }

    /**
     * Prepares a watch that keeps its history in {@code journal} (the agent's bounded memory, or a store file).
     */
    public static Watcher prepare(ProcessProbe probe, WatchJournal journal, Settings settings) throws IOException {
        Target target = journal.target(probe.kind(), probe.pid(), probe.processStart(), probe.command(),
                probe.maxHeapBytes());
        WatchAnalysis.History history = WatchAnalysis.load(journal, target, settings.historyCapacity());
        WatchJournal store = journal;
        return new Watcher(probe, store, settings, target, history, history.gcCount(), history.sampleCount());
    }

    /** The process as the store knows it. */
    public Target target() {
        return target;
    }

    public void addSink(WatchSink sink) {
        sinks.add(sink);
    }

    public void addListener(EvaluationListener listener) {
        listeners.add(listener);
    }

    /** Reports an event to every sink (for the capture, which reports its own progress). */
    public void emit(WatchEvent event) {
        for (WatchSink sink : sinks) {
            sink.accept(event);
        }
    }

    /** Ends the watch at its next step: the last readings are stored and the summary written. */
    public void stop() {
        stopping = true;
    }

    /**
     * Watches until the duration ends, {@link #stop()} is called or the process exits, then returns the summary
     * (also reported to the sinks).
     *
     * @throws IOException when the store cannot be written or the process can no longer be read while it runs
     */
    public WatchEvent.Summary run() throws IOException, InterruptedException {
        announce();
        AlertTracker alerts = AlertTracker.resume(store.alerts(target.id()));
        Map<String, StoredFinding> lastFindings = new HashMap<>();
        for (StoredFinding f : store.findings(target.id())) {
            lastFindings.put(f.resource(), f);
        }
        long startNanos = System.nanoTime();
        long end = settings.duration() == null ? Long.MAX_VALUE : startNanos + settings.duration().toNanos();
        long pollNanos = (Target.JVM.equals(target.kind()) ? JVM_POLL : settings.interval()).toNanos();
        long nextPoll = startNanos;
        long nextEvaluation = startNanos + settings.interval().toNanos();
        boolean exited = false;
        while (!stopping) {
            long now = System.nanoTime();
            if (now - end >= 0) {
                break;
            }
            long wake = Math.min(Math.min(nextPoll, nextEvaluation), end);
            if (wake - now > 0) {
                sleepUnlessStopped(wake - now);
                continue;
            }
            if (now - nextPoll >= 0) {
                record(probe.poll());
                nextPoll += pollNanos;
                if (!probe.alive()) {
                    exited = true;
                    emit(new WatchEvent.Message(Instant.now(), "pid " + target.pid() + " has exited"));
                    break;
                }
            }
            if (now - nextEvaluation >= 0) {
                evaluate(alerts, lastFindings);
                nextEvaluation += settings.interval().toNanos();
            }
        }
        if (!exited) {
            record(probe.finish());
        }
        // the last pass judges everything read: it is the summary's analysis too
        MemoryAnalysis analysis = evaluate(alerts, lastFindings);
        for (EvaluationListener listener : listeners) {
            listener.finish();
        }
        Instant at = Instant.now();
        for (Finding f : analysis.findings()) {
            store.addFinding(target.id(), stored(at, f));
        }
        WatchEvent.Summary summary = new WatchEvent.Summary(at, target, analysis, store.alerts(target.id()),
                store.captures(target.id()));
        emit(summary);
        return summary;
    }

    private void announce() {
        String what = "watching " + WatchAnalysis.source(target)
                + (target.maxHeapBytes() > 0 ? ", max heap " + Human.bytes(target.maxHeapBytes()) : "")
                + ", judged every " + Human.duration(settings.interval())
                + (settings.duration() == null ? " until stopped" : " for " + Human.duration(settings.duration()))
                + "; history in " + store.where();
        emit(new WatchEvent.Message(Instant.now(), what));
        if (resumedGcs > 0 || resumedSamples > 0) {
            emit(new WatchEvent.Message(Instant.now(), "resumed the stored series of this process: " + resumedGcs
                    + " collections and " + resumedSamples + " samples"));
        }
    }

    /** Stores the readings first (nothing read is lost), then keeps them for the engine and reports them. */
    private void record(Readings readings) throws IOException {
        if (readings.isEmpty()) {
            return;
        }
        store.append(target.id(), readings.gcEvents(), readings.samples());
        history.add(readings.gcEvents(), readings.samples());
        for (GcEvent e : readings.gcEvents()) {
            if (e.heap().hasAfter()) {
                Instant at = target.processStart().plus(e.uptime());
                emit(new WatchEvent.SampleTaken(at, "heap", Unit.BYTES, e.heap().afterBytes(),
                        target.maxHeapBytes(), e.name()));
            }
        }
        for (Sample s : readings.samples()) {
            emit(new WatchEvent.SampleTaken(s.at(), s.resource(), s.unit(), s.value(), s.limit(), null));
        }
    }

    /** One verdict pass over the kept series: findings, alerts, listeners; returns the analysis. */
    private MemoryAnalysis evaluate(AlertTracker alerts, Map<String, StoredFinding> lastFindings) throws IOException {
        Instant at = Instant.now();
        MemoryAnalysis analysis = history.analyze(store.annotations());
        for (Finding f : analysis.findings()) {
            StoredFinding last = lastFindings.get(f.resource());
            if (last == null || last.verdict() != f.verdict()) {
                StoredFinding stored = stored(at, f);
                store.addFinding(target.id(), stored);
                lastFindings.put(f.resource(), stored);
                emit(new WatchEvent.FindingChanged(at, f));
            }
        }
        for (Alert alert : alerts.update(at, analysis.findings())) {
            store.addAlert(target.id(), alert);
            emit(new WatchEvent.AlertChanged(alert));
        }
        Evaluation evaluation = new Evaluation(at, analysis, alerts.levels(), history.lastHeapAfterGc(),
                probe.heapUsed());
        for (EvaluationListener listener : listeners) {
            listener.onEvaluation(evaluation);
        }
        return analysis;
    }

    private static StoredFinding stored(Instant at, Finding f) {
        return new StoredFinding(at, f.resource(), f.verdict(), f.confidence(), f.growthBytesPerHour(), f.alert(),
                f.summary());
    }

    private void sleepUnlessStopped(long nanos) throws InterruptedException {
        // short naps so that stop() is seen within 100 ms
        long napMillis = Math.max(1, Math.min(100, nanos / 1_000_000));
        Thread.sleep(napMillis);
    }
}

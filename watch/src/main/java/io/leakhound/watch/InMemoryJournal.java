package io.leakhound.watch;

import io.leakhound.series.GcEvent;
import io.leakhound.series.history.Alert;
import io.leakhound.series.history.Annotation;
import io.leakhound.series.history.Capture;
import io.leakhound.series.history.Target;
import io.leakhound.store.Sample;
import io.leakhound.store.StoredFinding;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link WatchJournal} in memory, bounded, for a watch that runs inside the watched JVM (the agent): the
 * readings are not kept here at all (the {@link Watcher}'s own bounded series judges them), and of findings,
 * alerts and captures only the latest {@code keep} each. Nothing survives the process, which is what a watch of
 * the own process needs: its history ends with it.
 *
 * <p>Cost: at most {@code 3 x keep} small records. Thread-safe (the sampler and the capture thread share it).
 */
public final class InMemoryJournal implements WatchJournal {

    private final int keep;
    private final Deque<StoredFinding> findings = new ArrayDeque<>();
    private final Deque<Alert> alerts = new ArrayDeque<>();
    private final Deque<Capture> captures = new ArrayDeque<>();
    private Target target;
    private long nextCaptureId = 1;

    /** @param keep how many findings, alerts and captures are kept each (the latest); at least 1 */
    public InMemoryJournal(int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, got " + keep);
        }
        this.keep = keep;
    }

    @Override
    public String where() {
        return "memory";
    }

    @Override
    public synchronized Target target(Target.Kind kind, long pid, Instant processStart, String command,
            long maxHeapBytes) {
        if (target == null || target.pid() != pid || !target.processStart().equals(processStart)) {
            target = new Target(1, kind, pid, processStart, command, maxHeapBytes);
        }
        return target;
    }

    @Override
    public void forEachGcEvent(long targetId, Consumer<GcEvent> action) {
        // readings are not kept: there is nothing to resume in a process that watches itself
    }

    @Override
    public List<Sample> samples(long targetId) {
        return List.of();
    }

    @Override
    public void append(long targetId, List<GcEvent> gcEvents, List<Sample> samples) {
        // the watcher's series holds them, bounded
    }

    @Override
    public synchronized void addFinding(long targetId, StoredFinding finding) {
        bounded(findings, finding);
    }

    @Override
    public synchronized List<StoredFinding> findings(long targetId) {
        return new ArrayList<>(findings);
    }

    @Override
    public synchronized void addAlert(long targetId, Alert alert) {
        bounded(alerts, alert);
    }

    @Override
    public synchronized List<Alert> alerts(long targetId) {
        return new ArrayList<>(alerts);
    }

    @Override
    public synchronized Capture addCapture(long targetId, Capture capture) {
        Capture kept = new Capture(nextCaptureId++, capture.started(), capture.state(), capture.trigger(),
                capture.baselineDump(), capture.secondDump(), capture.report(), capture.holder(), capture.path(),
                capture.message(), capture.finished());
        bounded(captures, kept);
        return kept;
    }

    @Override
    public synchronized void updateCapture(Capture capture) {
        List<Capture> all = new ArrayList<>(captures);
        captures.clear();
        for (Capture c : all) {
            captures.add(c.id() == capture.id() ? capture : c);
        }
    }

    @Override
    public synchronized List<Capture> captures(long targetId) {
        return new ArrayList<>(captures);
    }

    @Override
    public List<Annotation> annotations() {
        return List.of();
    }

    private <T> void bounded(Deque<T> kept, T item) {
        kept.addLast(item);
        while (kept.size() > keep) {
            kept.removeFirst();
        }
    }
}

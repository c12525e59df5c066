package io.leakhound.watch;

import io.leakhound.series.GcEvent;
import io.leakhound.series.history.Alert;
import io.leakhound.series.history.Annotation;
import io.leakhound.series.history.Capture;
import io.leakhound.series.history.Target;
import io.leakhound.store.Sample;
import io.leakhound.store.StoreException;
import io.leakhound.store.StoredFinding;
import io.leakhound.store.WatchStore;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** A {@link WatchJournal} kept in a {@link WatchStore} file: each call is the store's, one transaction each. */
final class StoreJournal implements WatchJournal {

    private final WatchStore store;

    StoreJournal(WatchStore store) {
        this.store = store;
    }

    @Override
    public String where() {
        return store.file().toString();
    }

    @Override
    public Target target(Target.Kind kind, long pid, Instant processStart, String command, long maxHeapBytes)
            throws StoreException {
        return store.target(kind, pid, processStart, command, maxHeapBytes);
    }

    @Override
    public void forEachGcEvent(long targetId, Consumer<GcEvent> action) throws StoreException {
        store.forEachGcEvent(targetId, action);
    }

    @Override
    public List<Sample> samples(long targetId) throws StoreException {
        return store.samples(targetId);
    }

    @Override
    public void append(long targetId, List<GcEvent> gcEvents, List<Sample> samples) throws StoreException {
        store.append(targetId, gcEvents, samples);
    }

    @Override
    public void addFinding(long targetId, StoredFinding finding) throws StoreException {
        store.addFinding(targetId, finding);
    }

    @Override
    public List<StoredFinding> findings(long targetId) throws StoreException {
        return store.findings(targetId);
    }

    @Override
    public void addAlert(long targetId, Alert alert) throws StoreException {
        store.addAlert(targetId, alert);
    }

    @Override
    public List<Alert> alerts(long targetId) throws StoreException {
        return store.alerts(targetId);
    }

    @Override
    public Capture addCapture(long targetId, Capture capture) throws StoreException {
        return store.addCapture(targetId, capture);
    }

    @Override
    public void updateCapture(Capture capture) throws StoreException {
        store.updateCapture(capture);
    }

    @Override
    public List<Capture> captures(long targetId) throws StoreException {
        return store.captures(targetId);
    }

    @Override
    public List<Annotation> annotations() throws StoreException {
        return store.annotations();
    }
}

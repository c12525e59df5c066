package io.leakhound.watch;

import io.leakhound.series.GcEvent;
import io.leakhound.series.history.Alert;
import io.leakhound.series.history.Annotation;
import io.leakhound.series.history.Capture;
import io.leakhound.series.history.Target;
import io.leakhound.store.Sample;
import io.leakhound.store.StoredFinding;
import io.leakhound.store.WatchStore;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a watch keeps what it saw: its target, readings, findings, alerts and captures. The CLI's watch keeps
 * them in a {@link WatchStore} file ({@link #of(WatchStore)}: the history survives the watcher, and a restarted
 * watch resumes it); the in-process agent keeps only a bounded tail in memory ({@link InMemoryJournal}), as a
 * host application must not carry a SQLite driver nor a growing history for leakhound.
 *
 * <p>The {@link Watcher} and {@link HeapCapture} read and write only through this interface, so both keepers run
 * the same loop and the same capture.
 */
public interface WatchJournal {

    /** Where the history is kept, in words for messages: a file name, or {@code "memory"}. */
    String where();

    /** The target of one process run, found again (same pid and start) or created. */
    Target target(Target.Kind kind, long pid, java.time.Instant processStart, String command, long maxHeapBytes)
            throws IOException;

    /** The stored GC events of a target, oldest first (a resumed watch reloads them). */
    void forEachGcEvent(long targetId, Consumer<GcEvent> action) throws IOException;

    /** The stored samples of a target, oldest first. */
    List<Sample> samples(long targetId) throws IOException;

    /** Keeps the readings of one poll. */
    void append(long targetId, List<GcEvent> gcEvents, List<Sample> samples) throws IOException;

    void addFinding(long targetId, StoredFinding finding) throws IOException;

    List<StoredFinding> findings(long targetId) throws IOException;

    void addAlert(long targetId, Alert alert) throws IOException;

    List<Alert> alerts(long targetId) throws IOException;

    /** Keeps a new capture; returns it with its id. */
    Capture addCapture(long targetId, Capture capture) throws IOException;

    /** Replaces the kept capture of the same id. */
    void updateCapture(Capture capture) throws IOException;

    List<Capture> captures(long targetId) throws IOException;

    /** The person's markers (deploys), for every target. */
    List<Annotation> annotations() throws IOException;

    /** The journal of a store file: every call goes to the file. */
    static WatchJournal of(WatchStore store) {
        return new StoreJournal(store);
    }
}

package io.leakhound.store;

import io.leakhound.series.GcEvent;
import java.io.Closeable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A watch's history in one SQLite file: targets, GC events, samples, findings, alerts, captures and annotations.
 * Every append is its own transaction, committed before the method returns (WAL journal), so a watcher killed
 * with {@code kill -9} loses nothing it had appended; a reopened store resumes the same targets.
 *
 * <p>Thread-safe: one connection, every method synchronized (a watch samples on one thread and captures on
 * another).
 */
public final class WatchStore implements Closeable {

    /** The default file: {@code ~/.leakhound/watch.db}. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".leakhound", "watch.db");
    }

    /**
     * Opens (or creates, with its parent folders) the store at {@code file}.
     *
     * @throws StoreException when the file is not a leakhound store (another SQLite database, not SQLite at all,
     *                        corrupt, from a newer leakhound) or cannot be created; the message names the file
     */
    public static WatchStore open(Path file) throws StoreException {
        throw new UnsupportedOperationException("being written");
    }

    /** The file this store lives in. */
    public Path file() {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * The target for this process: the stored one when the same kind, pid and start time are there (a resumed
     * watch), else a new one. {@code maxHeapBytes} updates a stored target when positive.
     */
    public Target target(String kind, long pid, Instant processStart, String command, long maxHeapBytes)
            throws StoreException {
        throw new UnsupportedOperationException("being written");
    }

    /** Every target, most recently active first (the last sample, GC event or creation). */
    public List<Target> targets() throws StoreException {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * Appends GC events and samples of one target in one transaction. A GC event whose GC id the target has
     * already stored is skipped (a resumed stream may repeat the last collections).
     */
    public void append(long targetId, List<GcEvent> gcEvents, List<Sample> samples) throws StoreException {
        throw new UnsupportedOperationException("being written");
    }

    /** The target's GC events in time order, as appended (every field of {@link GcEvent} round-trips). */
    public List<GcEvent> gcEvents(long targetId) throws StoreException {
        throw new UnsupportedOperationException("being written");
    }

    /** The target's samples in time order. */
    public List<Sample> samples(long targetId) throws StoreException {
        throw new UnsupportedOperationException("being written");
    }

    public void addFinding(long targetId, StoredFinding finding) throws StoreException {
        throw new UnsupportedOperationException("being written");
    }

    /** The target's stored findings in time order. */
    public List<StoredFinding> findings(long targetId) throws StoreException {
        throw new UnsupportedOperationException("being written");
    }

    public void addAlert(long targetId, Alert alert) throws StoreException {
        throw new UnsupportedOperationException("being written");
    }

    /** The target's alerts in time order. */
    public List<Alert> alerts(long targetId) throws StoreException {
        throw new UnsupportedOperationException("being written");
    }

    /** Stores a new capture and returns it with its id. */
    public Capture addCapture(long targetId, Capture capture) throws StoreException {
        throw new UnsupportedOperationException("being written");
    }

    /** Replaces the stored capture of the same id (its state moved on). */
    public void updateCapture(Capture capture) throws StoreException {
        throw new UnsupportedOperationException("being written");
    }

    /** The target's captures in the order started. */
    public List<Capture> captures(long targetId) throws StoreException {
        throw new UnsupportedOperationException("being written");
    }

    public void addAnnotation(Annotation annotation) throws StoreException {
        throw new UnsupportedOperationException("being written");
    }

    /** Every annotation, in time order. */
    public List<Annotation> annotations() throws StoreException {
        throw new UnsupportedOperationException("being written");
    }

    @Override
    public void close() throws StoreException {
        throw new UnsupportedOperationException("being written");
    }
}

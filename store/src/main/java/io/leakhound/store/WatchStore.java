package io.leakhound.store;

import io.leakhound.series.history.Target;
import io.leakhound.series.history.Annotation;
import io.leakhound.series.history.Capture;
import io.leakhound.series.history.Alert;
import io.leakhound.series.history.AlertState;
import io.leakhound.series.Collector;
import io.leakhound.series.GcEvent;
import io.leakhound.series.GcKind;
import io.leakhound.series.MemoryChange;
import io.leakhound.series.Unit;
import io.leakhound.series.verdict.AlertLevel;
import io.leakhound.series.verdict.Verdict;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;

/**
 * A watch's history in one SQLite file: targets, GC events, samples, findings, alerts, captures and annotations.
 * Every append is its own transaction, committed before the method returns (WAL journal), so a watcher killed
 * with {@code kill -9} loses nothing it had appended; a reopened store resumes the same targets.
 *
 * <p>Thread-safe: one connection, every method synchronized (a watch samples on one thread and captures on
 * another). Several processes may use one file at once ({@code leakhound annotate} while a watch appends):
 * a writer waits up to {@link #BUSY_TIMEOUT_MILLIS} for another's transaction.
 *
 * <p>Cost: an append is one short transaction without fsync ({@code synchronous=NORMAL} in WAL mode: a
 * killed process loses nothing committed, only a power cut may lose the last transactions), well under a
 * millisecond for a batch of a few events, so a JVM collecting ten times a second is cheap to follow. Reads
 * return whole series as lists: about 200 bytes per GC event held.
 *
 * <p>Times are stored as nanoseconds since the epoch (instants) or since the process start (uptimes), so every
 * value round-trips exactly for dates between 1678 and 2261.
 */
public final class WatchStore implements Closeable {

    /** {@code PRAGMA application_id} of a leakhound store: "LKHD". */
    static final int APPLICATION_ID = 0x4C4B4844;
    /** {@code PRAGMA user_version}: the schema this code writes and reads. */
    static final int SCHEMA_VERSION = 1;
    static final int BUSY_TIMEOUT_MILLIS = 5_000;

    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int SQLITE_HEADER_BYTES = 100;

    // One statement per line; ids are SQLite rowids. Indexes serve "series of one target in time order".
    private static final String[] SCHEMA = {
        """
        CREATE TABLE targets (
            id INTEGER PRIMARY KEY, kind TEXT NOT NULL, pid INTEGER NOT NULL,
            start_ms INTEGER NOT NULL, start_ns INTEGER NOT NULL, command TEXT NOT NULL,
            max_heap INTEGER NOT NULL, active_ns INTEGER NOT NULL)""",
        "CREATE UNIQUE INDEX targets_process ON targets (kind, pid, start_ms)",
        """
        CREATE TABLE gc_events (
            target INTEGER NOT NULL REFERENCES targets (id), uptime_ns INTEGER NOT NULL, wall_ns INTEGER,
            gc_id INTEGER NOT NULL, collector TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, cause TEXT,
            heap_before INTEGER NOT NULL, heap_after INTEGER NOT NULL, heap_capacity INTEGER NOT NULL,
            old_before INTEGER NOT NULL, old_after INTEGER NOT NULL, old_capacity INTEGER NOT NULL,
            meta_before INTEGER NOT NULL, meta_after INTEGER NOT NULL, meta_capacity INTEGER NOT NULL,
            pause_ns INTEGER NOT NULL, duration_ns INTEGER NOT NULL, live_bytes INTEGER NOT NULL)""",
        "CREATE INDEX gc_events_series ON gc_events (target, uptime_ns)",
        "CREATE INDEX gc_events_gc_id ON gc_events (target, gc_id)",
        """
        CREATE TABLE samples (
            target INTEGER NOT NULL REFERENCES targets (id), resource TEXT NOT NULL, unit TEXT NOT NULL,
            at_ns INTEGER NOT NULL, value INTEGER NOT NULL, lim INTEGER NOT NULL)""",
        "CREATE INDEX samples_series ON samples (target, at_ns)",
        """
        CREATE TABLE findings (
            target INTEGER NOT NULL REFERENCES targets (id), at_ns INTEGER NOT NULL, resource TEXT NOT NULL,
            verdict TEXT NOT NULL, confidence REAL, growth_per_hour REAL, alert TEXT NOT NULL,
            summary TEXT NOT NULL)""",
        "CREATE INDEX findings_series ON findings (target, at_ns)",
        """
        CREATE TABLE alerts (
            target INTEGER NOT NULL REFERENCES targets (id), at_ns INTEGER NOT NULL, resource TEXT NOT NULL,
            kind TEXT NOT NULL, level TEXT NOT NULL, previous TEXT NOT NULL, message TEXT NOT NULL)""",
        "CREATE INDEX alerts_series ON alerts (target, at_ns)",
        """
        CREATE TABLE captures (
            id INTEGER PRIMARY KEY, target INTEGER NOT NULL REFERENCES targets (id), started_ns INTEGER NOT NULL,
            state TEXT NOT NULL, trigger TEXT NOT NULL, baseline_dump TEXT, second_dump TEXT, report TEXT,
            holder TEXT, path TEXT, message TEXT NOT NULL, finished_ns INTEGER)""",
        "CREATE INDEX captures_series ON captures (target, started_ns)",
        "CREATE TABLE annotations (id INTEGER PRIMARY KEY, at_ns INTEGER NOT NULL, text TEXT NOT NULL)",
        "CREATE INDEX annotations_time ON annotations (at_ns)",
    };

    private static final String GC_COLUMNS = "uptime_ns, wall_ns, gc_id, collector, kind, name, cause, "
            + "heap_before, heap_after, heap_capacity, old_before, old_after, old_capacity, "
            + "meta_before, meta_after, meta_capacity, pause_ns, duration_ns, live_bytes";

    private final Path file;
    private final Connection connection;

    private WatchStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** The default file: {@code ~/.leakhound/watch.db}. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".leakhound", "watch.db");
    }

    /**
     * Opens (or creates, with its parent folders) the store at {@code file}. A missing or empty (0-byte) file
     * becomes a new store; any other file is only used when it is a leakhound store of this schema or older, and
     * is left untouched otherwise.
     *
     * @throws StoreException when the file is not a leakhound store (another SQLite database, not SQLite at all,
     *                        corrupt, from a newer leakhound) or cannot be created; the message names the file
     */
    public static WatchStore open(Path file) throws StoreException {
        checkHeader(file);
        Connection connection = connect(file);
        try {
            WatchStore store = new WatchStore(file, connection);
            store.prepare();
            return store;
        } catch (StoreException | RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    // Refuses a file that is not SQLite before SQLite sees it: SQLite would report "file is not a database"
    // at best, and a text file of 0 < n < 100 bytes would be taken for an empty database and overwritten.
    private static void checkHeader(Path file) throws StoreException {
        if (Files.isDirectory(file)) {
            throw new StoreException(file, "is a directory, expected a leakhound watch store (an SQLite file)", null);
        }
        if (!Files.exists(file)) {
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (IOException e) {
                throw new StoreException(file, "cannot create its folder: " + e, e);
            }
            return;
        }
        byte[] header = new byte[SQLITE_HEADER_BYTES];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int r; n < header.length && (r = in.read(header, n, header.length - n)) > 0; ) {
                n += r;
            }
        } catch (IOException e) {
            throw new StoreException(file, "cannot read: " + e, e);
        }
        if (n == 0) {
            return; // an empty file (e.g. from mktemp) holds nothing to lose: it becomes a new store
        }
        for (int i = 0; i < SQLITE_MAGIC.length; i++) {
            if (i >= n || header[i] != SQLITE_MAGIC[i]) {
                throw new StoreException(file, "not an SQLite file (starts with " + printable(header, n)
                        + "), expected a leakhound watch store, which starts with 'SQLite format 3'", null);
            }
        }
        if (n < SQLITE_HEADER_BYTES) {
            throw new StoreException(file, "truncated SQLite file: " + n + " bytes, shorter than the "
                    + SQLITE_HEADER_BYTES + "-byte header of a leakhound watch store", null);
        }
    }

    private static Connection connect(Path file) throws StoreException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        // a write transaction takes the write lock at BEGIN, so two writers queue on the busy timeout instead
        // of one failing at once when it upgrades a read lock
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        try {
            return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw new StoreException(file, "cannot open: " + e.getMessage(), e);
        }
    }

    // Checks the identity of the file, creates the schema in a new one, then switches to WAL (which rewrites
    // header bytes: done only once the file is known to be ours).
    private void prepare() throws StoreException {
        try {
            int applicationId = pragmaInt("application_id");
            int version = pragmaInt("user_version");
            if (applicationId == 0 && version == 0 && tableCount() == 0) {
                create();
            } else {
                check(applicationId, version);
            }
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
            }
        } catch (SQLException e) {
            throw new StoreException(file, "not a readable leakhound watch store: " + e.getMessage(), e);
        }
    }

    private void create() throws SQLException, StoreException {
        connection.setAutoCommit(false);
        try {
            // another process may have created it since we looked: re-check inside the write transaction
            if (tableCount() != 0) {
                connection.rollback();
                check(pragmaInt("application_id"), pragmaInt("user_version"));
                return;
            }
            try (Statement s = connection.createStatement()) {
                for (String ddl : SCHEMA) {
                    s.execute(ddl);
                }
                s.execute("PRAGMA application_id=" + APPLICATION_ID);
                s.execute("PRAGMA user_version=" + SCHEMA_VERSION);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void check(int applicationId, int version) throws SQLException, StoreException {
        if (applicationId != APPLICATION_ID) {
            throw new StoreException(file, "an SQLite database of another application (application_id "
                    + hex(applicationId) + ", " + tableCount() + " tables), expected a leakhound watch store"
                    + " (application_id " + hex(APPLICATION_ID) + "); it was left untouched", null);
        }
        if (version > SCHEMA_VERSION) {
            throw new StoreException(file, "a leakhound watch store of schema " + version
                    + ", written by a newer leakhound; this one reads schema " + SCHEMA_VERSION
                    + " and older", null);
        }
        if (version < 1) {
            throw new StoreException(file, "a leakhound watch store without a schema version (user_version "
                    + version + "), expected " + SCHEMA_VERSION, null);
        }
    }

    private int pragmaInt(String pragma) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("PRAGMA " + pragma)) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    private int tableCount() throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    /** The file this store lives in. */
    public Path file() {
        return file;
    }

    /**
     * The target for this process: the stored one when the same kind, pid and start time are there (a resumed
     * watch), else a new one. {@code maxHeapBytes} updates a stored target when positive. Start times are
     * compared at millisecond precision, as different sources of one process's start time (JMX, /proc) agree to
     * the millisecond at best.
     */
    public synchronized Target target(Target.Kind kind, long pid, Instant processStart, String command, long maxHeapBytes)
            throws StoreException {
        long startMillis = processStart.toEpochMilli();
        return write("find the target for pid " + pid, () -> {
            Target found = null;
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT id, start_ns, command, max_heap FROM targets WHERE kind = ? AND pid = ? AND start_ms = ?")) {
                s.setString(1, kind.label());
                s.setLong(2, pid);
                s.setLong(3, startMillis);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        found = new Target(r.getLong(1), kind, pid, instant(r.getLong(2)), r.getString(3),
                                r.getLong(4));
                    }
                }
            }
            long now = nanos(Instant.now());
            if (found != null) {
                long maxHeap = maxHeapBytes > 0 ? maxHeapBytes : found.maxHeapBytes();
                try (PreparedStatement s = connection.prepareStatement(
                        "UPDATE targets SET max_heap = ?, active_ns = max(active_ns, ?) WHERE id = ?")) {
                    s.setLong(1, maxHeap);
                    s.setLong(2, now);
                    s.setLong(3, found.id());
                    s.executeUpdate();
                }
                return new Target(found.id(), kind, pid, found.processStart(), found.command(), maxHeap);
            }
            try (PreparedStatement s = connection.prepareStatement(
                    "INSERT INTO targets (kind, pid, start_ms, start_ns, command, max_heap, active_ns)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, kind.label());
                s.setLong(2, pid);
                s.setLong(3, startMillis);
                s.setLong(4, nanos(processStart));
                s.setString(5, command);
                long maxHeap = maxHeapBytes > 0 ? maxHeapBytes : -1;
                s.setLong(6, maxHeap);
                s.setLong(7, now);
                s.executeUpdate();
                return new Target(generatedId(s), kind, pid, processStart, command, maxHeap);
            }
        });
    }

    /** Every target, most recently active first (the last append, or creation). */
    public synchronized List<Target> targets() throws StoreException {
        return read("list the targets", () -> {
            List<Target> targets = new ArrayList<>();
            try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT id, kind, pid, start_ns, command, max_heap FROM targets ORDER BY active_ns DESC, id DESC")) {
                while (r.next()) {
                    targets.add(new Target(r.getLong(1), Target.Kind.ofLabel(r.getString(2)), r.getLong(3), instant(r.getLong(4)),
                            r.getString(5), r.getLong(6)));
                }
            }
            return targets;
        });
    }

    /**
     * Appends GC events and samples of one target in one transaction. A GC event whose GC id the target has
     * already stored is skipped (a resumed stream may repeat the last collections). Events of one call sharing a
     * GC id (a log's concurrent cycle and its pauses) are all kept: only ids stored by earlier calls count.
     */
    public synchronized void append(long targetId, List<GcEvent> gcEvents, List<Sample> samples)
            throws StoreException {
        if (gcEvents.isEmpty() && samples.isEmpty()) {
            return;
        }
        write("append to target " + targetId, () -> {
            appendGcEvents(targetId, gcEvents);
            if (!samples.isEmpty()) {
                try (PreparedStatement s = connection.prepareStatement(
                        "INSERT INTO samples (target, resource, unit, at_ns, value, lim) VALUES (?, ?, ?, ?, ?, ?)")) {
                    for (Sample sample : samples) {
                        s.setLong(1, targetId);
                        s.setString(2, sample.resource());
                        s.setString(3, sample.unit().name());
                        s.setLong(4, nanos(sample.at()));
                        s.setLong(5, sample.value());
                        s.setLong(6, sample.limit());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
            touch(targetId);
            return null;
        });
    }

    private void appendGcEvents(long targetId, List<GcEvent> gcEvents) throws SQLException {
        if (gcEvents.isEmpty()) {
            return;
        }
        List<GcEvent> fresh = new ArrayList<>(gcEvents.size());
        try (PreparedStatement known = connection.prepareStatement(
                "SELECT 1 FROM gc_events WHERE target = ? AND gc_id = ? LIMIT 1")) {
            for (GcEvent e : gcEvents) {
                if (e.gcId() < 0) {
                    fresh.add(e);
                    continue;
                }
                known.setLong(1, targetId);
                known.setLong(2, e.gcId());
                try (ResultSet r = known.executeQuery()) {
                    if (!r.next()) {
                        fresh.add(e);
                    }
                }
            }
        }
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO gc_events (target, " + GC_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (GcEvent e : fresh) {
                int c = 1;
                s.setLong(c++, targetId);
                s.setLong(c++, e.uptime().toNanos());
                setNullableLong(s, c++, e.wallClock() == null ? null : nanos(e.wallClock()));
                s.setLong(c++, e.gcId());
                s.setString(c++, e.collector().name());
                s.setString(c++, e.kind().name());
                s.setString(c++, e.name());
                s.setString(c++, e.cause());
                for (MemoryChange m : List.of(e.heap(), e.oldGen(), e.metaspace())) {
                    s.setLong(c++, m.beforeBytes());
                    s.setLong(c++, m.afterBytes());
                    s.setLong(c++, m.capacityBytes());
                }
                s.setLong(c++, e.pause().toNanos());
                s.setLong(c++, e.duration().toNanos());
                s.setLong(c, e.liveBytes());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private void touch(long targetId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "UPDATE targets SET active_ns = max(active_ns, ?) WHERE id = ?")) {
            s.setLong(1, nanos(Instant.now()));
            s.setLong(2, targetId);
            if (s.executeUpdate() != 1) {
                throw new SQLException("no target " + targetId + " in the store");
            }
        }
    }

    /** The target's GC events in time order, as appended (every field of {@link GcEvent} round-trips). */
    public synchronized List<GcEvent> gcEvents(long targetId) throws StoreException {
        List<GcEvent> events = new ArrayList<>();
        forEachGcEvent(targetId, events::add);
        return events;
    }

    /**
     * The target's GC events in time order, one at a time: a long history (a day of a GC every 100 ms is
     * 860,000 events, about 200 MB as a list) can go into a bounded {@code GcSeries} without a list in between.
     * {@code action} runs under this store's lock: it must not call the store.
     */
    public synchronized void forEachGcEvent(long targetId, Consumer<GcEvent> action) throws StoreException {
        read("read the GC events of target " + targetId, () -> {
            try (PreparedStatement s = connection.prepareStatement("SELECT " + GC_COLUMNS
                    + " FROM gc_events WHERE target = ? ORDER BY uptime_ns, rowid")) {
                s.setLong(1, targetId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long wall = r.getLong(2);
                        Instant wallClock = r.wasNull() ? null : instant(wall);
                        action.accept(new GcEvent(
                                Duration.ofNanos(r.getLong(1)), wallClock, r.getLong(3),
                                named(Collector.class, r.getString(4)), named(GcKind.class, r.getString(5)),
                                r.getString(6), r.getString(7),
                                change(r, 8), change(r, 11), change(r, 14),
                                Duration.ofNanos(r.getLong(17)), Duration.ofNanos(r.getLong(18)), r.getLong(19)));
                    }
                }
            }
            return null;
        });
    }

    /** The target's samples in time order. */
    public synchronized List<Sample> samples(long targetId) throws StoreException {
        return read("read the samples of target " + targetId, () -> {
            List<Sample> samples = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement("SELECT resource, unit, at_ns, value, lim"
                    + " FROM samples WHERE target = ? ORDER BY at_ns, rowid")) {
                s.setLong(1, targetId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        samples.add(new Sample(r.getString(1), named(Unit.class, r.getString(2)),
                                instant(r.getLong(3)), r.getLong(4), r.getLong(5)));
                    }
                }
            }
            return samples;
        });
    }

    public synchronized void addFinding(long targetId, StoredFinding finding) throws StoreException {
        write("store a finding of target " + targetId, () -> {
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO findings (target, at_ns, resource,"
                    + " verdict, confidence, growth_per_hour, alert, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, targetId);
                s.setLong(2, nanos(finding.at()));
                s.setString(3, finding.resource());
                s.setString(4, finding.verdict().name());
                setDouble(s, 5, finding.confidence());
                setDouble(s, 6, finding.growthPerHour());
                s.setString(7, finding.alert().name());
                s.setString(8, finding.summary());
                s.executeUpdate();
            }
            touch(targetId);
            return null;
        });
    }

    /** The target's stored findings in time order. */
    public synchronized List<StoredFinding> findings(long targetId) throws StoreException {
        return read("read the findings of target " + targetId, () -> {
            List<StoredFinding> findings = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement("SELECT at_ns, resource, verdict, confidence,"
                    + " growth_per_hour, alert, summary FROM findings WHERE target = ? ORDER BY at_ns, rowid")) {
                s.setLong(1, targetId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        findings.add(new StoredFinding(instant(r.getLong(1)), r.getString(2),
                                named(Verdict.class, r.getString(3)), getDouble(r, 4), getDouble(r, 5),
                                named(AlertLevel.class, r.getString(6)), r.getString(7)));
                    }
                }
            }
            return findings;
        });
    }

    public synchronized void addAlert(long targetId, Alert alert) throws StoreException {
        write("store an alert of target " + targetId, () -> {
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO alerts (target, at_ns, resource,"
                    + " kind, level, previous, message) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, targetId);
                s.setLong(2, nanos(alert.at()));
                s.setString(3, alert.resource());
                s.setString(4, alert.kind().label());
                s.setString(5, alert.level().name());
                s.setString(6, alert.previous().name());
                s.setString(7, alert.message());
                s.executeUpdate();
            }
            touch(targetId);
            return null;
        });
    }

    /** The target's alerts in time order. */
    public synchronized List<Alert> alerts(long targetId) throws StoreException {
        return read("read the alerts of target " + targetId, () -> {
            List<Alert> alerts = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement("SELECT at_ns, resource, kind, level, previous,"
                    + " message FROM alerts WHERE target = ? ORDER BY at_ns, rowid")) {
                s.setLong(1, targetId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Alert.Kind kind = Alert.Kind.ofLabel(r.getString(3));
                        alerts.add(new Alert(instant(r.getLong(1)), r.getString(2), kind,
                                AlertState.named(kind, r.getString(4)), AlertState.named(kind, r.getString(5)),
                                r.getString(6)));
                    }
                }
            }
            return alerts;
        });
    }

    /** Stores a new capture and returns it with its id (the {@code id} passed in is ignored). */
    public synchronized Capture addCapture(long targetId, Capture capture) throws StoreException {
        return write("store a capture of target " + targetId, () -> {
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO captures (target, started_ns,"
                    + " state, trigger, baseline_dump, second_dump, report, holder, path, message, finished_ns)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                s.setLong(1, targetId);
                bindCapture(s, 2, capture);
                s.executeUpdate();
                long id = generatedId(s);
                touch(targetId);
                return new Capture(id, capture.started(), capture.state(), capture.trigger(), capture.baselineDump(),
                        capture.secondDump(), capture.report(), capture.holder(), capture.path(), capture.message(),
                        capture.finished());
            }
        });
    }

    /** Replaces the stored capture of the same id (its state moved on). */
    public synchronized void updateCapture(Capture capture) throws StoreException {
        write("update capture " + capture.id(), () -> {
            try (PreparedStatement s = connection.prepareStatement("UPDATE captures SET started_ns = ?, state = ?,"
                    + " trigger = ?, baseline_dump = ?, second_dump = ?, report = ?, holder = ?, path = ?,"
                    + " message = ?, finished_ns = ? WHERE id = ?")) {
                bindCapture(s, 1, capture);
                s.setLong(11, capture.id());
                if (s.executeUpdate() != 1) {
                    throw new SQLException("no capture " + capture.id() + " in the store");
                }
            }
            return null;
        });
    }

    private static void bindCapture(PreparedStatement s, int first, Capture c) throws SQLException {
        int i = first;
        s.setLong(i++, nanos(c.started()));
        s.setString(i++, c.state().label());
        s.setString(i++, c.trigger());
        s.setString(i++, c.baselineDump() == null ? null : c.baselineDump().toString());
        s.setString(i++, c.secondDump() == null ? null : c.secondDump().toString());
        s.setString(i++, c.report() == null ? null : c.report().toString());
        s.setString(i++, c.holder());
        s.setString(i++, c.path());
        s.setString(i++, c.message());
        setNullableLong(s, i, c.finished() == null ? null : nanos(c.finished()));
    }

    /** The target's captures in the order started. */
    public synchronized List<Capture> captures(long targetId) throws StoreException {
        return read("read the captures of target " + targetId, () -> {
            List<Capture> captures = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement("SELECT id, started_ns, state, trigger,"
                    + " baseline_dump, second_dump, report, holder, path, message, finished_ns FROM captures"
                    + " WHERE target = ? ORDER BY started_ns, id")) {
                s.setLong(1, targetId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long finished = r.getLong(11);
                        Instant finishedAt = r.wasNull() ? null : instant(finished);
                        captures.add(new Capture(r.getLong(1), instant(r.getLong(2)), Capture.State.ofLabel(r.getString(3)),
                                r.getString(4), path(r.getString(5)), path(r.getString(6)), path(r.getString(7)),
                                r.getString(8), r.getString(9), r.getString(10), finishedAt));
                    }
                }
            }
            return captures;
        });
    }

    public synchronized void addAnnotation(Annotation annotation) throws StoreException {
        write("store an annotation", () -> {
            try (PreparedStatement s = connection.prepareStatement(
                    "INSERT INTO annotations (at_ns, text) VALUES (?, ?)")) {
                s.setLong(1, nanos(annotation.at()));
                s.setString(2, annotation.text());
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Every annotation, in time order. */
    public synchronized List<Annotation> annotations() throws StoreException {
        return read("read the annotations", () -> {
            List<Annotation> annotations = new ArrayList<>();
            try (Statement s = connection.createStatement();
                 ResultSet r = s.executeQuery("SELECT at_ns, text FROM annotations ORDER BY at_ns, id")) {
                while (r.next()) {
                    annotations.add(new Annotation(instant(r.getLong(1)), r.getString(2)));
                }
            }
            return annotations;
        });
    }

    @Override
    public synchronized void close() throws StoreException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException(file, "cannot close: " + e.getMessage(), e);
        }
    }

    // ---- transactions

    private interface Work<T> {
        T run() throws SQLException;
    }

    // One write = one transaction, committed before returning. Reads run outside transactions (auto-commit), so
    // each sees what other processes committed last rather than a snapshot held open.
    private <T> T write(String what, Work<T> work) throws StoreException {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run();
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(file, "cannot " + what + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new StoreException(file, "cannot " + what + ": " + e.getMessage(), e);
        }
    }

    private <T> T read(String what, Work<T> work) throws StoreException {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new StoreException(file, "cannot " + what + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // a value the records refuse (a negative reading, an unknown enum name): the file was altered
            throw new StoreException(file, "cannot " + what + ", it holds an invalid value: " + e.getMessage(), e);
        }
    }

    // ---- values

    static long nanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("time out of the storable range (1678..2261): " + t, e);
        }
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private static MemoryChange change(ResultSet r, int first) throws SQLException {
        long before = r.getLong(first);
        long after = r.getLong(first + 1);
        long capacity = r.getLong(first + 2);
        boolean unknown = before == MemoryChange.UNKNOWN_BYTES && after == MemoryChange.UNKNOWN_BYTES
                && capacity == MemoryChange.UNKNOWN_BYTES;
        return unknown ? MemoryChange.UNKNOWN : MemoryChange.of(before, after, capacity);
    }

    private static <E extends Enum<E>> E named(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown " + type.getSimpleName() + " '" + name + "'", e);
        }
    }

    private static Path path(String s) {
        return s == null ? null : Path.of(s);
    }

    private static void setNullableLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setLong(index, value);
        }
    }

    // SQLite stores NaN as NULL: map it back
    private static void setDouble(PreparedStatement s, int index, double value) throws SQLException {
        if (Double.isNaN(value)) {
            s.setNull(index, Types.REAL);
        } else {
            s.setDouble(index, value);
        }
    }

    private static double getDouble(ResultSet r, int index) throws SQLException {
        double value = r.getDouble(index);
        return r.wasNull() ? Double.NaN : value;
    }

    private static long generatedId(Statement s) throws SQLException {
        try (ResultSet keys = s.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("no id generated");
            }
            return keys.getLong(1);
        }
    }

    private static String hex(int value) {
        return String.format("0x%08X", value);
    }

    private static String printable(byte[] bytes, int n) {
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < Math.min(n, 16); i++) {
            int b = bytes[i] & 0xff;
            sb.append(b >= 0x20 && b < 0x7f ? Character.toString(b) : String.format("\\x%02x", b));
        }
        return sb.append(n > 16 ? "...'" : "'").toString();
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // already failing with the reason that matters
        }
    }
}

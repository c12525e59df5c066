package io.leakhound.jfr;

import io.leakhound.series.Collector;
import io.leakhound.series.GcEvent;
import io.leakhound.series.GcKind;
import io.leakhound.series.GcSeries;
import io.leakhound.series.Human;
import io.leakhound.series.MemoryChange;
import io.leakhound.series.Unit;
import io.leakhound.series.verdict.PointQuality;
import io.leakhound.series.verdict.UsageSeries;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedObject;

/**
 * Reads the memory of a JVM from its JFR recordings ({@link JfrFile}, the JDK's own parser): one
 * {@link GcEvent} per GC id, joined from jdk.GarbageCollection (name, cause, pauses), jdk.G1GarbageCollection
 * (young, mixed), jdk.Young/OldGarbageCollection, jdk.GCHeapSummary (heap before and after),
 * jdk.G1HeapSummary / jdk.PSHeapSummary (old generation) and jdk.MetaspaceSummary; and the periodic samples:
 * loaded classes (jdk.ClassLoadingStatistics, loaded minus unloaded), live threads
 * (jdk.JavaThreadStatistics), direct buffers (jdk.DirectBufferStatistics), the resident set
 * (jdk.ResidentSetSize) and container memory (jdk.ContainerMemoryUsage, limit from
 * jdk.ContainerConfiguration). JDK 9/10 recordings (com.oracle.jdk.*) read alike.
 *
 * <p>Events come in file order, which is not time order (each thread's buffer is written as a block), so
 * everything is sorted before it becomes a series. Several files of one JVM (the same jdk.JVMInformation
 * start time) are read as one series; samples at the same instant (overlapping dumps of one recording) are
 * counted once.
 *
 * <p>Cost: one pass over each file through the JDK's parser. Memory: only the event types above are kept,
 * about 200 bytes per collection and 16 bytes per sample (a day's recording with a collection a second and
 * samples every second: about 25 MB); everything else is dropped as it is read.
 */
public final class JfrMemoryReader {

    static final String GC = "jdk.GarbageCollection";
    static final String G1_GC = "jdk.G1GarbageCollection";
    static final String YOUNG_GC = "jdk.YoungGarbageCollection";
    static final String OLD_GC = "jdk.OldGarbageCollection";
    static final String HEAP_SUMMARY = "jdk.GCHeapSummary";
    static final String G1_HEAP_SUMMARY = "jdk.G1HeapSummary";
    static final String PS_HEAP_SUMMARY = "jdk.PSHeapSummary";
    static final String METASPACE_SUMMARY = "jdk.MetaspaceSummary";
    static final String JVM_INFORMATION = "jdk.JVMInformation";
    static final String HEAP_CONFIGURATION = "jdk.GCHeapConfiguration";
    static final String CLASS_LOADING = "jdk.ClassLoadingStatistics";
    static final String THREADS = "jdk.JavaThreadStatistics";
    static final String DIRECT_BUFFERS = "jdk.DirectBufferStatistics";
    static final String RSS = "jdk.ResidentSetSize";
    static final String CONTAINER_USAGE = "jdk.ContainerMemoryUsage";
    static final String CONTAINER_CONFIGURATION = "jdk.ContainerConfiguration";

    /** The event types that say anything about memory; a recording without any cannot be judged. */
    static final Set<String> MEMORY_TYPES = Set.of(GC, HEAP_SUMMARY, METASPACE_SUMMARY, CLASS_LOADING, THREADS,
            DIRECT_BUFFERS, RSS, CONTAINER_USAGE);

    /** How far apart the chunks of one JVM's recordings may state its start time. */
    static final Duration SAME_START = Duration.ofSeconds(1);

    private JfrMemoryReader() {
    }

    /** Opens and reads recordings of one JVM; see {@link #read(List)}. */
    public static JfrMemory readFiles(List<Path> files) throws IOException {
        List<JfrFile> opened = new ArrayList<>();
        for (Path f : files) {
            opened.add(JfrFile.open(f));
        }
        return read(opened);
    }

    /**
     * Reads recordings of one JVM as one series in time order. Several files must each name their JVM's start
     * (jdk.JVMInformation), the same one.
     *
     * @throws JfrFormatException when a file is corrupt, when the files come from different JVMs, or when no
     *                            file holds any memory event (a CPU profile, an emergency dump): the message says
     *                            what is missing and how to record it
     */
    public static JfrMemory read(List<JfrFile> files) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no recording to read");
        }
        Collected all = new Collected();
        List<String> warnings = new ArrayList<>();
        Instant jvmStart = null;
        long jvmPid = -1;
        Path jvmStartFile = null;
        Instant recordingStart = null;
        for (JfrFile file : files) {
            Collected one = new Collected();
            file.events(one::accept);
            if (files.size() > 1 && one.jvmStart == null) {
                throw new JfrFormatException(file.path(), -1, "does not say when its JVM started (no"
                        + " jdk.JVMInformation), so it cannot be joined with the other recordings as one JVM's series:"
                        + " analyse it separately");
            }
            if (one.jvmStart != null) {
                if (jvmStart != null && !sameJvm(jvmStart, jvmPid, one.jvmStart, one.pid)) {
                    throw new JfrFormatException(file.path(), -1, "was recorded by a JVM started at " + one.jvmStart
                            + " while " + jvmStartFile + " was recorded by a JVM started at " + jvmStart
                            + "; recordings of different JVMs cannot be one series: analyse them separately");
                }
                if (jvmStart == null || one.jvmStart.isBefore(jvmStart)) {
                    jvmStart = one.jvmStart;
                }
                jvmPid = one.pid >= 0 ? one.pid : jvmPid;
                jvmStartFile = file.path();
            }
            all.addAll(one);
            recordingStart = recordingStart == null || file.start().isBefore(recordingStart)
                    ? file.start() : recordingStart;
            for (String w : file.warnings()) {
                warnings.add(file.path() + ": " + w);
            }
        }
        if (all.memoryEvents == 0) {
            JfrFile first = files.get(0);
            String held = all.otherEvents == 0 ? "holds no events" : "holds " + all.otherEvents + " events of "
                    + (all.otherTypes.size() <= 4 ? String.join(", ", new TreeSet<>(all.otherTypes))
                            : all.otherTypes.size() + " types");
            throw new JfrFormatException(first.path(), -1, held + (files.size() > 1 ? " (in all files)" : "")
                    + " but none about memory (jdk.GarbageCollection, jdk.GCHeapSummary, jdk.MetaspaceSummary,"
                    + " jdk.ClassLoadingStatistics, jdk.JavaThreadStatistics, jdk.DirectBufferStatistics): it looks"
                    + " like a CPU or allocation profile or an emergency dump. Record one with `leakhound record PID`,"
                    + " or start the JVM with -XX:StartFlightRecording:settings=profile,filename=rec.jfr");
        }
        long origin = (jvmStart != null ? jvmStart : recordingStart).toEpochMilli() * 1_000_000L;
        if (jvmStart == null) {
            warnings.add("the recording does not say when the JVM started (no jdk.JVMInformation): times count"
                    + " from the start of the recording");
        }
        GcSeries events = all.gcSeries(origin);
        List<UsageSeries> samples = new ArrayList<>();
        for (Sampled r : all.sampled()) {
            r.samples().addTo(samples, r.resource(), r.unit(), r.limit(), origin);
        }
        if (all.unreadable > 0) {
            warnings.add(all.unreadable + " memory events could not be read and were skipped (first: "
                    + all.firstUnreadable + ")");
        }
        if (all.gcs.isEmpty()) {
            warnings.add("the recording has no garbage collection events (jdk.GarbageCollection): the heap cannot be"
                    + " judged");
        } else if (all.gcs.values().stream().allMatch(gc -> gc.name == null)) {
            warnings.add("the recording has heap summaries but no jdk.GarbageCollection events (as async-profiler"
                    + " writes them): the heap is judged from the summaries; collection counts and pauses are"
                    + " unknown");
        } else if (all.heapAfter == 0) {
            warnings.add("the recording has no heap figures after GC (jdk.GCHeapSummary): the heap cannot be judged");
        }
        long maxHeap = all.maxHeap > 0 ? all.maxHeap : all.reservedHeap;
        Collector collector = events.isEmpty() ? Collector.UNKNOWN : events.collector(0);
        String spread = concurrentCycleSpread(events, collector, maxHeap);
        if (spread != null) {
            warnings.add(spread);
        }
        List<Path> paths = files.stream().map(JfrFile::path).toList();
        return new JfrMemory(paths, collector, events, maxHeap, samples, jvmStart, all.memoryEvents, warnings);
    }

    /**
     * What a recording of a concurrent collector cannot see. ZGC and Shenandoah sum up the heap after GC at the
     * end of each concurrent cycle, with everything the application allocated while the cycle ran; the GC log
     * states what marking found live (ZGC's {@code Live:} row), a recording does not. Where that allocation
     * makes neighbouring cycles differ by more than the growth the verdict calls material (2 % of the heap), a
     * slow leak hides in it: the warning says so and names the log that shows it.
     *
     * @return the warning, or null when the figures are steady enough or the collector is another
     */
    static String concurrentCycleSpread(GcSeries events, Collector collector, long maxHeap) {
        if (collector != Collector.ZGC && collector != Collector.GENERATIONAL_ZGC
                && collector != Collector.SHENANDOAH) {
            return null;
        }
        List<Long> steps = new ArrayList<>();
        long previous = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.kind(i) == GcKind.CONCURRENT_CYCLE && events.heapAfter(i) >= 0 && events.liveAfter(i) < 0) {
                if (previous >= 0) {
                    steps.add(Math.abs(events.heapAfter(i) - previous));
                }
                previous = events.heapAfter(i);
            }
        }
        if (steps.size() < 5 || maxHeap <= 0) {
            return null;
        }
        long median = steps.stream().sorted().toList().get(steps.size() / 2);
        if (median < 0.02 * maxHeap) {
            return null;
        }
        return String.format("under %s a recording's heap after GC is taken at the end of each concurrent cycle and"
                + " includes what was allocated while it ran: here neighbouring cycles differ by %s (median), so a"
                + " leak that adds less than that over the recording can read STABLE; the GC log (-Xlog:gc*) states"
                + " what marking found live: analyse it too",
                collector == Collector.SHENANDOAH ? "Shenandoah"
                        : collector == Collector.GENERATIONAL_ZGC ? "generational ZGC" : "ZGC", Human.bytes(median));
    }

    /** Everything kept from one or more files, before sorting. */
    static final class Collected {
        final Map<Long, Gc> gcs = new HashMap<>();
        final Samples classes = new Samples();
        final Samples threads = new Samples();
        final Samples direct = new Samples();
        final Samples rss = new Samples();
        final Samples container = new Samples();
        long directLimit = -1;
        long containerLimit = -1;
        long maxHeap = -1;
        long reservedHeap = -1;
        Instant jvmStart;
        long pid = -1;
        long memoryEvents;
        long otherEvents;
        long heapAfter;
        long unreadable;
        String firstUnreadable;
        final Set<String> otherTypes = new HashSet<>();

        /**
         * The sampled resources in the order findings list them, each with its unit and limit: the one list a
         * file's reader and a live stream's joiner both go by.
         */
        List<Sampled> sampled() {
            return List.of(new Sampled(classes, "classes", Unit.COUNT, -1),
                    new Sampled(threads, "threads", Unit.COUNT, -1),
                    new Sampled(direct, "direct", Unit.BYTES, directLimit),
                    new Sampled(rss, "rss", Unit.BYTES, containerLimit),
                    new Sampled(container, "container", Unit.BYTES, containerLimit));
        }

        void accept(RecordedEvent e) {
            String type = JfrFile.typeName(e);
            if (MEMORY_TYPES.contains(type)) {
                memoryEvents++;
            } else {
                otherEvents++;
                if (otherTypes.size() < 10_000) {
                    otherTypes.add(type);
                }
            }
            try {
                keep(type, e);
            } catch (RuntimeException ex) {
                // a field of another type than the JDK writes (another writer, an old format): the event is
                // skipped, not the recording
                if (unreadable++ == 0) {
                    firstUnreadable = type + ": " + ex.getMessage();
                }
            }
        }

        private void keep(String type, RecordedEvent e) {
            switch (type) {
                case GC -> {
                    Gc gc = gc(e);
                    gc.startNanos = nanos(e.getStartTime());
                    gc.name = string(e, "name");
                    gc.cause = string(e, "cause");
                    gc.pauseNanos = e.hasField("sumOfPauses") ? e.getDuration("sumOfPauses").toNanos() : -1;
                    gc.durationNanos = e.getDuration().toNanos();
                }
                case G1_GC -> gc(e).g1Type = string(e, "type");
                case YOUNG_GC -> gc(e).young = true;
                case OLD_GC -> gc(e).old = true;
                case HEAP_SUMMARY -> {
                    Gc gc = gc(e);
                    long used = e.getLong("heapUsed");
                    RecordedObject space = e.hasField("heapSpace") ? e.getValue("heapSpace") : null;
                    long committed = space != null && space.hasField("committedSize") ? space.getLong("committedSize") : -1;
                    if (space != null && space.hasField("reservedSize")) {
                        reservedHeap = Math.max(reservedHeap, space.getLong("reservedSize"));
                    }
                    gc.summaryNanos = gc.summaryNanos == Long.MIN_VALUE ? nanos(e.getStartTime()) : gc.summaryNanos;
                    if (after(e)) {
                        gc.heapAfter = used;
                        gc.heapCapacity = committed;
                        heapAfter++;
                    } else {
                        gc.heapBefore = used;
                    }
                }
                case G1_HEAP_SUMMARY -> {
                    // G1 states the young figures; the old generation is the rest of the heap
                    Gc gc = gc(e);
                    long young = e.getLong("edenUsedSize") + e.getLong("survivorUsedSize");
                    if (after(e)) {
                        gc.youngAfter = young;
                    } else {
                        gc.youngBefore = young;
                    }
                }
                case PS_HEAP_SUMMARY -> {
                    Gc gc = gc(e);
                    RecordedObject old = e.getValue("oldObjectSpace");
                    if (old != null) {
                        if (after(e)) {
                            gc.oldAfter = old.getLong("used");
                            gc.oldCapacity = old.getLong("size");
                        } else {
                            gc.oldBefore = old.getLong("used");
                        }
                    }
                }
                case METASPACE_SUMMARY -> {
                    Gc gc = gc(e);
                    RecordedObject sizes = e.getValue("metaspace");
                    if (sizes != null) {
                        if (after(e)) {
                            gc.metaAfter = sizes.getLong("used");
                            gc.metaCapacity = sizes.getLong("committed");
                        } else {
                            gc.metaBefore = sizes.getLong("used");
                        }
                    }
                }
                case JVM_INFORMATION -> {
                    if (e.hasField("jvmStartTime") && e.getValue("jvmStartTime") != null) {
                        // each chunk restates it, a few milliseconds apart (JDK 21): the earliest stands
                        Instant start = e.getInstant("jvmStartTime");
                        jvmStart = jvmStart == null || start.isBefore(jvmStart) ? start : jvmStart;
                    }
                    if (e.hasField("pid")) {
                        pid = e.getLong("pid");
                    }
                }
                case HEAP_CONFIGURATION -> maxHeap = Math.max(maxHeap, e.getLong("maxSize"));
                case CLASS_LOADING -> classes.add(nanos(e.getStartTime()),
                        e.getLong("loadedClassCount") - e.getLong("unloadedClassCount"));
                case THREADS -> threads.add(nanos(e.getStartTime()), e.getLong("activeCount"));
                case DIRECT_BUFFERS -> {
                    direct.add(nanos(e.getStartTime()), e.getLong("memoryUsed"));
                    long max = e.getLong("maxCapacity");
                    directLimit = max > 0 ? max : directLimit;
                }
                case RSS -> rss.add(nanos(e.getStartTime()), e.getLong("size"));
                case CONTAINER_USAGE -> container.add(nanos(e.getStartTime()), e.getLong("memoryUsage"));
                case CONTAINER_CONFIGURATION -> {
                    long limit = e.hasField("memoryLimit") ? e.getLong("memoryLimit") : -1;
                    containerLimit = limit > 0 ? limit : containerLimit;
                }
                default -> {
                    // not about memory: dropped as it is read
                }
            }
        }

        private Gc gc(RecordedEvent e) {
            long id = e.hasField("gcId") ? e.getLong("gcId") : -1;
            return gcs.computeIfAbsent(id, Gc::new);
        }

        void addAll(Collected other) {
            for (Gc gc : other.gcs.values()) {
                gcs.merge(gc.id, gc, Gc::merge);
            }
            classes.addAll(other.classes);
            threads.addAll(other.threads);
            direct.addAll(other.direct);
            rss.addAll(other.rss);
            container.addAll(other.container);
            directLimit = other.directLimit > 0 ? other.directLimit : directLimit;
            containerLimit = other.containerLimit > 0 ? other.containerLimit : containerLimit;
            maxHeap = Math.max(maxHeap, other.maxHeap);
            reservedHeap = Math.max(reservedHeap, other.reservedHeap);
            memoryEvents += other.memoryEvents;
            otherEvents += other.otherEvents;
            heapAfter += other.heapAfter;
            if (other.unreadable > 0 && unreadable == 0) {
                firstUnreadable = other.firstUnreadable;
            }
            unreadable += other.unreadable;
            if (otherTypes.size() < 10_000) {
                otherTypes.addAll(other.otherTypes);
            }
        }

        GcSeries gcSeries(long originNanos) {
            List<Gc> sorted = new ArrayList<>(gcs.values());
            sorted.removeIf(gc -> gc.time() == Long.MIN_VALUE);
            sorted.sort((a, b) -> a.time() != b.time() ? Long.compare(a.time(), b.time()) : Long.compare(a.id, b.id));
            Collector collector = collectorOf(sorted);
            GcSeries series = new GcSeries();
            for (Gc gc : sorted) {
                series.add(gc.toEvent(originNanos, collector));
            }
            return series;
        }
    }

    /**
     * Whether two recordings come from one JVM: the same process id where both state one, and JVM start times
     * within {@link #SAME_START}, since each chunk restates the start time a few milliseconds apart.
     */
    static boolean sameJvm(Instant start, long pid, Instant otherStart, long otherPid) {
        if (pid >= 0 && otherPid >= 0 && pid != otherPid) {
            return false;
        }
        return Duration.between(start, otherStart).abs().compareTo(SAME_START) <= 0;
    }

    /**
     * The collector of the whole recording: the one its young collections name (a full collection's name,
     * SerialOld, is shared by Serial, Parallel and CMS).
     */
    static Collector collectorOf(List<Gc> gcs) {
        Collector found = Collector.UNKNOWN;
        for (Gc gc : gcs) {
            Collector c = collectorOf(gc.name);
            if (c != Collector.UNKNOWN && !"SerialOld".equals(gc.name) && !"PSMarkSweep".equals(gc.name)) {
                return c;
            }
            found = found == Collector.UNKNOWN ? c : found;
        }
        return found;
    }

    static Collector collectorOf(String name) {
        if (name == null) {
            return Collector.UNKNOWN;
        }
        return switch (name) {
            case "G1New", "G1Old", "G1Full" -> Collector.G1;
            case "ParallelScavenge", "ParallelOld", "PSMarkSweep" -> Collector.PARALLEL;
            case "DefNew", "SerialOld" -> Collector.SERIAL;
            case "ParNew", "ConcurrentMarkSweep" -> Collector.CMS;
            case "Z", "ZGC" -> Collector.ZGC;
            case "ZGC Minor", "ZGC Major" -> Collector.GENERATIONAL_ZGC;
            case "Shenandoah" -> Collector.SHENANDOAH;
            case "Epsilon" -> Collector.EPSILON;
            default -> Collector.UNKNOWN;
        };
    }

    /** What a collection of this name (and G1 type) cleaned, as {@code PostGcBaseline} reads the kinds. */
    static GcKind kindOf(String name, String g1Type, boolean young, boolean old) {
        if (name != null) {
            switch (name) {
                case "G1New":
                    return "Mixed".equals(g1Type) ? GcKind.MIXED : GcKind.YOUNG;
                case "ParallelScavenge", "DefNew", "ParNew", "ZGC Minor":
                    return GcKind.YOUNG;
                case "G1Full", "ParallelOld", "PSMarkSweep", "SerialOld":
                    return GcKind.FULL;
                case "G1Old", "ConcurrentMarkSweep", "Z", "ZGC", "ZGC Major", "Shenandoah":
                    // every ZGC and Shenandoah cycle marks and reclaims the whole heap, as a CMS cycle does;
                    // a G1 old cycle only marks (its mixed collections reclaim)
                    return GcKind.CONCURRENT_CYCLE;
                default:
                    break;
            }
        }
        if (old) {
            return GcKind.FULL;
        }
        return GcKind.YOUNG;
    }

    /** One collection, joined from the events that carry its GC id. */
    static final class Gc {
        final long id;
        long startNanos = Long.MIN_VALUE;
        long summaryNanos = Long.MIN_VALUE;
        String name;
        String cause;
        String g1Type;
        boolean young;
        boolean old;
        long pauseNanos = -1;
        long durationNanos = -1;
        long heapBefore = -1;
        long heapAfter = -1;
        long heapCapacity = -1;
        long youngBefore = -1;
        long youngAfter = -1;
        long oldBefore = -1;
        long oldAfter = -1;
        long oldCapacity = -1;
        long metaBefore = -1;
        long metaAfter = -1;
        long metaCapacity = -1;

        Gc(long id) {
            this.id = id;
        }

        long time() {
            return startNanos != Long.MIN_VALUE ? startNanos : summaryNanos;
        }

        /** Two files holding the same collection (overlapping dumps): what either knows. */
        static Gc merge(Gc a, Gc b) {
            a.startNanos = a.startNanos != Long.MIN_VALUE ? a.startNanos : b.startNanos;
            a.summaryNanos = a.summaryNanos != Long.MIN_VALUE ? a.summaryNanos : b.summaryNanos;
            a.name = a.name != null ? a.name : b.name;
            a.cause = a.cause != null ? a.cause : b.cause;
            a.g1Type = a.g1Type != null ? a.g1Type : b.g1Type;
            a.young |= b.young;
            a.old |= b.old;
            a.pauseNanos = Math.max(a.pauseNanos, b.pauseNanos);
            a.durationNanos = Math.max(a.durationNanos, b.durationNanos);
            a.heapBefore = Math.max(a.heapBefore, b.heapBefore);
            a.heapAfter = Math.max(a.heapAfter, b.heapAfter);
            a.heapCapacity = Math.max(a.heapCapacity, b.heapCapacity);
            a.youngBefore = Math.max(a.youngBefore, b.youngBefore);
            a.youngAfter = Math.max(a.youngAfter, b.youngAfter);
            a.oldBefore = Math.max(a.oldBefore, b.oldBefore);
            a.oldAfter = Math.max(a.oldAfter, b.oldAfter);
            a.oldCapacity = Math.max(a.oldCapacity, b.oldCapacity);
            a.metaBefore = Math.max(a.metaBefore, b.metaBefore);
            a.metaAfter = Math.max(a.metaAfter, b.metaAfter);
            a.metaCapacity = Math.max(a.metaCapacity, b.metaCapacity);
            return a;
        }

        GcEvent toEvent(long originNanos, Collector recordingCollector) {
            Collector c = collectorOf(name);
            // SerialOld also names the full collections of Parallel (before JDK 15) and CMS
            if (c == Collector.UNKNOWN || ("SerialOld".equals(name) && recordingCollector != Collector.UNKNOWN)) {
                c = recordingCollector;
            }
            GcKind kind = kindOf(name, g1Type, young, old);
            long oldB = oldBefore;
            long oldA = oldAfter;
            if (oldA < 0 && youngAfter >= 0 && heapAfter >= youngAfter) {
                oldA = heapAfter - youngAfter;
            }
            if (oldB < 0 && youngBefore >= 0 && heapBefore >= youngBefore) {
                oldB = heapBefore - youngBefore;
            }
            long pause = Math.max(0, pauseNanos);
            long duration = Math.max(pause, durationNanos);
            long at = time();
            return new GcEvent(Duration.ofNanos(Math.max(0, at - originNanos)), Instant.ofEpochSecond(0, at), id,
                    c, kind, name == null ? "GC" : name, cause,
                    change(heapBefore, heapAfter, heapCapacity), change(oldB, oldA, oldCapacity),
                    change(metaBefore, metaAfter, metaCapacity), Duration.ofNanos(pause), Duration.ofNanos(duration));
        }

        private static MemoryChange change(long before, long after, long capacity) {
            if (before < 0 && after < 0 && capacity < 0) {
                return MemoryChange.UNKNOWN;
            }
            return MemoryChange.of(Math.max(-1, before), Math.max(-1, after), Math.max(-1, capacity));
        }
    }

    /** One sampled resource: its readings, its name as findings give it, its unit and its limit (-1 unknown). */
    record Sampled(Samples samples, String resource, Unit unit, long limit) {
    }

    /** Time-stamped values of one sampled quantity, in primitive arrays, in the order read. */
    static final class Samples {
        private long[] nanos = new long[64];
        private long[] values = new long[64];
        private int size;

        void add(long atNanos, long value) {
            if (value < 0) {
                // an unsigned counter read as negative, or "not available": no figure
                return;
            }
            if (size == nanos.length) {
                nanos = Arrays.copyOf(nanos, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            nanos[size] = atNanos;
            values[size] = value;
            size++;
        }

        void addAll(Samples other) {
            for (int i = 0; i < other.size; i++) {
                add(other.nanos[i], other.values[i]);
            }
        }

        int size() {
            return size;
        }

        long nanos(int i) {
            return nanos[i];
        }

        long value(int i) {
            return values[i];
        }

        void clear() {
            size = 0;
        }

        /** Adds the series in time order (one point per instant) to {@code out}, when there is any point. */
        void addTo(List<UsageSeries> out, String resource, Unit unit, long limit, long originNanos) {
            if (size == 0) {
                return;
            }
            int[] order = TimeOrder.of(nanos, size);
            UsageSeries.Builder b = UsageSeries.builder(resource).unit(unit).limitBytes(limit);
            long last = Long.MIN_VALUE;
            for (int k : order) {
                long millis = Math.max(0, (nanos[k] - originNanos) / 1_000_000);
                if (nanos[k] == last) {
                    continue;
                }
                last = nanos[k];
                b.add(millis, values[k], PointQuality.RAW);
            }
            out.add(b.build());
        }
    }

    private static boolean after(RecordedEvent e) {
        return "After GC".equals(string(e, "when"));
    }

    private static String string(RecordedEvent e, String field) {
        return e.hasField(field) ? e.getString(field) : null;
    }

    private static long nanos(Instant t) {
        Objects.requireNonNull(t, "t");
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}

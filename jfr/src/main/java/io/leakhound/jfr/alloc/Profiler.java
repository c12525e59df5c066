package io.leakhound.jfr.alloc;

import io.leakhound.jfr.JfrFile;
import io.leakhound.jfr.alloc.AllocationProfile.AllocationEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * The streaming half of {@link AllocationProfile#read}: aggregates allocation events by class and stack and
 * keeps the old-object samples, as the events come, then builds the profile. Allocation events of the two
 * families (sampled, TLAB) go to separate aggregates; {@link #finish} uses the sampled one when it saw any.
 * Memory is bounded by the caps below whatever the recording's size. Not thread-safe.
 */
final class Profiler {

    static final int MAX_STACKS_PER_CLASS = 256;
    static final int MAX_CLASSES = 50_000;
    static final int MAX_SURVIVORS = 100_000;
    /** Sites kept per class in the profile, best first. */
    static final int MAX_SITES_PER_CLASS = 50;
    /** Survivor paths kept per class, most frequent first. */
    static final int MAX_PATHS_PER_CLASS = 20;
    /** Old-object samples written within this time of the last ones belong to the recording's last emission. */
    private static final Duration EMISSION_WINDOW = Duration.ofSeconds(2);
    private static final int MAX_CHAIN = 128;
    private static final int PROGRESS_EVERY = 4096;
    private static final Frame NO_STACK = new Frame("(no stack trace recorded)", "?", -1);
    private static final int CACHED_OBJECTS = 1 << 16;

    private final Instant start;
    private final Instant end;
    private final AllocationProfile.Progress progress;
    private final Aggregate sampled = new Aggregate();
    private final Aggregate tlab = new Aggregate();
    private final Map<SurvivorKey, Survivor> survivors = new LinkedHashMap<>();
    private final Map<RecordedStackTrace, Stack> stacks = new IdentityHashMap<>();
    private final Map<RecordedClass, String> classNames = new IdentityHashMap<>();
    private final Map<EventType, Boolean> allocationFields = new IdentityHashMap<>();
    private Instant lastEmission;
    private boolean droppedSurvivors;
    private long events;

    Profiler(Instant start, Instant end, AllocationProfile.Progress progress) {
        this.start = start;
        this.end = end;
        this.progress = progress;
    }

    void accept(RecordedEvent event) {
        if (++events % PROGRESS_EVERY == 0) {
            long total = Math.max(1, Duration.between(start, end).toMillis());
            long done = Math.max(0, Math.min(total, Duration.between(start, event.getStartTime()).toMillis()));
            progress.update("reading allocation events", done, total);
        }
        switch (JfrFile.typeName(event)) {
            case "jdk.ObjectAllocationSample" -> allocation(sampled, event, "weight");
            case "jdk.ObjectAllocationInNewTLAB" -> allocation(tlab, event, "tlabSize");
            case "jdk.ObjectAllocationOutsideTLAB" -> allocation(tlab, event, "allocationSize");
            case "jdk.OldObjectSample" -> oldObject(event);
            default -> {
                // other events are the verdict's business
            }
        }
    }

    private void allocation(Aggregate aggregate, RecordedEvent event, String weightField) {
        if (!allocationFields.computeIfAbsent(event.getEventType(),
                type -> event.hasField("objectClass") && event.hasField(weightField))) {
            return;
        }
        RecordedClass type = event.getClass("objectClass");
        long bytes = event.getLong(weightField);
        if (type == null || bytes < 0) {
            return;
        }
        aggregate.add(className(type), stack(event.getStackTrace()), bytes);
    }

    /*
     * The JDK's parser resolves a chunk's classes and stack traces once, from its constant pools, and hands the
     * same objects to every event that refers to them: converting each object once (rather than once per event,
     * millions of times in a large recording) is what makes a pass over the events cost little more than the
     * parser's own. The caches are cleared when they grow past CACHED_OBJECTS, as the next chunk brings new
     * objects anyway.
     */

    private String className(RecordedClass type) {
        if (classNames.size() >= CACHED_OBJECTS) {
            classNames.clear();
        }
        return classNames.computeIfAbsent(type, t -> AllocationProfile.heapClassName(t.getName()));
    }

    private Stack stack(RecordedStackTrace trace) {
        if (trace == null) {
            return Stack.NONE;
        }
        if (stacks.size() >= CACHED_OBJECTS) {
            stacks.clear();
        }
        return stacks.computeIfAbsent(trace, Profiler::frames);
    }

    private void oldObject(RecordedEvent event) {
        RecordedObject object = event.hasField("object") ? event.getValue("object") : null;
        RecordedClass type = object == null || !object.hasField("type") ? null : object.getClass("type");
        if (type == null || !event.hasField("allocationTime")) {
            return;
        }
        String className = className(type);
        Instant allocated = event.getInstant("allocationTime");
        List<Frame> stack = stack(event.getStackTrace()).frames();
        SurvivorKey key = new SurvivorKey(className, allocated, stack.get(0));
        Instant emitted = event.getStartTime();
        if (lastEmission == null || emitted.isAfter(lastEmission)) {
            lastEmission = emitted;
        }
        if (!survivors.containsKey(key) && survivors.size() >= MAX_SURVIVORS) {
            droppedSurvivors = true;
            return;
        }
        long elements = event.hasField("arrayElements") ? event.getInt("arrayElements") : -1;
        RecordedObject root = event.hasField("root") ? event.getValue("root") : null;
        // a later emission of the same sample replaces the earlier one: it is the newer news
        survivors.put(key, new Survivor(className, allocated, emitted, stack, estimatedBytes(className, elements),
                rootName(root), chain(object)));
    }

    /** A survivor's size as far as the recording tells it; see {@link Site#survivorBytes}. */
    static long estimatedBytes(String className, long arrayElements) {
        if (!className.endsWith("[]") || arrayElements < 0) {
            return Site.OBJECT_BYTES;
        }
        String element = className.substring(0, className.length() - 2);
        int size = switch (element) {
            case "boolean", "byte" -> 1;
            case "char", "short" -> 2;
            case "int", "float" -> 4;
            case "long", "double" -> 8;
            default -> 4; // a reference, compressed as in every heap under 32 GB
        };
        return Site.OBJECT_BYTES + arrayElements * size;
    }

    private static Stack frames(RecordedStackTrace trace) {
        if (trace.getFrames().isEmpty()) {
            return Stack.NONE;
        }
        List<RecordedFrame> frames = trace.getFrames();
        List<Frame> stack = new ArrayList<>(frames.size());
        for (RecordedFrame frame : frames) {
            if (frame.getMethod() == null) {
                continue;
            }
            RecordedClass type = frame.getMethod().getType();
            stack.add(new Frame(type == null ? "?" : type.getName().replace('/', '.'), frame.getMethod().getName(),
                    frame.getLineNumber()));
        }
        return stack.isEmpty() ? Stack.NONE : new Stack(List.copyOf(stack));
    }

    private static String rootName(RecordedObject root) {
        if (root == null) {
            return null;
        }
        String system = string(root, "system");
        String type = string(root, "type");
        String description = string(root, "description");
        StringBuilder s = new StringBuilder(system == null ? "GC root" : system);
        if (type != null && !type.isEmpty() && !type.equals("<unknown>")) {
            s.append(" (").append(type).append(')');
        }
        if (description != null && !description.isEmpty()) {
            s.append(": ").append(description);
        }
        return s.toString();
    }

    /**
     * The chain of references from the root to {@code object}, root first, array indexes folded; empty
     * when the recording holds no referrer (recorded without {@code path-to-gc-roots=true}, or written at exit).
     */
    static List<String> chain(RecordedObject object) {
        List<String> steps = new ArrayList<>();
        RecordedObject current = object;
        for (int i = 0; i < MAX_CHAIN && current != null; i++) {
            RecordedObject reference = value(current, "referrer");
            if (reference == null) {
                break;
            }
            RecordedObject holder = value(reference, "object");
            if (holder == null) {
                break;
            }
            int skipped = reference.hasField("skip") ? reference.getInt("skip") : 0;
            if (skipped > 0) {
                steps.add("… " + skipped + " skipped …");
            }
            steps.add(step(holder, reference));
            current = holder;
        }
        if (steps.isEmpty()) {
            return List.of();
        }
        List<String> chain = new ArrayList<>(steps.size() + 1);
        for (int i = steps.size() - 1; i >= 0; i--) {
            chain.add(steps.get(i));
        }
        chain.add(className(object));
        return chain;
    }

    private static String step(RecordedObject holder, RecordedObject reference) {
        String holderClass = className(holder);
        RecordedObject field = value(reference, "field");
        if (field != null) {
            String name = string(field, "name");
            String description = string(holder, "description");
            if (holderClass.equals("java.lang.Class") && description != null && description.startsWith("Class Name: ")) {
                return "static " + description.substring("Class Name: ".length()).trim() + "." + name;
            }
            return holderClass + "." + name;
        }
        if (value(reference, "array") != null) {
            return holderClass + "[*]";
        }
        return holderClass;
    }

    private static String className(RecordedObject object) {
        RecordedClass type = object.hasField("type") ? object.getClass("type") : null;
        return type == null ? "?" : AllocationProfile.heapClassName(type.getName());
    }

    private static RecordedObject value(RecordedObject object, String field) {
        if (!object.hasField(field)) {
            return null;
        }
        Object value = object.getValue(field);
        return value instanceof RecordedObject r ? r : null;
    }

    private static String string(RecordedObject object, String field) {
        if (!object.hasField(field)) {
            return null;
        }
        Object value = object.getValue(field);
        return value == null ? null : value.toString();
    }

    AllocationProfile finish(Path source, List<String> fileWarnings) {
        progress.update("reading allocation events", 1, 1);
        AllocationEvents kind = sampled.events > 0 ? AllocationEvents.OBJECT_ALLOCATION_SAMPLE
                : tlab.events > 0 ? AllocationEvents.TLAB : AllocationEvents.NONE;
        Aggregate allocations = kind == AllocationEvents.TLAB ? tlab : sampled;
        List<String> warnings = new ArrayList<>(fileWarnings);
        if (kind == AllocationEvents.NONE) {
            warnings.add("the recording has no allocation events (jdk.ObjectAllocationSample, or"
                    + " jdk.ObjectAllocationInNewTLAB/OutsideTLAB): record with settings=profile to see allocation sites");
        }
        if (survivors.isEmpty()) {
            warnings.add("the recording has no old-object samples (jdk.OldObjectSample): no class can be called"
                    + " growing; record with settings=profile (and path-to-gc-roots=true for the paths to GC roots)");
        }
        if (!survivors.isEmpty() && survivors.values().stream().allMatch(s -> s.stack().get(0) == NO_STACK)) {
            warnings.add("the old-object samples have no stack traces (settings=default records none): the sites of"
                    + " a growing class are ranked by allocated bytes, which garbage dominates; record with"
                    + " settings=profile to see the line that allocates what is kept");
        }
        if (droppedSurvivors) {
            warnings.add("more than " + MAX_SURVIVORS + " old-object samples: the later ones were left out");
        }
        if (allocations.droppedClasses > 0) {
            warnings.add(allocations.droppedClasses + " allocation events of classes beyond the first " + MAX_CLASSES
                    + " were left out");
        }
        Map<String, List<Survivor>> alive = new HashMap<>();
        boolean chains = false;
        for (Survivor s : survivors.values()) {
            // a sample emitted only in an earlier chunk was freed before the last emission
            if (Duration.between(s.emitted(), lastEmission).compareTo(EMISSION_WINDOW) <= 0) {
                alive.computeIfAbsent(s.className(), k -> new ArrayList<>()).add(s);
                chains |= !s.chain().isEmpty();
            }
        }
        List<ClassProfile> classes = new ArrayList<>();
        List<String> names = new ArrayList<>(allocations.classes.keySet());
        alive.keySet().stream().filter(name -> !allocations.classes.containsKey(name)).forEach(names::add);
        int survivorCount = 0;
        Map<String, Long> settled = new HashMap<>();
        Instant young = GrowthRule.youngSince(start, end);
        for (String name : names) {
            List<Survivor> kept = alive.getOrDefault(name, List.of());
            survivorCount += kept.size();
            settled.put(name, kept.stream().filter(s -> s.allocated().isBefore(young)).count());
            classes.add(classProfile(name, allocations.classes.get(name), kept));
        }
        // growing classes by their settled survivors: the count, not the bytes, because the sampler picks
        // objects as allocation proceeds, so the count follows the bytes kept, while an instance's size is not
        // in the recording (only arrays have one)
        classes.sort(Comparator.comparing((ClassProfile c) -> !c.growing())
                .thenComparing(c -> c.growing() ? -settled.get(c.className()) : -c.allocatedBytes())
                .thenComparing(c -> -c.survivorCount())
                .thenComparing(ClassProfile::className));
        return new AllocationProfile(source, start, end, kind, allocations.bytes, allocations.events,
                !survivors.isEmpty(), survivorCount, chains, classes, warnings);
    }

    private ClassProfile classProfile(String name, ClassAggregate allocated, List<Survivor> kept) {
        GrowthRule.Verdict verdict = GrowthRule.judge(kept.stream().map(Survivor::allocated).toList(), start, end);
        Map<SiteKey, SiteBuilder> sites = new LinkedHashMap<>();
        if (allocated != null) {
            allocated.stacks.forEach((stack, weight) -> sites.computeIfAbsent(SiteKey.of(stack.frames()),
                    k -> new SiteBuilder()).allocation(stack.frames(), weight));
        }
        Instant young = GrowthRule.youngSince(start, end);
        for (Survivor s : kept) {
            // a survivor without its stack (settings=default records none) names no site; it still counts for growth
            if (s.stack().get(0) != NO_STACK) {
                sites.computeIfAbsent(SiteKey.of(s.stack()), k -> new SiteBuilder()).survivor(s, s.allocated().isBefore(young));
            }
        }
        Comparator<Site> byAllocation = Comparator.comparingLong(Site::allocatedBytes).reversed()
                .thenComparing(Comparator.comparingLong(Site::survivorBytes).reversed());
        Comparator<Site> bySurvivors = Comparator.comparingLong(Site::settledSurvivorBytes).reversed()
                .thenComparing(Comparator.comparingLong(Site::allocatedBytes).reversed());
        List<Site> ranked = sites.entrySet().stream().map(e -> e.getValue().build(e.getKey()))
                .sorted(verdict.growing() ? bySurvivors : byAllocation).limit(MAX_SITES_PER_CLASS).toList();
        return new ClassProfile(name, allocated == null ? 0 : allocated.bytes, allocated == null ? 0 : allocated.events,
                ranked, allocated == null ? 0 : allocated.unlistedBytes, survivors(kept), verdict.growing(),
                verdict.reason());
    }

    private Survivors survivors(List<Survivor> kept) {
        if (kept.isEmpty()) {
            return null;
        }
        Instant first = kept.get(0).allocated();
        Instant last = first;
        long bytes = 0;
        Map<List<String>, int[]> paths = new LinkedHashMap<>();
        Map<List<String>, String> roots = new HashMap<>();
        for (Survivor s : kept) {
            first = s.allocated().isBefore(first) ? s.allocated() : first;
            last = s.allocated().isAfter(last) ? s.allocated() : last;
            bytes += s.bytes();
            if (!s.chain().isEmpty()) {
                paths.computeIfAbsent(s.chain(), k -> new int[1])[0]++;
                roots.putIfAbsent(s.chain(), s.root());
            }
        }
        List<SurvivorPath> ranked = paths.entrySet().stream()
                .sorted((a, b) -> Integer.compare(b.getValue()[0], a.getValue()[0]))
                .limit(MAX_PATHS_PER_CLASS)
                .map(e -> new SurvivorPath(roots.get(e.getKey()), e.getKey(), e.getValue()[0]))
                .toList();
        Duration oldest = Duration.between(first, end);
        return new Survivors(kept.size(), bytes, first, last, oldest.isNegative() ? Duration.ZERO : oldest, ranked);
    }

    /** One old-object sample, as last emitted. */
    private record Survivor(String className, Instant allocated, Instant emitted, List<Frame> stack, long bytes,
                            String root, List<String> chain) {
    }

    /**
     * A stack's frames with their hash computed once: the aggregates look each event's stack up by value, and
     * an event's stack is usually the very object of the previous event with that stack (see {@link #stack}).
     */
    private static final class Stack {
        static final Stack NONE = new Stack(List.of(NO_STACK));

        private final List<Frame> frames;
        private final int hash;

        Stack(List<Frame> frames) {
            this.frames = frames;
            this.hash = frames.hashCode();
        }

        List<Frame> frames() {
            return frames;
        }

        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Stack other && other.hash == hash && other.frames.equals(frames);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** What tells one old-object sample from another across emissions (its address may move). */
    private record SurvivorKey(String className, Instant allocated, Frame top) {
    }

    /** Sites are merged by their allocating frame and first application frame. */
    private record SiteKey(Frame top, Frame application) {
        static SiteKey of(List<Frame> stack) {
            Frame application = null;
            for (Frame frame : stack) {
                if (frame.isApplication() && frame != NO_STACK) {
                    application = frame;
                    break;
                }
            }
            return new SiteKey(stack.get(0), application);
        }
    }

    private static final class SiteBuilder {
        private List<Frame> heaviest;
        private long heaviestWeight = -1;
        private long allocatedBytes;
        private long allocationSamples;
        private int survivors;
        private long survivorBytes;
        private int settledSurvivors;
        private long settledSurvivorBytes;

        void allocation(List<Frame> stack, long[] weight) {
            allocatedBytes += weight[0];
            allocationSamples += weight[1];
            offer(stack, weight[0]);
        }

        void survivor(Survivor s, boolean settled) {
            survivors++;
            survivorBytes += s.bytes();
            if (settled) {
                settledSurvivors++;
                settledSurvivorBytes += s.bytes();
            }
            offer(s.stack(), s.bytes());
        }

        private void offer(List<Frame> stack, long weight) {
            if (weight > heaviestWeight) {
                heaviest = stack;
                heaviestWeight = weight;
            }
        }

        Site build(SiteKey key) {
            return new Site(key.top(), key.application(), heaviest, allocatedBytes, allocationSamples, survivors,
                    survivorBytes, settledSurvivors, settledSurvivorBytes);
        }
    }

    /** Allocation events of one family, by class. */
    private static final class Aggregate {
        final Map<String, ClassAggregate> classes = new HashMap<>();
        long bytes;
        long events;
        long droppedClasses;

        void add(String className, Stack stack, long bytes) {
            ClassAggregate c = classes.get(className);
            if (c == null) {
                if (classes.size() >= MAX_CLASSES) {
                    droppedClasses++;
                    return;
                }
                c = new ClassAggregate();
                classes.put(className, c);
            }
            this.bytes += bytes;
            events++;
            c.add(stack, bytes);
        }
    }

    /** One class's allocations: by full stack up to the cap, beyond it only counted. */
    private static final class ClassAggregate {
        /** Per stack: bytes and events. */
        final Map<Stack, long[]> stacks = new HashMap<>();
        long bytes;
        long events;
        long unlistedBytes;

        void add(Stack stack, long weight) {
            bytes += weight;
            events++;
            long[] w = stacks.get(stack);
            if (w == null) {
                if (stacks.size() >= MAX_STACKS_PER_CLASS) {
                    unlistedBytes += weight;
                    return;
                }
                w = new long[2];
                stacks.put(stack, w);
            }
            w[0] += weight;
            w[1]++;
        }
    }
}

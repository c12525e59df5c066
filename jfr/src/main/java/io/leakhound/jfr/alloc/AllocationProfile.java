package io.leakhound.jfr.alloc;

import io.leakhound.jfr.JfrFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a JFR recording says memory is allocated and what survives: allocation sites by class, the old-object
 * samples alive at the end with their paths from GC roots, and the classes whose survivors keep growing,
 * first. Made by {@link #read} in one streaming pass over the recording.
 *
 * <p><b>Allocation sites.</b> From {@code jdk.ObjectAllocationSample} (JDK 16+, weight = the bytes the sample
 * stands for) when the recording has any; otherwise from {@code jdk.ObjectAllocationInNewTLAB} (the TLAB's
 * size) and {@code jdk.ObjectAllocationOutsideTLAB} (the object's size), the two events older JDKs and
 * async-profiler write. The two families are never added together: a JDK that writes both would count every
 * allocation twice. Each site names its top frame and the first application frame (outside {@code java.*,
 * javax.*, jdk.*, sun.*, com.sun.*}), because the line to change is the application's {@code new} or
 * {@code map.put}, not {@code HashMap.putVal}.
 *
 * <p><b>Growth rule.</b> A class is <em>growing</em> when its old-object samples alive at the end of the
 * recording were allocated steadily through it: at least {@value GrowthRule#MIN_SURVIVORS} of them, allocated
 * over at least a third of the recording, at least {@value GrowthRule#MIN_LATER_PERCENT} % of them after its
 * first third and at least {@value GrowthRule#MIN_LAST_THIRD} in its last third, the recording's last tenth left
 * out (the share is low because a full sampler admits new samples ever more rarely). Why: the JVM's old-object sampler keeps a fixed
 * number of samples of allocated objects and drops each sample when a collection frees its object, so the
 * survivors at the end are a sample of what the heap has <em>kept</em>, dated by allocation. A leak keeps
 * objects allocated at every moment; a cache that fills, a warm-up, or a burst keeps only objects allocated
 * early or at one moment; garbage, however much of it is allocated, leaves no survivors except the youngest,
 * not yet collected: hence the last tenth left out. Allocation weight alone would call every busy class
 * growing, so it never decides. Without old-object samples (the {@code default} settings) no class is called
 * growing and a warning says why.
 *
 * <p><b>Sites of a growing class</b> are ranked by the estimated bytes of their survivors allocated before the
 * last tenth, not by allocated
 * bytes: a leaking {@code byte[]} shares its class with every request buffer, and only the survivors tell the
 * allocation that stays from the one that is freed.
 *
 * <p><b>Cost.</b> One pass through the JDK's parser ({@link JfrFile#events}). Memory is bounded whatever the
 * recording's size: aggregates per class and stack (at most {@value Profiler#MAX_STACKS_PER_CLASS} stacks kept
 * per class, the rest counted in {@link ClassProfile#unlistedBytes}; at most
 * {@value Profiler#MAX_CLASSES} classes) and the old-object samples (a few hundred by default; at most
 * {@value Profiler#MAX_SURVIVORS} kept).
 *
 * @param source             the recording
 * @param start              when its first chunk began
 * @param end                when its last complete chunk ended
 * @param allocationEvents   which allocation events the sites come from
 * @param allocatedBytes     bytes attributed by those events, all classes
 * @param allocationSamples  how many such events
 * @param oldObjectSamples   whether the recording has old-object samples at all
 * @param survivorCount      old-object samples alive at the end, all classes
 * @param referenceChains    whether any survivor comes with its path from a GC root
 * @param classes            growing classes first (by their survivors allocated before the last tenth), then the others by
 *                           allocated bytes; every class with an allocation event or a survivor
 * @param warnings           what a person should know: a truncated recording, missing events
 */
public record AllocationProfile(Path source, Instant start, Instant end, AllocationEvents allocationEvents,
                                long allocatedBytes, long allocationSamples, boolean oldObjectSamples,
                                int survivorCount, boolean referenceChains, List<ClassProfile> classes,
                                List<String> warnings) {

    /** The allocation events a profile's sites come from. */
    public enum AllocationEvents {
        /** {@code jdk.ObjectAllocationSample}, JDK 16 and later. */
        OBJECT_ALLOCATION_SAMPLE("jdk.ObjectAllocationSample"),
        /** {@code jdk.ObjectAllocationInNewTLAB} and {@code jdk.ObjectAllocationOutsideTLAB}. */
        TLAB("jdk.ObjectAllocationInNewTLAB+jdk.ObjectAllocationOutsideTLAB"),
        /** The recording has no allocation event. */
        NONE("none");

        private final String eventNames;

        AllocationEvents(String eventNames) {
            this.eventNames = eventNames;
        }

        /** The event type names, joined by {@code +}; {@code none} for {@link #NONE}. */
        public String eventNames() {
            return eventNames;
        }
    }

    /**
     * Hears how far reading has come, e.g. to draw a progress line. Called on the reading thread every few
     * thousand events, so it must be quick and must not throw.
     */
    @FunctionalInterface
    public interface Progress {
        /** Ignores all updates. */
        Progress NONE = (phase, done, total) -> { };

        /**
         * @param phase what is being done, for a person
         * @param done  milliseconds of the recording read so far, {@code 0 <= done <= total}
         * @param total the recording's length in milliseconds
         */
        void update(String phase, long done, long total);
    }

    public AllocationProfile {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(allocationEvents, "allocationEvents");
        classes = List.copyOf(classes);
        warnings = List.copyOf(warnings);
    }

    /**
     * Profiles a recording.
     *
     * @throws io.leakhound.jfr.JfrFormatException when the JDK's parser fails inside a complete chunk
     */
    public static AllocationProfile read(JfrFile file, Progress progress) throws IOException {
        Objects.requireNonNull(file, "file");
        Profiler profiler = new Profiler(file.start(), file.end(), Objects.requireNonNull(progress, "progress"));
        file.events(profiler::accept);
        return profiler.finish(file.path(), file.warnings());
    }

    /** {@link #read(JfrFile, Progress)} without progress. */
    public static AllocationProfile read(JfrFile file) throws IOException {
        return read(file, Progress.NONE);
    }

    /** The classes called growing, strongest first. */
    public List<ClassProfile> growing() {
        return classes.stream().filter(ClassProfile::growing).toList();
    }

    /** The class of this name in the {@code heap} spelling ({@code byte[]}, {@code com.acme.Foo$Bar}). */
    public Optional<ClassProfile> find(String className) {
        return classes.stream().filter(c -> c.className().equals(className)).findFirst();
    }

    /**
     * A class name as the JVM's binary name spells it in a recording ({@code [B},
     * {@code [Ljava.lang.Object;}, {@code java/util/HashMap}) turned into the spelling of heap dumps and of
     * {@code leakhound heap}: {@code byte[]}, {@code java.lang.Object[]}, {@code java.util.HashMap}.
     */
    public static String heapClassName(String jfrName) {
        String name = jfrName.replace('/', '.');
        int dimensions = 0;
        while (dimensions < name.length() && name.charAt(dimensions) == '[') {
            dimensions++;
        }
        if (dimensions == 0) {
            return name;
        }
        String element = name.substring(dimensions);
        String base;
        if (element.length() > 2 && element.charAt(0) == 'L' && element.endsWith(";")) {
            base = element.substring(1, element.length() - 1);
        } else if (element.length() == 1) {
            base = switch (element.charAt(0)) {
                case 'Z' -> "boolean";
                case 'B' -> "byte";
                case 'C' -> "char";
                case 'S' -> "short";
                case 'I' -> "int";
                case 'F' -> "float";
                case 'J' -> "long";
                case 'D' -> "double";
                default -> element;
            };
        } else {
            // not a descriptor after all (a class whose name starts with '['): keep it as written
            return name;
        }
        return base + "[]".repeat(dimensions);
    }
}

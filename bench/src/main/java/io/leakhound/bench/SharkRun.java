package io.leakhound.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import shark.CloseableHeapGraph;
import shark.HeapAnalysis;
import shark.HeapAnalysisFailure;
import shark.HeapAnalysisSuccess;
import shark.HeapAnalyzer;
import shark.HeapObject;
import shark.HprofHeapGraph;
import shark.HprofRecordTag;
import shark.Leak;
import shark.MetadataExtractor;
import shark.OnAnalysisProgressListener;

/**
 * Shark 2.14 (LeakCanary's analyser) on a generated dump, in one of two modes:
 * <ul>
 *   <li>{@code histogram}: open the dump as a {@code HprofHeapGraph} (Shark's index) and count instances and
 *   shallow bytes per class over every object;</li>
 *   <li>{@code retained}: index, then Shark's own retained-size computation ({@code HeapAnalyzer} with
 *   {@code computeRetainedHeapSize = true}) for the leak holder the generator's {@code .truth} file names.</li>
 * </ul>
 * Shark's shallow sizes are its own model (instance = the field bytes the file states, identifiers 8 bytes,
 * no header), so its retained size is compared with the truth in that light, not expected equal.
 */
public final class SharkRun {
    private SharkRun() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path file = Path.of(args[1]);
        long start = System.nanoTime();
        try (CloseableHeapGraph graph = HprofHeapGraph.Companion.openHeapGraph(file.toFile(), null,
                HprofRecordTag.Companion.getRootTags())) {
            long indexed = System.nanoTime();
            String detail = switch (mode) {
                case "histogram" -> histogram(graph);
                case "retained" -> retained(file.toFile(), graph, truth(file));
                default -> throw new IllegalArgumentException("mode: histogram or retained, not " + mode);
            };
            long nanos = System.nanoTime() - start;
            new RunResult("shark-2.14-" + mode, file, graph.getObjectCount(), nanos, String.format(Locale.ROOT,
                    "indexSeconds=%.2f %s", (indexed - start) / 1e9, detail)).print();
        }
    }

    private static String histogram(CloseableHeapGraph graph) {
        Map<String, long[]> perClass = new HashMap<>();
        long count = 0;
        long shallow = 0;
        for (Iterator<HeapObject> it = graph.getObjects().iterator(); it.hasNext(); ) {
            HeapObject object = it.next();
            String name;
            long bytes;
            if (object instanceof HeapObject.HeapInstance instance) {
                name = instance.getInstanceClassName();
                bytes = instance.getByteSize();
            } else if (object instanceof HeapObject.HeapObjectArray array) {
                name = array.getArrayClassName();
                bytes = array.getByteSize();
            } else if (object instanceof HeapObject.HeapPrimitiveArray array) {
                name = array.getArrayClassName();
                bytes = array.getByteSize();
            } else {
                continue;
            }
            long[] row = perClass.computeIfAbsent(name, k -> new long[2]);
            row[0]++;
            row[1] += bytes;
            count++;
            shallow += bytes;
        }
        String top = perClass.entrySet().stream()
                .max((a, b) -> Long.compare(a.getValue()[1], b.getValue()[1]))
                .map(e -> e.getKey() + ":" + e.getValue()[0] + "x" + e.getValue()[1] + "B").orElse("-");
        return "histogramObjects=" + count + " classes=" + perClass.size() + " shallowBytes=" + shallow
                + " topByShallow=" + top;
    }

    private static String retained(File file, CloseableHeapGraph graph, Map<String, String> truth) {
        long holder = Long.decode(truth.get("leakHolderObjectId"));
        HeapAnalysis analysis = new HeapAnalyzer(OnAnalysisProgressListener.Companion.getNO_OP()).analyze(
                file, graph, g -> Set.of(holder), List.of(), true, List.of(), MetadataExtractor.Companion.getNO_OP());
        if (analysis instanceof HeapAnalysisFailure failure) {
            return "failed=" + failure.getException().getMessage().lines().findFirst().orElse("?").replace(' ', '_');
        }
        Iterator<Leak> leaks = ((HeapAnalysisSuccess) analysis).getAllLeaks().iterator();
        if (!leaks.hasNext()) {
            return "leaks=0";
        }
        Leak leak = leaks.next();
        return "leakRetainedBytes=" + leak.getTotalRetainedHeapByteSize()
                + " leakRetainedObjects=" + leak.getTotalRetainedObjectCount()
                + " truthRetainedBytes=" + truth.get("leakRetainedBytes");
    }

    /** The generator's sidecar: key=value lines. */
    static Map<String, String> truth(Path dump) throws java.io.IOException {
        Map<String, String> truth = new HashMap<>();
        for (String line : Files.readAllLines(dump.resolveSibling(dump.getFileName() + ".truth"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                truth.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return truth;
    }
}

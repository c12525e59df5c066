package io.leakhound.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmc.common.IMCFrame;
import org.openjdk.jmc.common.IMCStackTrace;
import org.openjdk.jmc.common.IMCType;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.item.ItemFilters;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.flightrecorder.JfrAttributes;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.jdk.JdkAttributes;
import org.openjdk.jmc.flightrecorder.jdk.JdkTypeIDs;

/**
 * JDK Mission Control's parser (org.openjdk.jmc:flightrecorder, the library behind JMC's GUI and its
 * automated analysis) on a recording: {@code JfrLoaderToolkit.loadEvents(File)}, which parses the whole file into
 * an in-memory item collection, then an aggregation comparable to {@code leakhound alloc}'s and to the heap
 * series of {@code leakhound analyze}:
 * <ul>
 *   <li>{@code jdk.ObjectAllocationSample} weight summed per class and per (class, stack trace), and per top
 *   frame for the heaviest class;</li>
 *   <li>the heap used after each GC ({@code jdk.GCHeapSummary}, {@code when = "After GC"}).</li>
 * </ul>
 * Prints the load time apart ({@code loadSeconds}) from the total.
 */
public final class JmcRun {
    private JmcRun() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[args.length - 1]);
        long start = System.nanoTime();
        IItemCollection items = JfrLoaderToolkit.loadEvents(file.toFile());
        long loaded = System.nanoTime();

        long events = 0;
        for (IItemIterable iterable : items) {
            events += iterable.getItemCount();
        }
        Map<String, long[]> weightPerClass = new HashMap<>();
        Map<List<Object>, long[]> weightPerStack = new HashMap<>();
        long allocSamples = 0;
        long allocWeight = 0;
        for (IItemIterable iterable : items.apply(ItemFilters.type(JdkTypeIDs.OBJ_ALLOC_SAMPLE))) {
            IMemberAccessor<IMCType, IItem> classOf = JdkAttributes.OBJECT_CLASS.getAccessor(iterable.getType());
            IMemberAccessor<IQuantity, IItem> weightOf = JdkAttributes.SAMPLE_WEIGHT.getAccessor(iterable.getType());
            IMemberAccessor<IMCStackTrace, IItem> stackOf = JfrAttributes.EVENT_STACKTRACE.getAccessor(iterable.getType());
            for (IItem item : iterable) {
                IMCType type = classOf.getMember(item);
                long weight = weightOf.getMember(item).clampedLongValueIn(UnitLookup.BYTE);
                String name = type == null ? "?" : type.getFullName();
                allocSamples++;
                allocWeight += weight;
                weightPerClass.computeIfAbsent(name, n -> new long[1])[0] += weight;
                IMCStackTrace stack = stackOf == null ? null : stackOf.getMember(item);
                weightPerStack.computeIfAbsent(List.of(name, stack == null ? "" : stack), k -> new long[1])[0] += weight;
            }
        }
        Map.Entry<String, long[]> top = weightPerClass.entrySet().stream()
                .max((a, b) -> Long.compare(a.getValue()[0], b.getValue()[0])).orElse(null);
        // the top class's sites by their top frame, as leakhound's sites are keyed
        Map<String, long[]> topFrames = new HashMap<>();
        if (top != null) {
            for (Map.Entry<List<Object>, long[]> entry : weightPerStack.entrySet()) {
                if (entry.getKey().get(0).equals(top.getKey())
                        && entry.getKey().get(1) instanceof IMCStackTrace stack && !stack.getFrames().isEmpty()) {
                    IMCFrame frame = stack.getFrames().get(0);
                    String key = frame.getMethod().getType().getFullName() + "." + frame.getMethod().getMethodName()
                            + ":" + frame.getFrameLineNumber();
                    topFrames.computeIfAbsent(key, k -> new long[1])[0] += entry.getValue()[0];
                }
            }
        }
        String topFrame = topFrames.entrySet().stream()
                .max((a, b) -> Long.compare(a.getValue()[0], b.getValue()[0])).map(Map.Entry::getKey).orElse("-");

        long heapAfterGc = 0;
        long lastHeapUsed = -1;
        long lastTime = Long.MIN_VALUE;
        for (IItemIterable iterable : items.apply(ItemFilters.type(JdkTypeIDs.HEAP_SUMMARY))) {
            IMemberAccessor<String, IItem> whenOf = JdkAttributes.GC_WHEN.getAccessor(iterable.getType());
            IMemberAccessor<IQuantity, IItem> usedOf = JdkAttributes.HEAP_USED.getAccessor(iterable.getType());
            IMemberAccessor<IQuantity, IItem> timeOf = JfrAttributes.START_TIME.getAccessor(iterable.getType());
            for (IItem item : iterable) {
                if ("After GC".equals(whenOf.getMember(item))) {
                    heapAfterGc++;
                    long time = timeOf.getMember(item).clampedLongValueIn(UnitLookup.EPOCH_NS);
                    if (time >= lastTime) {
                        lastTime = time;
                        lastHeapUsed = usedOf.getMember(item).clampedLongValueIn(UnitLookup.BYTE);
                    }
                }
            }
        }
        long nanos = System.nanoTime() - start;
        new RunResult("jmc-9.1.0", file, events, nanos, String.format(Locale.ROOT,
                "loadSeconds=%.2f allocSamples=%d allocWeight=%d classes=%d stacks=%d topClass=%s:%d topFrame=%s"
                        + " heapAfterGc=%d lastHeapUsed=%d", (loaded - start) / 1e9, allocSamples, allocWeight,
                weightPerClass.size(), weightPerStack.size(), top == null ? "-" : top.getKey(),
                top == null ? 0 : top.getValue()[0], topFrame, heapAfterGc, lastHeapUsed)).print();
    }
}

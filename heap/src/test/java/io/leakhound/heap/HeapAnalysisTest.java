package io.leakhound.heap;

import io.leakhound.heap.graph.DominatorTree;
import io.leakhound.heap.graph.Progress;
import io.leakhound.heap.graph.RetainedSizes;
import io.leakhound.hprof.BasicType;
import io.leakhound.testing.hprof.TinyHeap.ClassHandle;
import io.leakhound.testing.hprof.TinyHeap.Field;
import io.leakhound.testing.hprof.TinyHeap.ObjectHandle;
import io.leakhound.testing.hprof.TinyHeap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tiny dumps written with {@link TinyHeap} whose retained sizes are worked out by hand. All use 4-byte
 * identifiers, so the 32-bit layout applies: 8-byte object header, 4-byte references, 12-byte array
 * header, everything rounded up to 8 bytes. Hence:
 * <ul>
 *   <li>{@code Node {Object next; int value}} = 8 + 4 + 4 = 16 bytes;</li>
 *   <li>{@code Pair {Object left; Object right}} = 8 + 4 + 4 = 16 bytes;</li>
 *   <li>{@code byte[n]} = align8(12 + n): byte[4] = 16, byte[20] = 32, byte[100] = 112, byte[200] = 216;</li>
 *   <li>{@code Object[n]} = align8(12 + 4n): Object[1] = 16;</li>
 *   <li>{@code WeakReference} = 8 + 4 references = 24 bytes.</li>
 * </ul>
 */
class HeapAnalysisTest {
    @TempDir
    Path temp;

    private final TinyHeap heap = TinyHeap.withIdentifierSize(4);
    private final ClassHandle node = heap.defineClass("com.acme.Node", heap.objectClass(),
            Field.of("next", BasicType.OBJECT), Field.of("value", BasicType.INT));
    private final ClassHandle pair = heap.defineClass("com.acme.Pair", heap.objectClass(),
            Field.of("left", BasicType.OBJECT), Field.of("right", BasicType.OBJECT));

    /** A dump opened with its dominator tree and retained sizes, for assertions on single objects. */
    private final class Opened implements AutoCloseable {
        final HeapIndex index;
        final DominatorTree tree;
        final RetainedSizes retained;

        Opened() throws IOException {
            index = HeapIndex.open(heap.writeTo(temp.resolve("tiny.hprof")), temp, Progress.NONE);
            tree = DominatorTree.compute(index.graph(), index.roots().inSearchOrder(index.arrays()), index.arrays());
            retained = RetainedSizes.compute(tree, index.shallowSizes());
        }

        int node(ObjectHandle handle) {
            int found = index.nodeAt(handle.id());
            assertThat(found).as("node of " + handle).isNotNegative();
            return found;
        }

        long retained(ObjectHandle handle) {
            return retained.retained(node(handle));
        }

        int idom(ObjectHandle handle) {
            return tree.immediateDominator(node(handle));
        }

        @Override
        public void close() throws IOException {
            index.close();
        }
    }

    @Test
    void chain_eachLinkRetainsTheRest() throws IOException {
        ObjectHandle c = heap.newInstance(node);
        ObjectHandle b = heap.newInstance(node, "next", c);
        ObjectHandle a = heap.newInstance(node, "next", b);
        heap.rootJavaFrame(a);

        try (Opened dump = new Opened()) {
            assertThat(dump.index.sizeModel()).isEqualTo(SizeModel.thirtyTwoBit());
            assertThat(dump.index.shallowSize(dump.node(a))).isEqualTo(16);
            // a = 16 + b; b = 16 + c; c = 16
            assertThat(dump.retained(a)).isEqualTo(48);
            assertThat(dump.retained(b)).isEqualTo(32);
            assertThat(dump.retained(c)).isEqualTo(16);
            assertThat(dump.idom(c)).isEqualTo(dump.node(b));
            assertThat(dump.idom(a)).isEqualTo(DominatorTree.VIRTUAL_ROOT);
        }
    }

    @Test
    void diamond_sharedChild_isDominatedByTheTop() throws IOException {
        ObjectHandle bottom = heap.newPrimitiveArray(BasicType.BYTE, 20);
        ObjectHandle left = heap.newInstance(node, "next", bottom);
        ObjectHandle right = heap.newInstance(node, "next", bottom);
        ObjectHandle top = heap.newInstance(pair, "left", left, "right", right);
        heap.rootJavaFrame(top);

        try (Opened dump = new Opened()) {
            // neither side alone frees the byte[20]: top = 16 + 16 + 16 + 32, each side only itself
            assertThat(dump.retained(top)).isEqualTo(80);
            assertThat(dump.retained(left)).isEqualTo(16);
            assertThat(dump.retained(right)).isEqualTo(16);
            assertThat(dump.idom(bottom)).isEqualTo(dump.node(top));
        }
    }

    @Test
    void cycle_entryRetainsTheWholeCycle() throws IOException {
        ObjectHandle payload = heap.newPrimitiveArray(BasicType.BYTE, 4);
        ObjectHandle a = heap.newInstance(node);
        ObjectHandle b = heap.newInstance(node, "next", a);
        heap.set(a, "next", b);
        ObjectHandle holder = heap.newInstance(pair, "left", a, "right", payload);
        heap.rootJavaFrame(holder);

        try (Opened dump = new Opened()) {
            // a is the only way in: a = 16 + b (16); holder = 16 + a (32) + byte[4] (16)
            assertThat(dump.retained(a)).isEqualTo(32);
            assertThat(dump.idom(b)).isEqualTo(dump.node(a));
            assertThat(dump.retained(holder)).isEqualTo(64);
        }
    }

    @Test
    void weakReference_referentHeldOnlyWeakly_isNeitherRetainedNorReachable() throws IOException {
        ObjectHandle big = heap.newPrimitiveArray(BasicType.BYTE, 100);
        ObjectHandle weak = heap.newWeakReference(big);
        ObjectHandle holder = heap.newInstance(pair, "left", weak);
        heap.rootJavaFrame(holder);

        try (Opened dump = new Opened()) {
            // holder = 16 + WeakReference (24); the byte[100] (112) would go at the next GC
            assertThat(dump.retained(holder)).isEqualTo(40);
            assertThat(dump.tree.reachable(dump.node(big))).isFalse();
        }
        HeapAnalysis analysis = new HeapAnalyzer(5, 0).analyze(temp.resolve("tiny.hprof"), temp, Progress.NONE);
        assertThat(analysis.unreachableObjects()).isEqualTo(1);
        assertThat(analysis.unreachableBytes()).isEqualTo(112);
    }

    @Test
    void softAndPhantomAndFinalizer_referentsAreNotStrongEdges() throws IOException {
        ObjectHandle softly = heap.newPrimitiveArray(BasicType.BYTE, 4);
        ObjectHandle phantomly = heap.newPrimitiveArray(BasicType.BYTE, 4);
        ObjectHandle finalizable = heap.newPrimitiveArray(BasicType.BYTE, 4);
        heap.rootJavaFrame(heap.newSoftReference(softly));
        heap.rootJavaFrame(heap.newPhantomReference(phantomly));
        heap.rootJavaFrame(heap.newFinalizer(finalizable));

        try (Opened dump = new Opened()) {
            assertThat(dump.tree.reachable(dump.node(softly))).isFalse();
            assertThat(dump.tree.reachable(dump.node(phantomly))).isFalse();
            assertThat(dump.tree.reachable(dump.node(finalizable))).isFalse();
        }
    }

    @Test
    void unreachableIsland_retainsNothing_andIsReportedApart() throws IOException {
        ObjectHandle a = heap.newInstance(node);
        ObjectHandle b = heap.newInstance(node, "next", a);
        heap.set(a, "next", b);

        try (Opened dump = new Opened()) {
            assertThat(dump.tree.reachable(dump.node(a))).isFalse();
            assertThat(dump.retained(a)).isZero();
        }
        HeapAnalysis analysis = new HeapAnalyzer(5, 0).analyze(temp.resolve("tiny.hprof"), temp, Progress.NONE);
        assertThat(analysis.unreachableObjects()).isEqualTo(2);
        assertThat(analysis.unreachableBytes()).isEqualTo(32);
        assertThat(analysis.histogram()).filteredOn(row -> row.className().equals("com.acme.Node"))
                .singleElement().satisfies(row -> {
                    assertThat(row.count()).isEqualTo(2);
                    assertThat(row.retainedBytes()).isZero();
                });
    }

    @Test
    void classHeldByItsLoader_isRetainedByTheLoader_withItsStatics() throws IOException {
        ClassHandle loaderClass = heap.defineClass("com.acme.PluginLoader", heap.classLoaderClass());
        ObjectHandle loader = heap.newClassLoader(loaderClass, null);
        ClassHandle plugin = heap.defineClass("com.acme.Plugin", heap.objectClass(), loader);
        ObjectHandle cache = heap.newPrimitiveArray(BasicType.BYTE, 200);
        heap.setStatic(plugin, "CACHE", cache);
        ObjectHandle classes = heap.newObjectArray(heap.arrayClassOf(heap.objectClass()),
                new ObjectHandle(plugin.id(), heap.classClass()));
        heap.set(loader, "classes", classes);
        heap.rootJavaFrame(loader);

        try (Opened dump = new Opened()) {
            int pluginClass = dump.index.nodeAt(plugin.id());
            assertThat(dump.index.isClassObject(pluginClass)).isTrue();
            // java.lang.Class as the DSL writes it has 2 reference fields: 8 + 8 = 16, plus the 4-byte static = 20 -> 24
            assertThat(dump.index.shallowSize(pluginClass)).isEqualTo(24);
            // held through the loader's classes array, which the loader alone holds
            assertThat(dump.tree.immediateDominator(pluginClass)).isEqualTo(dump.node(classes));
            assertThat(dump.tree.dominates(dump.node(loader), pluginClass)).isTrue();
            // loader: ClassLoader's 2 references = 16; Object[1] = 16; the class 24; byte[200] = 216
            assertThat(dump.retained(loader)).isEqualTo(16 + 16 + 24 + 216);
        }
    }

    @Test
    void staticListLeak_suspectNamesTheStaticFieldTheListAndItsElements() throws IOException {
        ClassHandle listener = heap.defineClass("com.acme.OrderListener", heap.objectClass(),
                Field.of("payload", BasicType.OBJECT));
        ClassHandle arrayList = heap.defineClass("java.util.ArrayList", heap.objectClass(),
                Field.of("elementData", BasicType.OBJECT), Field.of("size", BasicType.INT));
        ClassHandle bus = heap.defineClass("com.acme.EventBus", heap.objectClass());
        int count = 200;
        ObjectHandle[] listeners = new ObjectHandle[count];
        for (int i = 0; i < count; i++) {
            listeners[i] = heap.newInstance(listener, "payload", heap.newPrimitiveArray(BasicType.BYTE, 100));
        }
        ObjectHandle elementData = heap.newObjectArray(heap.arrayClassOf(heap.objectClass()), listeners);
        ObjectHandle list = heap.newInstance(arrayList, "elementData", elementData, "size", count);
        heap.setStatic(bus, "LISTENERS", list);
        heap.rootJavaFrame(heap.newInstance(node)); // some other live object

        HeapAnalysis analysis = new HeapAnalyzer(5, 2).analyze(heap.writeTo(temp.resolve("leak.hprof")), temp,
                Progress.NONE);

        assertThat(analysis.suspects()).isNotEmpty();
        LeakSuspect first = analysis.suspects().get(0);
        // each listener: 16 (object) + 112 (byte[100]); Object[200] = 12 + 800 = 812 -> 816; ArrayList = 16
        assertThat(first.elementClass()).isEqualTo("com.acme.OrderListener");
        assertThat(first.elementCount()).isEqualTo(count);
        assertThat(first.elementRetainedBytes()).isEqualTo(count * (16 + 112));
        assertThat(first.holder().className()).isEqualTo("java.util.ArrayList");
        assertThat(first.holder().objectId()).isEqualTo(list.id());
        assertThat(first.accumulationPoint().objectId()).isEqualTo(elementData.id());
        assertThat(first.holderReference()).isEqualTo("static com.acme.EventBus.LISTENERS");
        assertThat(first.path()).containsExactly("static com.acme.EventBus.LISTENERS", "java.util.ArrayList.elementData");
        assertThat(first.retainedFraction()).isGreaterThan(0.5);
    }

    /**
     * HotSpot writes the GC roots after the objects, so a dump whose writer was killed keeps objects and
     * no roots; before, everything read as unreachable and the report said "No leak suspect".
     */
    @Test
    void truncatedDumpThatLostItsRoots_judgesWhatRemainsAsHeldByAnUnknownRootAndWarns() throws IOException {
        ClassHandle arrayList = heap.defineClass("java.util.ArrayList", heap.objectClass(),
                Field.of("elementData", BasicType.OBJECT), Field.of("size", BasicType.INT));
        ClassHandle bus = heap.defineClass("com.acme.EventBus", heap.objectClass());
        ObjectHandle[] payloads = new ObjectHandle[300];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = heap.newPrimitiveArray(BasicType.BYTE, 100);
        }
        ObjectHandle list = heap.newInstance(arrayList, "elementData",
                heap.newObjectArray(heap.arrayClassOf(heap.objectClass()), payloads), "size", payloads.length);
        heap.setStatic(bus, "LISTENERS", list);
        heap.newPrimitiveArray(BasicType.BYTE, 20_000); // the object the writer was writing when it died
        heap.rootJavaFrame(list);
        byte[] whole = heap.toByteArray();
        Path cut = Files.write(temp.resolve("cut.hprof"), Arrays.copyOf(whole, whole.length - 10_000));

        HeapAnalysis analysis = new HeapAnalyzer(5, 2).analyze(cut, temp, Progress.NONE);

        assertThat(analysis.warnings()).anyMatch(warning -> warning.contains("truncated"))
                .anyMatch(warning -> warning.contains("unknown root"));
        assertThat(analysis.unreachableBytes()).isZero();
        assertThat(analysis.suspects()).isNotEmpty();
        assertThat(analysis.suspects().get(0).holderReference()).isEqualTo("static com.acme.EventBus.LISTENERS");
        assertThat(analysis.suspects().get(0).elementCount()).isEqualTo(payloads.length);
    }

    @Test
    void dumpCutBeforeItsFirstObject_isAFormatErrorNamingTheOffset() throws IOException {
        heap.newInstance(heap.defineClass("com.acme.Thing", heap.objectClass()));
        byte[] whole = heap.toByteArray();
        Path cut = Files.write(temp.resolve("header-only.hprof"), Arrays.copyOf(whole, 40));

        assertThatThrownBy(() -> new HeapAnalyzer(5, 2).analyze(cut, temp, Progress.NONE))
                .isInstanceOf(io.leakhound.hprof.HprofFormatException.class)
                .hasMessageContaining("header-only.hprof")
                .hasMessageContaining("nothing left to analyse");
    }

    @Test
    void listHeldByAFieldOfAnObjectOnAThreadsStack_namesTheFieldTheThreadAndTheFrame() throws IOException {
        ClassHandle arrayList = heap.defineClass("java.util.ArrayList", heap.objectClass(),
                Field.of("elementData", BasicType.OBJECT), Field.of("size", BasicType.INT));
        ClassHandle batch = heap.defineClass("com.acme.Batch", heap.objectClass(), Field.of("pending", BasicType.OBJECT));
        ClassHandle thread = heap.defineClass("java.lang.Thread", heap.objectClass(), Field.of("name", BasicType.OBJECT));
        int count = 200;
        ObjectHandle[] orders = new ObjectHandle[count];
        for (int i = 0; i < count; i++) {
            orders[i] = heap.newInstance(node, "next", heap.newPrimitiveArray(BasicType.BYTE, 100));
        }
        ObjectHandle elementData = heap.newObjectArray(heap.arrayClassOf(heap.objectClass()), orders);
        ObjectHandle list = heap.newInstance(arrayList, "elementData", elementData, "size", count);
        ObjectHandle running = heap.newInstance(batch, "pending", list);
        ObjectHandle worker = heap.newInstance(thread, "name", heap.newString("worker-1"));
        heap.addRoot(new io.leakhound.hprof.HeapDumpRecord.RootThreadObject(worker.id(), 7, 2));
        // frame 0 is the JDK's sleep the batch waits in, frame 1 the application's method whose `this` it is
        heap.threadStack(7,
                new TinyHeap.Frame(thread, "sleep", "Thread.java", 0),
                new TinyHeap.Frame(batch, "run", "Batch.java", 42));
        heap.rootJavaFrame(running, 7, 1);

        HeapAnalysis analysis = new HeapAnalyzer(5, 2).analyze(heap.writeTo(temp.resolve("stack.hprof")), temp,
                Progress.NONE);

        LeakSuspect first = analysis.suspects().get(0);
        assertThat(first.holder().objectId()).isEqualTo(list.id());
        assertThat(first.elementCount()).isEqualTo(count);
        assertThat(first.holderReference())
                .startsWith("com.acme.Batch.pending")
                .contains("held on the stack of thread")
                .endsWith("at com.acme.Batch.run(Batch.java:42)");
    }

    @Test
    void mapLeak_elementsAreTheValuesBehindTheMapEntries() throws IOException {
        ClassHandle hashMap = heap.defineClass("java.util.HashMap", heap.objectClass(), Field.of("table", BasicType.OBJECT));
        ClassHandle entry = heap.defineClass("java.util.HashMap$Node", heap.objectClass(),
                Field.of("key", BasicType.OBJECT), Field.of("value", BasicType.OBJECT), Field.of("next", BasicType.OBJECT));
        ClassHandle session = heap.defineClass("com.acme.Session", heap.objectClass(), Field.of("data", BasicType.OBJECT));
        ClassHandle cache = heap.defineClass("com.acme.Cache", heap.objectClass());
        int count = 100;
        ObjectHandle[] entries = new ObjectHandle[count];
        for (int i = 0; i < count; i++) {
            ObjectHandle value = heap.newInstance(session, "data", heap.newPrimitiveArray(BasicType.BYTE, 300));
            entries[i] = heap.newInstance(entry, "key", heap.newString("k" + i), "value", value);
        }
        ObjectHandle map = heap.newInstance(hashMap, "table", heap.newObjectArray(heap.arrayClassOf(entry), entries));
        heap.setStatic(cache, "SESSIONS", map);

        HeapAnalysis analysis = new HeapAnalyzer(5, 0).analyze(heap.writeTo(temp.resolve("map.hprof")), temp,
                Progress.NONE);

        LeakSuspect first = analysis.suspects().get(0);
        assertThat(first.elementClass()).isEqualTo("com.acme.Session");
        assertThat(first.elementCount()).isEqualTo(count);
        assertThat(first.holder().className()).isEqualTo("java.util.HashMap");
        assertThat(first.holderReference()).isEqualTo("static com.acme.Cache.SESSIONS");
    }

    @Test
    void threadHeldLeak_holderReferenceNamesTheThread() throws IOException {
        ClassHandle thread = heap.defineClass("java.lang.Thread", heap.objectClass(),
                Field.of("name", BasicType.OBJECT), Field.of("target", BasicType.OBJECT));
        ObjectHandle[] items = new ObjectHandle[50];
        for (int i = 0; i < items.length; i++) {
            items[i] = heap.newPrimitiveArray(BasicType.BYTE, 500);
        }
        ObjectHandle worker = heap.newInstance(thread, "name", heap.newString("worker-7"),
                "target", heap.newObjectArray(heap.arrayClassOf(heap.objectClass()), items));
        heap.rootThreadObject(worker);

        HeapAnalysis analysis = new HeapAnalyzer(5, 0).analyze(heap.writeTo(temp.resolve("thread.hprof")), temp,
                Progress.NONE);

        LeakSuspect first = analysis.suspects().get(0);
        assertThat(first.holder().className()).isEqualTo("java.lang.Thread");
        assertThat(first.holderReference()).isEqualTo("thread worker-7");
        assertThat(first.path()).containsExactly("thread worker-7", "java.lang.Thread.target");
        assertThat(first.elementClass()).isEqualTo("byte[]");
        assertThat(first.elementCount()).isEqualTo(50);
    }

    @Test
    void fewBigWorkers_rankAfterASingleHolderOfManyElements() throws IOException {
        ClassHandle worker = heap.defineClass("com.acme.Worker", heap.objectClass(), Field.of("buffer", BasicType.OBJECT));
        for (int i = 0; i < 8; i++) {
            heap.rootJavaFrame(heap.newInstance(worker, "buffer", heap.newPrimitiveArray(BasicType.BYTE, 10_000)));
        }
        ClassHandle registry = heap.defineClass("com.acme.Registry", heap.objectClass());
        ObjectHandle[] entries = new ObjectHandle[300];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = heap.newInstance(node, "next", heap.newPrimitiveArray(BasicType.BYTE, 80));
        }
        heap.setStatic(registry, "ENTRIES", heap.newObjectArray(heap.arrayClassOf(node), entries));

        HeapAnalysis analysis = new HeapAnalyzer(5, 0).analyze(heap.writeTo(temp.resolve("workers.hprof")), temp,
                Progress.NONE);

        // each worker retains 16 + 10,016 bytes (under a tenth of the heap), together 8 x 10,032, more than the
        // registry's 300 x (16 + 96) + 1,216; yet the registry comes first
        assertThat(analysis.suspects()).extracting(LeakSuspect::kind)
                .containsExactly(LeakSuspect.Kind.SINGLE_OBJECT, LeakSuspect.Kind.CLASS_INSTANCES);
        assertThat(analysis.suspects().get(0).holderReference()).isEqualTo("static com.acme.Registry.ENTRIES");
        assertThat(analysis.suspects().get(1).retainedBytes()).isGreaterThan(analysis.suspects().get(0).retainedBytes());
    }
}

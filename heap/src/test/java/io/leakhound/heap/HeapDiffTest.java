package io.leakhound.heap;

import io.leakhound.heap.graph.Progress;
import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.HeapDumpRecord;
import io.leakhound.hprof.HprofFormatException;
import io.leakhound.testing.hprof.TinyHeap;
import io.leakhound.testing.hprof.TinyHeap.ClassHandle;
import io.leakhound.testing.hprof.TinyHeap.Field;
import io.leakhound.testing.hprof.TinyHeap.ObjectHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Comparisons of dump pairs written with the DSL, each a small "service" whose structures are rebuilt from
 * scratch for every dump (new addresses, as after the collections between two real dumps), with one
 * structure that grows and others that stay the same size.
 */
class HeapDiffTest {
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final int PAYLOAD = 4096;

    @TempDir
    Path temp;

    /**
     * A service: a static listener list, a static cache of fixed size whose entries are replaced between
     * dumps, some request garbage no root reaches, and a request in flight on a thread's stack.
     */
    private Path service(String name, Instant when, int listeners, int cacheEntries, int garbage) throws IOException {
        TinyHeap heap = TinyHeap.withIdentifierSize(8).takenAt(when);
        ClassHandle listener = heap.defineClass("com.acme.OrderListener", heap.objectClass(),
                Field.of("payload", BasicType.OBJECT));
        ClassHandle arrayList = arrayList(heap);
        ClassHandle hashMap = heap.defineClass("java.util.HashMap", heap.objectClass(), Field.of("table", BasicType.OBJECT));
        ClassHandle node = heap.defineClass("java.util.HashMap$Node", heap.objectClass(),
                Field.of("key", BasicType.OBJECT), Field.of("value", BasicType.OBJECT), Field.of("next", BasicType.OBJECT));
        ClassHandle bus = heap.defineClass("com.acme.EventBus", heap.objectClass());
        ClassHandle cache = heap.defineClass("com.acme.Fragments", heap.objectClass());
        ClassHandle request = heap.defineClass("com.acme.Request", heap.objectClass(), Field.of("body", BasicType.OBJECT));

        ObjectHandle[] held = new ObjectHandle[listeners];
        for (int i = 0; i < listeners; i++) {
            held[i] = heap.newInstance(listener, "payload", heap.newPrimitiveArray(BasicType.BYTE, PAYLOAD));
        }
        heap.setStatic(bus, "LISTENERS", list(heap, arrayList, held));

        ObjectHandle[] entries = new ObjectHandle[cacheEntries];
        for (int i = 0; i < cacheEntries; i++) {
            entries[i] = heap.newInstance(node, "key", heap.newString("fragment-" + i),
                    "value", heap.newPrimitiveArray(BasicType.BYTE, 2 * PAYLOAD));
        }
        heap.setStatic(cache, "LRU", heap.newInstance(hashMap, "table", heap.newObjectArray(heap.arrayClassOf(node), entries)));

        for (int i = 0; i < garbage; i++) {
            heap.newInstance(request, "body", heap.newPrimitiveArray(BasicType.BYTE, PAYLOAD));
        }
        heap.rootJavaFrame(heap.newInstance(request, "body", heap.newPrimitiveArray(BasicType.BYTE, 512)));
        return heap.writeTo(temp.resolve(name));
    }

    private static ClassHandle arrayList(TinyHeap heap) {
        return heap.defineClass("java.util.ArrayList", heap.objectClass(),
                Field.of("elementData", BasicType.OBJECT), Field.of("size", BasicType.INT));
    }

    private static ObjectHandle list(TinyHeap heap, ClassHandle arrayList, ObjectHandle... elements) {
        // an ArrayList's array has spare room, as in a real one
        ObjectHandle[] data = Arrays.copyOf(elements, elements.length + elements.length / 2 + 1);
        return heap.newInstance(arrayList, "elementData", heap.newObjectArray(heap.arrayClassOf(heap.objectClass()), data),
                "size", elements.length);
    }

    private static HeapDiff compare(Path... dumps) throws IOException {
        return new HeapDiffer().compare(List.of(dumps), dumps[0].getParent(), Progress.NONE);
    }

    @Test
    void growingStaticList_firstSuspectNamesTheStaticFieldAndTheListeners() throws IOException {
        Path before = service("before.hprof", START, 10, 50, 20);
        Path after = service("after.hprof", START.plus(Duration.ofHours(2)), 300, 50, 80);

        HeapDiff diff = compare(before, after);

        assertThat(diff.elapsedSeconds()).isEqualTo(7200.0);
        assertThat(diff.suspects()).hasSize(1);
        HeapDiff.GrowthSuspect suspect = diff.suspects().get(0);
        assertThat(suspect.holderReference()).isEqualTo("static com.acme.EventBus.LISTENERS");
        assertThat(suspect.holderClass()).isEqualTo("java.util.ArrayList");
        assertThat(suspect.holderCount()).isEqualTo(1);
        assertThat(suspect.elementClass()).isEqualTo("com.acme.OrderListener");
        assertThat(suspect.elementCounts()).containsExactly(10L, 300L);
        assertThat(suspect.path()).containsExactly("static com.acme.EventBus.LISTENERS");
        // what the list retains: the list, its array, and per listener the object and its payload
        long perListener = 16 + 16 + PAYLOAD;
        assertThat(suspect.retainedBytesBefore()).isEqualTo(24 + arrayBytes(16) + 10 * perListener);
        assertThat(suspect.retainedBytesAfter()).isEqualTo(24 + arrayBytes(451) + 300 * perListener);
        assertThat(suspect.growthBytesPerHour()).isEqualTo(suspect.growthBytes() / 2.0);
        assertThat(suspect.grewInEveryInterval()).isTrue();
        assertThat(suspect.growthFraction()).isBetween(0.5, 1.0);
    }

    /** Asserts there is one suspect, of this holder and these elements, and returns it. */
    private static HeapDiff.GrowthSuspect onlySuspect(HeapDiff diff, String holderReference, String holderClass,
                                                      String elementClass) {
        assertThat(diff.suspects()).hasSize(1);
        HeapDiff.GrowthSuspect suspect = diff.suspects().get(0);
        assertThat(suspect.holderReference()).isEqualTo(holderReference);
        assertThat(suspect.holderClass()).isEqualTo(holderClass);
        assertThat(suspect.elementClass()).isEqualTo(elementClass);
        return suspect;
    }

    /** An Object[] of {@code length} with compressed oops: 16-byte header, 4 bytes a slot, 8-byte aligned. */
    private static long arrayBytes(int length) {
        return (16 + 4L * length + 7) / 8 * 8;
    }

    @Test
    void growingStaticList_classDeltaCountsReachableObjectsOnly() throws IOException {
        Path before = service("before.hprof", START, 10, 50, 20);
        Path after = service("after.hprof", START.plusSeconds(60), 300, 50, 80);

        HeapDiff diff = compare(before, after);

        HeapDiff.ClassDelta listeners = delta(diff, "com.acme.OrderListener");
        assertThat(listeners.counts()).containsExactly(10L, 300L);
        assertThat(listeners.shallowBytes()).containsExactly(160L, 4800L);
        // the unreachable requests (20 then 80) are garbage, not growth: only the one in flight counts
        assertThat(diff.classes()).extracting(HeapDiff.ClassDelta::className).doesNotContain("com.acme.Request");
        assertThat(diff.classes().get(0).className()).isEqualTo("byte[]");
    }

    private static HeapDiff.ClassDelta delta(HeapDiff diff, String className) {
        return diff.classes().stream().filter(c -> c.className().equals(className)).findFirst().orElseThrow();
    }

    @Test
    void sameShapeWithNewObjects_nothingGrew() throws IOException {
        Path before = service("before.hprof", START, 300, 50, 20);
        Path after = service("after.hprof", START.plusSeconds(3600), 300, 50, 500);

        HeapDiff diff = compare(before, after);

        assertThat(diff.suspects()).isEmpty();
        assertThat(diff.classes()).isEmpty();
    }

    @Test
    void reversedPair_shrinkingIsNoSuspect() throws IOException {
        Path before = service("before.hprof", START, 10, 50, 20);
        Path after = service("after.hprof", START.plusSeconds(3600), 300, 50, 20);

        HeapDiff diff = compare(after, before);

        assertThat(diff.suspects()).isEmpty();
        assertThat(diff.warnings()).anyMatch(warning -> warning.contains("backwards in time"));
    }

    @Test
    void dumpComparedWithItself_noSuspectAndNoGrowthRate() throws IOException {
        Path dump = service("dump.hprof", START, 300, 50, 20);

        HeapDiff diff = compare(dump, dump);

        assertThat(diff.suspects()).isEmpty();
        assertThat(diff.classes()).isEmpty();
        assertThat(diff.elapsedSeconds()).isZero();
        assertThat(diff.warnings()).anyMatch(warning -> warning.contains("same timestamp"));
    }

    @Test
    void earlierDumpNotHprof_failsNamingThatFile() throws IOException {
        Path notADump = Files.writeString(temp.resolve("notes.hprof"), "JAVA PROFILE? no, a text file");
        Path after = service("after.hprof", START, 300, 50, 20);

        assertThatThrownBy(() -> compare(notADump, after))
                .isInstanceOf(HprofFormatException.class).hasMessageContaining("notes.hprof");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void lastDumpNotHprof_failsNamingThatFile() throws IOException {
        Path before = service("before.hprof", START, 300, 50, 20);
        Path notADump = Files.writeString(temp.resolve("notes.hprof"), "JAVA PROFILE? no, a text file");

        assertThatThrownBy(() -> compare(before, notADump))
                .isInstanceOf(HprofFormatException.class).hasMessageContaining("notes.hprof");
    }

    @Test
    void oneDump_isRefused() {
        assertThatThrownBy(() -> new HeapDiffer().compare(List.of(temp.resolve("a.hprof")), temp, Progress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two dumps");
    }

    /**
     * The pooled request threads each keep a list in a ThreadLocal; the lists grow. Three threads, so the
     * holder's signature has three objects.
     */
    private Path pooledThreads(String name, Instant when, int itemsPerThread) throws IOException {
        TinyHeap heap = TinyHeap.withIdentifierSize(8).takenAt(when);
        ClassHandle thread = heap.defineClass("java.lang.Thread", heap.objectClass(),
                Field.of("name", BasicType.OBJECT), Field.of("threadLocals", BasicType.OBJECT));
        ClassHandle map = heap.defineClass("java.lang.ThreadLocal$ThreadLocalMap", heap.objectClass(),
                Field.of("table", BasicType.OBJECT));
        ClassHandle entry = heap.defineClass("java.lang.ThreadLocal$ThreadLocalMap$Entry", heap.weakReferenceClass(),
                Field.of("value", BasicType.OBJECT));
        ClassHandle threadLocal = heap.defineClass("java.lang.ThreadLocal", heap.objectClass());
        ClassHandle arrayList = arrayList(heap);
        ClassHandle owner = heap.defineClass("com.acme.RequestLog", heap.objectClass());
        ObjectHandle key = heap.newInstance(threadLocal);
        heap.setStatic(owner, "LOG", key);
        for (int t = 1; t <= 3; t++) {
            ObjectHandle[] items = new ObjectHandle[itemsPerThread];
            for (int i = 0; i < itemsPerThread; i++) {
                items[i] = heap.newPrimitiveArray(BasicType.BYTE, PAYLOAD);
            }
            ObjectHandle local = heap.newInstance(entry, "referent", key, "value", list(heap, arrayList, items));
            ObjectHandle locals = heap.newInstance(map, "table", heap.newObjectArray(heap.arrayClassOf(entry), local));
            ObjectHandle worker = heap.newInstance(thread, "name", heap.newString("request-" + t), "threadLocals", locals);
            heap.addRoot(new HeapDumpRecord.RootThreadObject(worker.id(), t, 1));
        }
        return heap.writeTo(temp.resolve(name));
    }

    @Test
    void threadLocalListsInPooledThreads_holderIsTheListInTheThreadLocalEntry() throws IOException {
        Path before = pooledThreads("before.hprof", START, 2);
        Path after = pooledThreads("after.hprof", START.plusSeconds(600), 40);

        HeapDiff diff = compare(before, after);

        assertThat(diff.suspects()).isNotEmpty();
        HeapDiff.GrowthSuspect suspect = diff.suspects().get(0);
        assertThat(suspect.holderClass()).isEqualTo("java.util.ArrayList");
        assertThat(suspect.holderReference()).isEqualTo("java.lang.ThreadLocal$ThreadLocalMap$Entry.value");
        assertThat(suspect.holderCount()).isEqualTo(3);
        assertThat(suspect.elementClass()).isEqualTo("byte[]");
        assertThat(suspect.elementCounts()).containsExactly(6L, 120L);
        assertThat(suspect.path().get(0)).matches("thread request-[123]");
    }

    /** A registry of plugins, each of a class of the same name in its own class loader. */
    private Path pluginRegistry(String name, Instant when, int plugins) throws IOException {
        TinyHeap heap = TinyHeap.withIdentifierSize(8).takenAt(when);
        ClassHandle hashMap = heap.defineClass("java.util.HashMap", heap.objectClass(), Field.of("table", BasicType.OBJECT));
        ClassHandle node = heap.defineClass("java.util.HashMap$Node", heap.objectClass(),
                Field.of("key", BasicType.OBJECT), Field.of("value", BasicType.OBJECT), Field.of("next", BasicType.OBJECT));
        ClassHandle loaderClass = heap.defineClass("com.acme.PluginLoader", heap.classLoaderClass());
        ClassHandle registry = heap.defineClass("com.acme.Registry", heap.objectClass());
        List<ObjectHandle> entries = new ArrayList<>();
        for (int i = 0; i < plugins; i++) {
            ObjectHandle loader = heap.newClassLoader(loaderClass, null);
            ClassHandle plugin = heap.defineClass("com.acme.Plugin", heap.objectClass(), loader,
                    Field.of("state", BasicType.OBJECT));
            heap.setStatic(plugin, "CACHE", heap.newPrimitiveArray(BasicType.BYTE, PAYLOAD));
            ObjectHandle instance = heap.newInstance(plugin, "state", heap.newPrimitiveArray(BasicType.BYTE, 256));
            entries.add(heap.newInstance(node, "key", heap.newString("plugin-v" + i), "value", instance));
        }
        heap.setStatic(registry, "PLUGINS", heap.newInstance(hashMap, "table",
                heap.newObjectArray(heap.arrayClassOf(node), entries.toArray(ObjectHandle[]::new))));
        return heap.writeTo(temp.resolve(name));
    }

    @Test
    void classLoaderRegistry_holderIsTheRegistryNotTheLeakedClasses() throws IOException {
        Path before = pluginRegistry("before.hprof", START, 3);
        Path after = pluginRegistry("after.hprof", START.plusSeconds(600), 60);

        HeapDiff diff = compare(before, after);

        HeapDiff.GrowthSuspect suspect = onlySuspect(diff, "static com.acme.Registry.PLUGINS", "java.util.HashMap",
                "com.acme.Plugin");
        assertThat(suspect.elementCounts()).containsExactly(3L, 60L);
        assertThat(delta(diff, "com.acme.PluginLoader").counts()).containsExactly(3L, 60L);
    }

    /** A memo map of 16 buckets: most entries sit in collision chains behind the first of their bucket. */
    private Path memo(String name, Instant when, int entries) throws IOException {
        TinyHeap heap = TinyHeap.withIdentifierSize(8).takenAt(when);
        ClassHandle hashMap = heap.defineClass("java.util.HashMap", heap.objectClass(), Field.of("table", BasicType.OBJECT));
        ClassHandle node = heap.defineClass("java.util.HashMap$Node", heap.objectClass(),
                Field.of("key", BasicType.OBJECT), Field.of("value", BasicType.OBJECT), Field.of("next", BasicType.OBJECT));
        ObjectHandle[] buckets = new ObjectHandle[16];
        for (int i = 0; i < entries; i++) {
            ObjectHandle value = heap.newPrimitiveArray(BasicType.BYTE, PAYLOAD);
            ObjectHandle key = heap.newString("user-" + i);
            int bucket = i % buckets.length;
            buckets[bucket] = buckets[bucket] == null ? heap.newInstance(node, "key", key, "value", value)
                    : heap.newInstance(node, "key", key, "value", value, "next", buckets[bucket]);
        }
        heap.setStatic(heap.defineClass("com.acme.Memo", heap.objectClass()), "RESULTS",
                heap.newInstance(hashMap, "table", heap.newObjectArray(heap.arrayClassOf(node), buckets)));
        return heap.writeTo(temp.resolve(name));
    }

    @Test
    void mapWithCollisionChains_countsEveryEntryAndNamesTheValues() throws IOException {
        Path before = memo("before.hprof", START, 20);
        Path after = memo("after.hprof", START.plusSeconds(600), 400);

        HeapDiff diff = compare(before, after);

        HeapDiff.GrowthSuspect suspect = onlySuspect(diff, "static com.acme.Memo.RESULTS", "java.util.HashMap",
                "byte[]");
        assertThat(suspect.elementCounts()).containsExactly(20L, 400L);
    }

    @Test
    void threeDumps_holderThatGrewEveryTimeRanksFirst() throws IOException {
        Path first = twoLists("first.hprof", START, 10, 10);
        Path second = twoLists("second.hprof", START.plusSeconds(600), 100, 600);
        Path third = twoLists("third.hprof", START.plusSeconds(1200), 200, 400);

        HeapDiff diff = compare(first, second, third);

        assertThat(diff.suspects()).hasSize(2);
        assertThat(diff.suspects().get(0).holderReference()).isEqualTo("static com.acme.Steady.ITEMS");
        assertThat(diff.suspects().get(0).grewInEveryInterval()).isTrue();
        assertThat(diff.suspects().get(0).elementCounts()).containsExactly(10L, 100L, 200L);
        assertThat(diff.suspects().get(1).holderReference()).isEqualTo("static com.acme.Bursty.ITEMS");
        assertThat(diff.suspects().get(1).grewInEveryInterval()).isFalse();
        assertThat(diff.suspects().get(1).growthBytes()).isGreaterThan(diff.suspects().get(0).growthBytes());
    }

    private Path twoLists(String name, Instant when, int steady, int bursty) throws IOException {
        TinyHeap heap = TinyHeap.withIdentifierSize(8).takenAt(when);
        ClassHandle arrayList = arrayList(heap);
        ClassHandle item = heap.defineClass("com.acme.Item", heap.objectClass(), Field.of("data", BasicType.OBJECT));
        for (String[] holder : new String[][] {{"com.acme.Steady", String.valueOf(steady)},
                {"com.acme.Bursty", String.valueOf(bursty)}}) {
            ObjectHandle[] items = new ObjectHandle[Integer.parseInt(holder[1])];
            for (int i = 0; i < items.length; i++) {
                items[i] = heap.newInstance(item, "data", heap.newPrimitiveArray(BasicType.BYTE, PAYLOAD));
            }
            heap.setStatic(heap.defineClass(holder[0], heap.objectClass()), "ITEMS", list(heap, arrayList, items));
        }
        return heap.writeTo(temp.resolve(name));
    }

    @Test
    void growingLinkedList_foldsTheChainAndNamesTheList() throws IOException {
        Path before = linkedList("before.hprof", START, 5);
        Path after = linkedList("after.hprof", START.plusSeconds(600), 300);

        HeapDiff diff = compare(before, after);

        HeapDiff.GrowthSuspect suspect = onlySuspect(diff, "static com.acme.Queue.PENDING", "java.util.LinkedList",
                "com.acme.Job");
        // the head link has a signature of its own, the other links share one (the chain folded): both count
        assertThat(suspect.elementCounts()).containsExactly(5L, 300L);
    }

    private Path linkedList(String name, Instant when, int length) throws IOException {
        TinyHeap heap = TinyHeap.withIdentifierSize(8).takenAt(when);
        ClassHandle list = heap.defineClass("java.util.LinkedList", heap.objectClass(), Field.of("first", BasicType.OBJECT));
        ClassHandle node = heap.defineClass("java.util.LinkedList$Node", heap.objectClass(),
                Field.of("item", BasicType.OBJECT), Field.of("next", BasicType.OBJECT));
        ClassHandle job = heap.defineClass("com.acme.Job", heap.objectClass(), Field.of("input", BasicType.OBJECT));
        ObjectHandle next = null;
        for (int i = 0; i < length; i++) {
            ObjectHandle item = heap.newInstance(job, "input", heap.newPrimitiveArray(BasicType.BYTE, PAYLOAD));
            next = next == null ? heap.newInstance(node, "item", item) : heap.newInstance(node, "item", item, "next", next);
        }
        heap.setStatic(heap.defineClass("com.acme.Queue", heap.objectClass()), "PENDING", heap.newInstance(list, "first", next));
        return heap.writeTo(temp.resolve(name));
    }

    /**
     * A HotSpot dump of a jar-launched service: the application class loader's classes are no GC roots but
     * hang below {@code AppClassLoader.classes}; the class's static field holds a synchronized list of arrays.
     */
    private Path appLoaderService(String name, Instant when, int entries) throws IOException {
        TinyHeap heap = TinyHeap.withIdentifierSize(8).takenAt(when);
        ClassHandle arrayList = arrayList(heap);
        ClassHandle appLoaderClass = heap.defineClass("jdk.internal.loader.ClassLoaders$AppClassLoader",
                heap.classLoaderClass(), Field.of("classes", BasicType.OBJECT));
        ClassHandle loaders = heap.defineClass("jdk.internal.loader.ClassLoaders", heap.objectClass());
        ObjectHandle loader = heap.newInstance(appLoaderClass);
        heap.setStatic(loaders, "APP_LOADER", loader);
        ClassHandle synchronizedList = heap.defineClass("java.util.Collections$SynchronizedRandomAccessList",
                heap.objectClass(), Field.of("list", BasicType.OBJECT), Field.of("mutex", BasicType.OBJECT));
        ClassHandle registry = heap.defineClass("Outer$Registry", heap.objectClass(), loader);
        ClassHandle catalogue = heap.defineClass("Outer$Catalogue", heap.objectClass(), loader);
        ObjectHandle[] held = new ObjectHandle[entries];
        for (int i = 0; i < entries; i++) {
            held[i] = heap.newObjectArray(heap.arrayClassOf(heap.objectClass()),
                    heap.newPrimitiveArray(BasicType.BYTE, 256), heap.newString("entry-" + i));
        }
        ObjectHandle wrapper = heap.newInstance(synchronizedList, "list", list(heap, arrayList, held));
        heap.set(wrapper, "mutex", wrapper);
        heap.setStatic(registry, "ENTRIES", wrapper);
        // a big catalogue of the same loader that does not grow
        heap.setStatic(catalogue, "ITEMS", heap.newPrimitiveArray(BasicType.BYTE, 64 * 1024));
        heap.set(loader, "classes", list(heap, arrayList, new ObjectHandle(registry.id(), heap.classClass()),
                new ObjectHandle(catalogue.id(), heap.classClass())));
        return heap.writeTo(temp.resolve(name));
    }

    @Test
    void appClassLoaderService_firstSuspectIsTheStaticFieldNotTheLoadersClassList() throws IOException {
        Path before = appLoaderService("before.hprof", START, 100);
        Path after = appLoaderService("after.hprof", START.plusSeconds(600), 2000);

        HeapDiff diff = compare(before, after);

        HeapDiff.GrowthSuspect first = diff.suspects().get(0);
        assertThat(first.holderReference()).isEqualTo("static Outer$Registry.ENTRIES");
        assertThat(first.holderClass()).isEqualTo("java.util.Collections$SynchronizedRandomAccessList");
        assertThat(first.holderInside()).containsExactly("java.util.ArrayList");
        // the elements are arrays: one per slot used, not the list's one backing array
        assertThat(first.elementClass()).isEqualTo("java.lang.Object[]");
        assertThat(first.elementCounts()).containsExactly(100L, 2000L);
        assertThat(diff.suspects()).noneMatch(s -> s.holderReference().contains("ClassLoader"));
    }

    @Test
    void appClassLoaderService_heapNamesTheSameHolderAsTheDiff() throws IOException {
        Path after = appLoaderService("after.hprof", START, 2000);

        HeapAnalysis analysis = new HeapAnalyzer(5, 0).analyze(after, temp, Progress.NONE);

        LeakSuspect first = analysis.suspects().get(0);
        assertThat(first.holderReference()).isEqualTo("static Outer$Registry.ENTRIES");
        assertThat(first.holderInside()).containsExactly("java.util.ArrayList");
        assertThat(first.elementClass()).isEqualTo("java.lang.Object[]");
        assertThat(first.elementCount()).isEqualTo(2000);
    }

    /**
     * An unbounded cache of a library held by the application's static field, shaped as Caffeine's: the
     * application's {@code shop.Prices.CACHE} holds the library's facade, which holds its cache, which holds
     * a JDK map of the growing values.
     */
    private Path libraryCacheService(String name, Instant when, int entries) throws IOException {
        TinyHeap heap = TinyHeap.withIdentifierSize(8).takenAt(when);
        ClassHandle hashMap = heap.defineClass("java.util.HashMap", heap.objectClass(), Field.of("table", BasicType.OBJECT));
        ClassHandle node = heap.defineClass("java.util.HashMap$Node", heap.objectClass(),
                Field.of("key", BasicType.OBJECT), Field.of("value", BasicType.OBJECT), Field.of("next", BasicType.OBJECT));
        ClassHandle localCache = heap.defineClass("com.github.benmanes.caffeine.cache.UnboundedLocalCache",
                heap.objectClass(), Field.of("data", BasicType.OBJECT));
        ClassHandle facade = heap.defineClass("com.github.benmanes.caffeine.cache.UnboundedLocalCache$UnboundedLocalManualCache",
                heap.objectClass(), Field.of("cache", BasicType.OBJECT));
        ClassHandle prices = heap.defineClass("shop.Main$Prices", heap.objectClass());
        ObjectHandle[] nodes = new ObjectHandle[entries];
        for (int i = 0; i < entries; i++) {
            nodes[i] = heap.newInstance(node, "key", heap.newString("request-" + i),
                    "value", heap.newPrimitiveArray(BasicType.BYTE, 256));
        }
        ObjectHandle data = heap.newInstance(hashMap, "table", heap.newObjectArray(heap.arrayClassOf(node), nodes));
        heap.setStatic(prices, "CACHE", heap.newInstance(facade, "cache", heap.newInstance(localCache, "data", data)));
        return heap.writeTo(temp.resolve(name));
    }

    @Test
    void libraryCacheService_holderIsTheApplicationsStaticFieldNotTheLibrarysInternalMap() throws IOException {
        Path before = libraryCacheService("before.hprof", START, 100);
        Path after = libraryCacheService("after.hprof", START.plusSeconds(600), 2000);

        HeapDiff.GrowthSuspect first = compare(before, after).suspects().get(0);

        assertThat(first.holderReference()).isEqualTo("static shop.Main$Prices.CACHE");
        assertThat(first.holderClass()).isEqualTo("com.github.benmanes.caffeine.cache.UnboundedLocalCache$UnboundedLocalManualCache");
        assertThat(first.holderInside()).containsExactly("com.github.benmanes.caffeine.cache.UnboundedLocalCache",
                "java.util.HashMap");
        assertThat(first.elementClass()).isEqualTo("byte[]");
        assertThat(first.elementCounts()).containsExactly(100L, 2000L);

        LeakSuspect heap = new HeapAnalyzer(5, 0).analyze(after, temp, Progress.NONE).suspects().get(0);
        assertThat(heap.holderReference()).isEqualTo("static shop.Main$Prices.CACHE");
        assertThat(heap.elementCount()).isEqualTo(2000);
    }
}

package io.leakhound.bench;

import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.HeapDumpRecord;
import io.leakhound.hprof.HeapDumpRecord.ClassDump;
import io.leakhound.hprof.HeapDumpRecord.FieldDescriptor;
import io.leakhound.hprof.HeapDumpRecord.StaticField;
import io.leakhound.hprof.HprofRecord;
import io.leakhound.testing.hprof.HprofWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntToLongFunction;

/**
 * Writes a HotSpot-like heap dump of about the requested size, deterministic for a seed, and a sidecar
 * {@code <dump>.truth} with what an analyser must find: above all the exact retained size of one big leak
 * ({@code static com.acme.leak.EventBus.LISTENERS -> ArrayList -> Object[] -> N x OrderListener -> byte[]}).
 *
 * <p>Content: the JDK classes a service dump always has, with their JDK 17 field layouts (String with a
 * {@code byte[] value}, HashMap with a {@code HashMap$Node[]} table and collision chains, ArrayList,
 * a long doubly linked {@code java.util.LinkedList}, balanced TreeMaps with parent links, the Integer cache
 * shared by everyone, soft and weak references whose referents nothing else holds); then "tenants", each a
 * small object graph (~270 objects) held by worker threads through Java-frame roots, chained tenant to
 * tenant; a million-long singly linked chain under a static; four configurations shared by every tenant;
 * three-object cycles; a few unreachable islands; sticky-class roots for every class.
 *
 * <p>Addresses follow HotSpot 64-bit with compressed oops and compressed class pointers: objects are laid
 * out one after another, each taking its real JVM size: instance = align8(12-byte header + fields, with a
 * reference 4 bytes, long/double 8, int/float 4, char/short 2, byte/boolean 1, superclass fields included);
 * array = align8(16-byte header + length x element width, 4 per reference). The leak's retained size in
 * the truth file is in that model. The file itself uses 8-byte identifiers, as HotSpot does.
 *
 * <p>Cost: constant memory whatever the size (no table per heap object: every address is computed from a
 * bump allocator and block arithmetic; the only large buffer is the leak's Object[] of ~1.3 M entries for
 * 1 GB, written once). About 12 M objects per GiB of file; the chain is a million links whatever the size.
 */
public final class HeapDumpGenerator {

    private static final int ID_SIZE = 8;
    /** Where a 4 GB compressed-oops heap starts in HotSpot ("heap address: 0x0000000700000000"). */
    private static final long HEAP_BASE = 0x0000_0007_0000_0000L;
    /** The leak's share of the file when none is given; the heap bench's dumps use it. */
    private static final double DEFAULT_LEAK_SHARE = 0.40;
    /** The dump's timestamp when none is given: fixed, so a seed gives the same file byte for byte. */
    private static final Instant DEFAULT_TIMESTAMP = Instant.parse("2026-11-23T12:00:00Z");
    private static final int CHAIN_LENGTH = 1_000_000;
    private static final int WORKERS = 8;
    private static final int ISLANDS = 10;
    private static final int SESSIONS = 32;
    /** Bytes of a session's data: sized so that a 1 GiB dump holds about 12 M objects. */
    private static final int SESSION_DATA = 192;
    private static final int TABLE = 64;
    private static final int RECENT = 40;
    private static final int RECENT_CAPACITY = 49;
    private static final int ORDERS = 31;
    private static final int CONFIGS = 4;
    private static final int CONFIG_ENTRIES = 16;

    /** A class as the generator lays it out: the fields it declares and its place in the hierarchy. */
    private static final class Cls {
        final String name;
        final Cls superCls;
        final List<FieldDescriptor> fields = new ArrayList<>();
        final List<StaticField> statics = new ArrayList<>();
        final List<long[]> staticSlots = new ArrayList<>();
        long id;
        int serial;
        long nameId;
        boolean app;

        Cls(String name, Cls superCls) {
            this.name = name;
            this.superCls = superCls;
        }

        /** Bytes of an instance's field values in the file (what HotSpot writes as the class's instance size). */
        int fileSize() {
            int size = 0;
            for (Cls c = this; c != null; c = c.superCls) {
                for (FieldDescriptor f : c.fields) {
                    size += f.type().sizeInFile(ID_SIZE);
                }
            }
            return size;
        }

        /** Bytes of an instance in the JVM: compressed oops, 12-byte header, 8-byte alignment. */
        long jvmSize() {
            long size = 12;
            for (Cls c = this; c != null; c = c.superCls) {
                for (FieldDescriptor f : c.fields) {
                    size += f.type() == BasicType.OBJECT ? 4 : f.type().sizeInFile(ID_SIZE);
                }
            }
            return align(size);
        }
    }

    private final HprofWriter writer;
    private final SplittableRandom random;
    private final long targetBytes;
    private final double leakShare;
    private final Map<String, Long> strings = new LinkedHashMap<>();
    private final Map<String, Cls> classes = new LinkedHashMap<>();
    private long nextStringId = 1;
    private long nextAddress = HEAP_BASE;

    private long objects;
    private long fileBytes;
    private long shallowBytes;
    private long unreachableObjects;
    private long unreachableBytes;
    private long gcRoots;

    private HeapDumpGenerator(HprofWriter writer, long targetBytes, long seed, double leakShare) {
        this.writer = writer;
        this.targetBytes = targetBytes;
        this.leakShare = leakShare;
        this.random = new SplittableRandom(seed);
    }

    static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }

    static long arraySize(long length, int elementWidth) {
        return align(16 + length * elementWidth);
    }

    /**
     * {@code OUT.hprof SIZE_MIB [SEED [LEAK_SHARE [ISO_TIMESTAMP]]]}. Two runs with the same size and seed
     * but a bigger leak share and a later timestamp write "the same process later" for the diff bench: the
     * leak holds more listeners, the tenants fill what is left of the same size.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 5) {
            System.err.println("usage: HeapDumpGenerator OUT.hprof SIZE_MIB [SEED (42) [LEAK_SHARE (0.40)"
                    + " [ISO_TIMESTAMP (2026-11-23T12:00:00Z)]]]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        long target = Long.parseLong(args[1]) << 20;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        double leakShare = args.length > 3 ? Double.parseDouble(args[3]) : DEFAULT_LEAK_SHARE;
        Instant timestamp = args.length > 4 ? Instant.parse(args[4]) : DEFAULT_TIMESTAMP;
        // the rest of the dump (chain, queue, tenants) needs room; a share of 0.9 already leaves little
        if (!(leakShare > 0 && leakShare <= 0.9)) {
            throw new IllegalArgumentException("LEAK_SHARE must be in (0, 0.9], got " + args[3]);
        }
        long start = System.nanoTime();
        Map<String, String> truth;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20);
             HprofWriter writer = HprofWriter.open(file, ID_SIZE, timestamp)) {
            HeapDumpGenerator generator = new HeapDumpGenerator(writer, target, seed, leakShare);
            truth = generator.generate();
            truth.put("seed", Long.toString(seed));
            truth.put("leakShare", Double.toString(leakShare));
            truth.put("timestamp", timestamp.toString());
        }
        truth.put("fileBytes", Long.toString(Files.size(out)));
        Path truthFile = out.resolveSibling(out.getFileName() + ".truth");
        StringBuilder text = new StringBuilder();
        truth.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(truthFile, text);
        System.out.print(text);
        System.out.printf(Locale.ROOT, "generated %s in %.1f s%n", out, (System.nanoTime() - start) / 1e9);
    }

    // ---------------------------------------------------------------- classes

    private long string(String text) throws IOException {
        Long id = strings.get(text);
        if (id == null) {
            id = nextStringId++;
            strings.put(text, id);
            writer.write(new HprofRecord.Utf8(id, text));
        }
        return id;
    }

    private Cls declare(String name, String superName, Object... fields) {
        Cls cls = new Cls(name, superName == null ? null : classes.get(superName));
        for (int i = 0; i < fields.length; i += 2) {
            cls.fields.add(new FieldDescriptor(nameIdLater((String) fields[i]), (BasicType) fields[i + 1]));
        }
        cls.app = name.startsWith("com/acme/");
        classes.put(name, cls);
        return cls;
    }

    private final List<String> pendingNames = new ArrayList<>();

    /** Field names become UTF8 records once the header is out; until then they are numbered in order. */
    private long nameIdLater(String name) {
        pendingNames.add(name);
        return -pendingNames.size();
    }

    private void declareClasses() {
        BasicType ref = BasicType.OBJECT;
        declare("java/lang/Object", null);
        declare("java/lang/Class", "java/lang/Object");
        declare("java/lang/ClassLoader", "java/lang/Object", "parent", ref);
        declare("jdk/internal/loader/ClassLoaders$AppClassLoader", "java/lang/ClassLoader");
        declare("java/lang/String", "java/lang/Object", "value", ref, "hash", BasicType.INT,
                "coder", BasicType.BYTE, "hashIsZero", BasicType.BOOLEAN);
        declare("java/lang/Number", "java/lang/Object");
        declare("java/lang/Integer", "java/lang/Number", "value", BasicType.INT);
        declare("java/lang/Long", "java/lang/Number", "value", BasicType.LONG);
        declare("java/lang/Integer$IntegerCache", "java/lang/Object");
        declare("java/lang/Thread", "java/lang/Object", "name", ref, "tid", BasicType.LONG,
                "priority", BasicType.INT, "daemon", BasicType.BOOLEAN, "contextClassLoader", ref);
        declare("java/lang/ref/Reference", "java/lang/Object", "referent", ref, "queue", ref, "next", ref,
                "discovered", ref);
        declare("java/lang/ref/WeakReference", "java/lang/ref/Reference");
        declare("java/lang/ref/SoftReference", "java/lang/ref/Reference", "timestamp", BasicType.LONG);
        declare("java/util/AbstractCollection", "java/lang/Object");
        declare("java/util/AbstractList", "java/util/AbstractCollection", "modCount", BasicType.INT);
        declare("java/util/ArrayList", "java/util/AbstractList", "elementData", ref, "size", BasicType.INT);
        declare("java/util/AbstractSequentialList", "java/util/AbstractList");
        declare("java/util/LinkedList", "java/util/AbstractSequentialList", "size", BasicType.INT, "first", ref,
                "last", ref);
        declare("java/util/LinkedList$Node", "java/lang/Object", "item", ref, "next", ref, "prev", ref);
        declare("java/util/AbstractMap", "java/lang/Object", "keySet", ref, "values", ref);
        declare("java/util/HashMap", "java/util/AbstractMap", "table", ref, "entrySet", ref, "size", BasicType.INT,
                "modCount", BasicType.INT, "threshold", BasicType.INT, "loadFactor", BasicType.FLOAT);
        declare("java/util/HashMap$Node", "java/lang/Object", "hash", BasicType.INT, "key", ref, "value", ref,
                "next", ref);
        declare("java/util/TreeMap", "java/util/AbstractMap", "comparator", ref, "root", ref, "size", BasicType.INT,
                "modCount", BasicType.INT, "entrySet", ref, "navigableKeySet", ref, "descendingMap", ref);
        declare("java/util/TreeMap$Entry", "java/lang/Object", "key", ref, "value", ref, "left", ref, "right", ref,
                "parent", ref, "color", BasicType.BOOLEAN);
        for (String array : List.of("[Z", "[B", "[C", "[I", "[J", "[D", "[Ljava/lang/Object;",
                "[Ljava/util/HashMap$Node;", "[Ljava/lang/Integer;", "[Lcom/acme/config/SharedConfig;")) {
            declare(array, "java/lang/Object");
        }
        declare("com/acme/leak/EventBus", "java/lang/Object");
        declare("com/acme/leak/OrderListener", "java/lang/Object", "orderId", BasicType.LONG, "payload", ref,
                "createdAt", BasicType.LONG);
        declare("com/acme/chain/ChainHolder", "java/lang/Object");
        declare("com/acme/chain/Link", "java/lang/Object", "next", ref, "value", BasicType.INT);
        declare("com/acme/jobs/Jobs", "java/lang/Object");
        declare("com/acme/config/Configs", "java/lang/Object");
        declare("com/acme/config/SharedConfig", "java/lang/Object", "name", ref, "settings", ref,
                "version", BasicType.INT);
        declare("com/acme/service/Worker", "java/lang/Object", "head", ref, "thread", ref,
                "processed", BasicType.LONG);
        declare("com/acme/service/Tenant", "java/lang/Object", "next", ref, "sessions", ref, "recent", ref,
                "orders", ref, "samples", ref, "weights", ref, "config", ref, "ring", ref, "thumbnail", ref,
                "lastKey", ref, "name", ref, "id", BasicType.LONG);
        declare("com/acme/cache/Session", "java/lang/Object", "id", BasicType.LONG, "user", ref,
                "lastAccess", BasicType.LONG, "data", ref);
        declare("com/acme/cache/Key", "java/lang/Object", "id", BasicType.LONG);
        declare("com/acme/graph/Peer", "java/lang/Object", "peer", ref, "weight", BasicType.INT);
        declare("com/acme/garbage/Scratch", "java/lang/Object", "next", ref, "buf", ref);
    }

    private Cls cls(String name) {
        Cls cls = classes.get(name);
        if (cls == null) {
            throw new IllegalArgumentException("undeclared class " + name);
        }
        return cls;
    }

    // ---------------------------------------------------------------- allocation and emission

    private long alloc(long jvmSize) {
        long address = nextAddress;
        nextAddress += jvmSize;
        return address;
    }

    private static ByteBuffer values(Cls cls) {
        return ByteBuffer.allocate(cls.fileSize());
    }

    private void instance(long id, Cls cls, ByteBuffer fieldValues) throws IOException {
        if (fieldValues.hasRemaining()) {
            throw new IllegalStateException(cls.name + ": " + fieldValues.remaining() + " field bytes not written");
        }
        fieldValues.flip();
        writer.write(new HeapDumpRecord.InstanceDump(id, 0, cls.id, fieldValues.asReadOnlyBuffer()));
        objects++;
        fileBytes += 25 + cls.fileSize();
        shallowBytes += cls.jvmSize();
    }

    private void objectArray(long id, String arrayClass, int length, IntToLongFunction element) throws IOException {
        ByteBuffer elements = ByteBuffer.allocate(length * ID_SIZE);
        for (int i = 0; i < length; i++) {
            elements.putLong(element.applyAsLong(i));
        }
        elements.flip();
        writer.write(new HeapDumpRecord.ObjectArrayDump(id, 0, length, cls(arrayClass).id, ID_SIZE,
                elements.asReadOnlyBuffer()));
        objects++;
        fileBytes += 25 + 8L * length;
        shallowBytes += arraySize(length, 4);
    }

    private void primitiveArray(long id, BasicType type, ByteBuffer elements) throws IOException {
        int width = type.sizeInFile(ID_SIZE);
        int length = elements.remaining() / width;
        writer.write(new HeapDumpRecord.PrimitiveArrayDump(id, 0, length, type, elements.asReadOnlyBuffer()));
        objects++;
        fileBytes += 18 + (long) length * width;
        shallowBytes += arraySize(length, width);
    }

    private ByteBuffer randomBytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return ByteBuffer.wrap(bytes);
    }

    /** Size a Latin-1 String takes: the String and its byte[]. */
    private static long stringSize(int length) {
        return 24 + arraySize(length, 1);
    }

    /** Writes a Latin-1 {@code java.lang.String} at {@code id} with its {@code byte[]} right after it. */
    private void javaString(long id, String text) throws IOException {
        long valueId = id + 24;
        ByteBuffer fields = values(cls("java/lang/String"));
        fields.putLong(valueId).putInt(text.hashCode()).put((byte) 0).put((byte) 0);
        instance(id, cls("java/lang/String"), fields);
        primitiveArray(valueId, BasicType.BYTE, ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private void integer(long id, int value) throws IOException {
        ByteBuffer fields = values(cls("java/lang/Integer"));
        fields.putInt(value);
        instance(id, cls("java/lang/Integer"), fields);
    }

    // ---------------------------------------------------------------- the dump

    private Map<String, String> generate() throws IOException {
        declareClasses();
        // UTF8 names, LOAD CLASS: what HotSpot writes before the heap
        int serial = 1;
        for (Cls cls : classes.values()) {
            cls.nameId = string(cls.name);
            for (int i = 0; i < cls.fields.size(); i++) {
                FieldDescriptor f = cls.fields.get(i);
                cls.fields.set(i, new FieldDescriptor(string(pendingNames.get((int) -f.nameId() - 1)), f.type()));
            }
        }
        // class mirrors first in the heap, as in HotSpot's java.lang.Class objects
        for (Cls cls : classes.values()) {
            cls.id = alloc(96);
            cls.serial = serial++;
            writer.write(new HprofRecord.LoadClass(cls.serial, cls.id, 0, cls.nameId));
        }
        long appLoader = alloc(16);

        // objects that static fields name: their addresses are fixed before the class dumps are written
        int leakCount = (int) (leakShare * targetBytes / (25 + 24 + 18 + 128 + 127.5 + 8 * 1.5));
        int leakCapacity = leakCount + (leakCount >> 1);
        long leakList = alloc(24);
        long leakArray = alloc(arraySize(leakCapacity, 4));
        long leakListeners = alloc(cls("com/acme/leak/OrderListener").jvmSize() * leakCount);
        long chain = alloc(24L * CHAIN_LENGTH);
        int queueLength = (int) Math.max(1000, targetBytes / 2048);
        long queue = alloc(32);
        long queueNodes = alloc(40L * queueLength);
        long integerCache = alloc(arraySize(256, 4));
        long integers = alloc(16L * 256);
        long configArray = alloc(arraySize(CONFIGS, 4));
        long configs = alloc(24L * CONFIGS);

        cls("com/acme/leak/EventBus").statics.add(new StaticField(string("LISTENERS"), BasicType.OBJECT, leakList));
        cls("com/acme/chain/ChainHolder").statics.add(new StaticField(string("HEAD"), BasicType.OBJECT, chain));
        cls("com/acme/jobs/Jobs").statics.add(new StaticField(string("QUEUE"), BasicType.OBJECT, queue));
        cls("java/lang/Integer$IntegerCache").statics.add(
                new StaticField(string("cache"), BasicType.OBJECT, integerCache));
        cls("java/lang/Integer$IntegerCache").statics.add(new StaticField(string("high"), BasicType.INT, 127));
        cls("com/acme/config/Configs").statics.add(new StaticField(string("ALL"), BasicType.OBJECT, configArray));
        cls("java/lang/Integer").statics.add(new StaticField(string("MAX_VALUE"), BasicType.INT, Integer.MAX_VALUE));

        long[] workerIds = new long[WORKERS + 1];
        long[] threadIds = new long[WORKERS + 1];
        long[] threadNames = new long[WORKERS + 1];
        for (int t = 0; t <= WORKERS; t++) {
            workerIds[t] = alloc(32);
            threadIds[t] = alloc(40);
            threadNames[t] = alloc(stringSize(threadName(t).length()));
        }
        writeThreads(threadIds);

        for (Cls cls : classes.values()) {
            Cls superCls = cls.superCls;
            writer.write(new ClassDump(cls.id, 0, superCls == null ? 0 : superCls.id, cls.app ? appLoader : 0, 0, 0,
                    cls.fileSize(), List.of(), cls.statics, cls.fields));
            writer.write(new HeapDumpRecord.RootStickyClass(cls.id));
            gcRoots++;
        }
        ByteBuffer loader = values(cls("jdk/internal/loader/ClassLoaders$AppClassLoader"));
        loader.putLong(0);
        instance(appLoader, cls("jdk/internal/loader/ClassLoaders$AppClassLoader"), loader);

        Map<String, String> truth = new LinkedHashMap<>();
        writeLeak(leakList, leakArray, leakListeners, leakCount, leakCapacity, truth);
        writeChain(chain);
        writeQueue(queue, queueNodes, queueLength);
        objectArray(integerCache, "[Ljava/lang/Integer;", 256, i -> integers + 16L * i);
        for (int i = 0; i < 256; i++) {
            integer(integers + 16L * i, i - 128);
        }
        objectArray(configArray, "[Lcom/acme/config/SharedConfig;", CONFIGS, i -> configs + 24L * i);
        for (int i = 0; i < CONFIGS; i++) {
            writeConfig(configs + 24L * i, i);
        }
        writeIslands();

        // tenants fill what is left of the size, round-robin over the workers
        long reserve = 64 * 1024;
        long[] heads = new long[WORKERS];
        long tenants = 0;
        while (fileBytes < targetBytes - reserve) {
            int worker = (int) (tenants % WORKERS);
            heads[worker] = writeTenant(tenants, heads[worker], integers, configs + 24L * (tenants % CONFIGS));
            tenants++;
        }
        for (int t = 0; t <= WORKERS; t++) {
            ByteBuffer thread = values(cls("java/lang/Thread"));
            thread.putLong(threadNames[t]).putLong(t + 1).putInt(5).put((byte) 0).putLong(appLoader);
            instance(threadIds[t], cls("java/lang/Thread"), thread);
            javaString(threadNames[t], threadName(t));
            writer.write(new HeapDumpRecord.RootThreadObject(threadIds[t], t + 1, t + 1));
            ByteBuffer worker = values(cls("com/acme/service/Worker"));
            worker.putLong(t < WORKERS ? heads[t] : 0).putLong(threadIds[t]).putLong(tenants);
            instance(workerIds[t], cls("com/acme/service/Worker"), worker);
            writer.write(new HeapDumpRecord.RootJavaFrame(workerIds[t], t + 1, 1));
            gcRoots += 2;
        }

        truth.put("objects", Long.toString(objects));
        truth.put("classes", Integer.toString(classes.size()));
        truth.put("gcRoots", Long.toString(gcRoots));
        truth.put("shallowBytes", Long.toString(shallowBytes));
        truth.put("unreachableObjects", Long.toString(unreachableObjects));
        truth.put("unreachableBytes", Long.toString(unreachableBytes));
        truth.put("tenants", Long.toString(tenants));
        truth.put("chainLength", Integer.toString(CHAIN_LENGTH));
        truth.put("linkedListLength", Integer.toString(queueLength));
        truth.put("sizeModel", "hotspot-64bit-compressed-oops: instance align8(12+fields, ref 4), "
                + "array align8(16+length*width, ref 4); class objects not counted");
        return truth;
    }

    private static String threadName(int t) {
        return t < WORKERS ? "worker-" + t : "main";
    }

    /** START THREAD and a three-frame STACK TRACE per thread; frame 1 is the worker loop holding the Worker. */
    private void writeThreads(long[] threadIds) throws IOException {
        long sourceFile = string("Worker.java");
        long signature = string("()V");
        long[] methods = {string("run"), string("poll"), string("park")};
        long frameId = 1;
        for (int t = 0; t < threadIds.length; t++) {
            List<Long> frames = new ArrayList<>();
            for (int f = 0; f < 3; f++) {
                writer.write(new HprofRecord.StackFrame(frameId, methods[2 - f], signature, sourceFile,
                        cls("com/acme/service/Worker").serial, 40 + f));
                frames.add(frameId++);
            }
            writer.write(new HprofRecord.StackTrace(t + 1, t + 1, frames));
            writer.write(new HprofRecord.StartThread(t + 1, threadIds[t], t + 1, string(threadName(t)),
                    string("main"), string("system")));
        }
    }

    /**
     * The leak. Its retained size, computed here as it is written, is the ArrayList, its Object[] and every
     * OrderListener with its payload: nothing else in the dump points into it.
     */
    private void writeLeak(long list, long array, long listeners, int count, int capacity, Map<String, String> truth)
            throws IOException {
        Cls arrayList = cls("java/util/ArrayList");
        Cls listener = cls("com/acme/leak/OrderListener");
        long stride = listener.jvmSize();
        long retained = arrayList.jvmSize() + arraySize(capacity, 4);
        // the same in the "file's field bytes" model Shark uses: no headers, identifiers 8 bytes, no alignment
        long retainedInFile = arrayList.fileSize() + (long) ID_SIZE * capacity;
        ByteBuffer fields = values(arrayList);
        fields.putLong(array).putInt(count).putInt(count);
        instance(list, arrayList, fields);
        objectArray(array, "[Ljava/lang/Object;", capacity, i -> i < count ? listeners + stride * i : 0);
        for (int i = 0; i < count; i++) {
            int length = 128 + random.nextInt(256);
            long payload = alloc(arraySize(length, 1));
            ByteBuffer values = values(listener);
            values.putLong(1_000_000L + i).putLong(payload).putLong(1_700_000_000_000L + i);
            instance(listeners + stride * i, listener, values);
            primitiveArray(payload, BasicType.BYTE, randomBytes(length));
            retained += listener.jvmSize() + arraySize(length, 1);
            retainedInFile += listener.fileSize() + length;
        }
        truth.put("leakHolder", "static com.acme.leak.EventBus.LISTENERS");
        truth.put("leakHolderObjectId", "0x" + Long.toHexString(list));
        truth.put("leakHolderClass", "java.util.ArrayList");
        truth.put("leakElementClass", "com.acme.leak.OrderListener");
        truth.put("leakElementCount", Integer.toString(count));
        truth.put("leakRetainedBytes", Long.toString(retained));
        truth.put("leakRetainedBytesFileFields", Long.toString(retainedInFile));
    }

    /** A million-long singly linked chain under a static field: deep paths, no recursion survives it. */
    private void writeChain(long base) throws IOException {
        Cls link = cls("com/acme/chain/Link");
        for (int i = 0; i < CHAIN_LENGTH; i++) {
            ByteBuffer fields = values(link);
            fields.putLong(i + 1 < CHAIN_LENGTH ? base + 24L * (i + 1) : 0).putInt(i);
            instance(base + 24L * i, link, fields);
        }
    }

    /** A long {@code java.util.LinkedList} of Integers: each node is 24 bytes, its Integer the 16 after it. */
    private void writeQueue(long list, long nodes, int length) throws IOException {
        Cls linkedList = cls("java/util/LinkedList");
        Cls node = cls("java/util/LinkedList$Node");
        ByteBuffer fields = values(linkedList);
        fields.putInt(length).putLong(nodes).putLong(nodes + 40L * (length - 1)).putInt(length);
        instance(list, linkedList, fields);
        for (int i = 0; i < length; i++) {
            long at = nodes + 40L * i;
            ByteBuffer values = values(node);
            values.putLong(at + 24).putLong(i + 1 < length ? at + 40 : 0).putLong(i > 0 ? at - 40 : 0);
            instance(at, node, values);
            integer(at + 24, 1000 + i);
        }
    }

    /** A configuration every tenant points to: a shared sub-graph, dominated by {@code Configs.ALL}. */
    private void writeConfig(long id, int index) throws IOException {
        String name = "config-" + index;
        long nameId = alloc(stringSize(name.length()));
        long map = alloc(48);
        long table = alloc(arraySize(32, 4));
        long nodes = alloc(32L * CONFIG_ENTRIES);
        long keys = alloc(CONFIG_ENTRIES * stringSize(10));
        long vals = alloc(CONFIG_ENTRIES * stringSize(10));
        ByteBuffer fields = values(cls("com/acme/config/SharedConfig"));
        fields.putLong(nameId).putLong(map).putInt(index);
        instance(id, cls("com/acme/config/SharedConfig"), fields);
        javaString(nameId, name);
        hashMap(map, table, 32, CONFIG_ENTRIES, i -> nodes + 32L * i, i -> keys + stringSize(10) * i,
                i -> vals + stringSize(10) * i, i -> i * 2 + 1, i -> -1);
        for (int i = 0; i < CONFIG_ENTRIES; i++) {
            javaString(keys + stringSize(10) * i, String.format(Locale.ROOT, "key%07d", i));
            javaString(vals + stringSize(10) * i, String.format(Locale.ROOT, "v%d-%07d", index, i));
        }
    }

    /**
     * A HashMap with its table and nodes; the caller writes keys and values. Node i sits in bucket
     * {@code slot(i)} unless {@code chainedTo(i) >= 0}: then it is the {@code next} of that node (a collision).
     */
    private void hashMap(long map, long table, int tableLength, int size, IntToLongFunction node,
                         IntToLongFunction key, IntToLongFunction value, IntToLongFunction slot,
                         IntToLongFunction chainedTo) throws IOException {
        Cls hashMap = cls("java/util/HashMap");
        Cls nodeCls = cls("java/util/HashMap$Node");
        ByteBuffer fields = values(hashMap);
        fields.putLong(table).putLong(0).putInt(size).putInt(size).putInt(tableLength * 3 / 4)
                .putFloat(0.75f).putLong(0).putLong(0);
        instance(map, hashMap, fields);
        long[] bucket = new long[tableLength];
        long[] next = new long[size];
        for (int i = 0; i < size; i++) {
            long into = chainedTo.applyAsLong(i);
            if (into >= 0) {
                next[(int) into] = node.applyAsLong(i);
            } else {
                bucket[(int) slot.applyAsLong(i)] = node.applyAsLong(i);
            }
        }
        objectArray(table, "[Ljava/util/HashMap$Node;", tableLength, i -> bucket[i]);
        for (int i = 0; i < size; i++) {
            ByteBuffer values = values(nodeCls);
            long into = chainedTo.applyAsLong(i);
            values.putInt((int) (into >= 0 ? slot.applyAsLong((int) into) : slot.applyAsLong(i)))
                    .putLong(key.applyAsLong(i)).putLong(value.applyAsLong(i)).putLong(next[i]);
            instance(node.applyAsLong(i), nodeCls, values);
        }
    }

    /** Ten unreachable islands: three Scratch objects in a cycle, each with a buffer. Garbage, not retained. */
    private void writeIslands() throws IOException {
        Cls scratch = cls("com/acme/garbage/Scratch");
        for (int island = 0; island < ISLANDS; island++) {
            long base = alloc(3 * (24 + arraySize(256, 1)));
            for (int i = 0; i < 3; i++) {
                long at = base + i * (24 + arraySize(256, 1));
                long nextAt = base + ((i + 1) % 3) * (24 + arraySize(256, 1));
                ByteBuffer fields = values(scratch);
                fields.putLong(nextAt).putLong(at + 24);
                instance(at, scratch, fields);
                primitiveArray(at + 24, BasicType.BYTE, randomBytes(256));
                unreachableObjects += 2;
                unreachableBytes += 24 + arraySize(256, 1);
            }
        }
    }

    private static final int[] TREE_LEFT = new int[ORDERS];
    private static final int[] TREE_RIGHT = new int[ORDERS];
    private static final int[] TREE_PARENT = new int[ORDERS];
    private static final int TREE_ROOT = balance(0, ORDERS - 1, -1);

    /** Lays entries lo..hi out as a balanced search tree (depth 5 for 31); returns the subtree's root. */
    private static int balance(int lo, int hi, int parent) {
        if (lo > hi) {
            return -1;
        }
        int mid = (lo + hi) >>> 1;
        TREE_PARENT[mid] = parent;
        TREE_LEFT[mid] = balance(lo, mid - 1, mid);
        TREE_RIGHT[mid] = balance(mid + 1, hi, mid);
        return mid;
    }

    /** One tenant: ~270 objects, all dominated by the tenant except the shared config and cached Integers. */
    private long writeTenant(long index, long previous, long integers, long config) throws IOException {
        String name = String.format(Locale.ROOT, "tenant-%08d", index);
        long tenant = alloc(64);
        long nameId = alloc(stringSize(name.length()));
        long map = alloc(48);
        long table = alloc(arraySize(TABLE, 4));
        long nodes = alloc(32L * SESSIONS);
        long keyStride = stringSize(12);
        long keys = alloc(keyStride * SESSIONS);
        long sessionStride = 40 + arraySize(SESSION_DATA, 1);
        long sessions = alloc(sessionStride * SESSIONS);
        long recent = alloc(24);
        long recentArray = alloc(arraySize(RECENT_CAPACITY, 4));
        long ownIntegers = alloc(16L * RECENT / 2);
        long orders = alloc(48);
        long entries = alloc(40L * ORDERS);
        long longs = alloc(24L * ORDERS);
        long samples = alloc(arraySize(64, 4));
        long weights = alloc(arraySize(32, 8));
        long ring = alloc(24L * 3);
        long thumbnail = alloc(40);
        long image = alloc(arraySize(512, 1));
        long lastKey = alloc(32);
        long key = alloc(24);

        ByteBuffer fields = values(cls("com/acme/service/Tenant"));
        fields.putLong(previous).putLong(map).putLong(recent).putLong(orders).putLong(samples).putLong(weights)
                .putLong(config).putLong(ring).putLong(thumbnail).putLong(lastKey).putLong(nameId).putLong(index);
        instance(tenant, cls("com/acme/service/Tenant"), fields);
        javaString(nameId, name);

        // sessions: 24 nodes in their own buckets, 8 more chained behind the first 8 (collisions)
        hashMap(map, table, TABLE, SESSIONS, i -> nodes + 32L * i, i -> keys + keyStride * i,
                i -> sessions + sessionStride * i, i -> (i * 2L + 1) % TABLE, i -> i >= 24 ? i - 24 : -1);
        Cls session = cls("com/acme/cache/Session");
        for (int i = 0; i < SESSIONS; i++) {
            javaString(keys + keyStride * i, String.format(Locale.ROOT, "sess%08d", i));
            long at = sessions + sessionStride * i;
            ByteBuffer values = values(session);
            values.putLong(index * SESSIONS + i).putLong(nameId).putLong(1_700_000_000_000L + i).putLong(at + 40);
            instance(at, session, values);
            primitiveArray(at + 40, BasicType.BYTE, randomBytes(SESSION_DATA));
        }

        // recent: an ArrayList of Integers, half from the shared Integer cache, half its own
        ByteBuffer list = values(cls("java/util/ArrayList"));
        list.putLong(recentArray).putInt(RECENT).putInt(RECENT);
        instance(recent, cls("java/util/ArrayList"), list);
        objectArray(recentArray, "[Ljava/lang/Object;", RECENT_CAPACITY, i -> i >= RECENT ? 0
                : i % 2 == 0 ? integers + 16L * ((i * 7 + index) % 256) : ownIntegers + 16L * (i / 2));
        for (int i = 0; i < RECENT / 2; i++) {
            integer(ownIntegers + 16L * i, 1000 + random.nextInt(1_000_000));
        }

        // orders: a balanced TreeMap Long -> Session (the sessions are shared with the HashMap)
        Cls treeMap = cls("java/util/TreeMap");
        Cls entry = cls("java/util/TreeMap$Entry");
        ByteBuffer tree = values(treeMap);
        tree.putLong(0).putLong(entries + 40L * TREE_ROOT).putInt(ORDERS).putInt(ORDERS).putLong(0).putLong(0)
                .putLong(0).putLong(0).putLong(0);
        instance(orders, treeMap, tree);
        for (int i = 0; i < ORDERS; i++) {
            ByteBuffer values = values(entry);
            values.putLong(longs + 24L * i).putLong(sessions + sessionStride * (i % SESSIONS))
                    .putLong(TREE_LEFT[i] < 0 ? 0 : entries + 40L * TREE_LEFT[i])
                    .putLong(TREE_RIGHT[i] < 0 ? 0 : entries + 40L * TREE_RIGHT[i])
                    .putLong(TREE_PARENT[i] < 0 ? 0 : entries + 40L * TREE_PARENT[i])
                    .put((byte) (i % 2));
            instance(entries + 40L * i, entry, values);
            ByteBuffer boxed = values(cls("java/lang/Long"));
            boxed.putLong(index * 1000 + i);
            instance(longs + 24L * i, cls("java/lang/Long"), boxed);
        }

        primitiveArray(samples, BasicType.INT, randomBytes(64 * 4));
        primitiveArray(weights, BasicType.DOUBLE, ByteBuffer.allocate(32 * 8));

        // a three-object cycle
        Cls peer = cls("com/acme/graph/Peer");
        for (int i = 0; i < 3; i++) {
            ByteBuffer values = values(peer);
            values.putLong(ring + 24L * ((i + 1) % 3)).putInt(i);
            instance(ring + 24L * i, peer, values);
        }

        // a soft reference to an image and a weak one to a key: nothing else holds either referent
        ByteBuffer soft = values(cls("java/lang/ref/SoftReference"));
        soft.putLong(index).putLong(image).putLong(0).putLong(0).putLong(0);
        instance(thumbnail, cls("java/lang/ref/SoftReference"), soft);
        primitiveArray(image, BasicType.BYTE, randomBytes(512));
        ByteBuffer weak = values(cls("java/lang/ref/WeakReference"));
        weak.putLong(key).putLong(0).putLong(0).putLong(0);
        instance(lastKey, cls("java/lang/ref/WeakReference"), weak);
        ByteBuffer keyFields = values(cls("com/acme/cache/Key"));
        keyFields.putLong(index);
        instance(key, cls("com/acme/cache/Key"), keyFields);
        return tenant;
    }
}

package io.leakhound.testing.hprof;

import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.HeapDumpRecord;
import io.leakhound.hprof.HeapDumpRecord.ClassDump;
import io.leakhound.hprof.HeapDumpRecord.FieldDescriptor;
import io.leakhound.hprof.HeapDumpRecord.StaticField;
import io.leakhound.hprof.HprofRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A DSL that writes exact tiny heap dumps for tests, the way HotSpot writes them: every class has a
 * {@code UTF8} name in JVM internal form ({@code java/lang/String}, {@code [Ljava/lang/Object;}), a
 * {@code LOAD CLASS} and a {@code CLASS DUMP}; {@code java.lang.Object}, {@code java.lang.Class},
 * {@code java.lang.ClassLoader}, {@code java.lang.String} and the {@code java.lang.ref.Reference} family
 * are predefined with HotSpot's fields; classes of the bootstrap loader get a {@code ROOT STICKY CLASS}
 * as HotSpot gives them. Object ids are chosen by the DSL (0x10000 upward in steps of 16, like aligned
 * addresses) and returned as handles, so a test can look its objects up in what it analyses.
 *
 * <pre>{@code
 * TinyHeap heap = TinyHeap.withIdentifierSize(8);
 * ClassHandle node = heap.defineClass("com.acme.Node", heap.objectClass(),
 *         Field.of("next", BasicType.OBJECT), Field.of("value", BasicType.INT));
 * ObjectHandle a = heap.newInstance(node);
 * ObjectHandle b = heap.newInstance(node, "next", a, "value", 7);
 * heap.set(a, "next", b); // a cycle
 * heap.rootJavaFrame(a);
 * Path dump = heap.writeTo(dir.resolve("cycle.hprof"));
 * }</pre>
 *
 * <p>Costs: everything is kept in memory until written; meant for dumps of tens to thousands of objects.
 */
public final class TinyHeap {

    /** A class in the dump: its class object id and its Java name ({@code com.acme.Node}, {@code java.lang.Object[]}). */
    public record ClassHandle(long id, String name) {
    }

    /** An object in the dump: its id and its class. */
    public record ObjectHandle(long id, ClassHandle type) {
    }

    /** An instance field declaration. */
    public record Field(String name, BasicType type) {
        public static Field of(String name, BasicType type) {
            return new Field(name, type);
        }
    }

    /** A frame of a thread's stack: {@code com.acme.Batch.run(Batch.java:42)} is (Batch, "run", "Batch.java", 42). */
    public record Frame(ClassHandle type, String method, String sourceFile, int line) {
    }

    /** When a dump written by the DSL says it was taken unless {@link #takenAt} says otherwise; fixed so dumps are byte-for-byte repeatable. */
    public static final Instant TIMESTAMP = Instant.parse("2026-01-01T00:00:00Z");

    private static final long FIRST_OBJECT_ID = 0x10000;
    private static final long OBJECT_ID_STEP = 16;

    private final int identifierSize;
    private Instant timestamp = TIMESTAMP;
    private long nextObjectId = FIRST_OBJECT_ID;
    private long nextNameId = 1;
    private final Map<String, Long> nameIds = new LinkedHashMap<>();
    private final Map<Long, ClassDef> classes = new LinkedHashMap<>();
    private final Map<String, ClassHandle> classesByName = new HashMap<>();
    private final List<ObjectDef> objects = new ArrayList<>();
    private final Map<Long, ObjectDef> objectsById = new HashMap<>();
    private final List<HeapDumpRecord.GcRoot> roots = new ArrayList<>();
    private final Map<Integer, List<Frame>> stacks = new LinkedHashMap<>();

    private final ClassHandle object;
    private final ClassHandle classClass;
    private final ClassHandle classLoader;
    private final ClassHandle string;
    private final ClassHandle reference;
    private final ClassHandle softReference;
    private final ClassHandle weakReference;
    private final ClassHandle phantomReference;
    private final ClassHandle finalReference;
    private final ClassHandle finalizer;

    private static final class ClassDef {
        final ClassHandle handle;
        final ClassHandle superclass;
        final long loaderId;
        final List<Field> fields;
        final List<StaticField> statics = new ArrayList<>();

        ClassDef(ClassHandle handle, ClassHandle superclass, long loaderId, List<Field> fields) {
            this.handle = handle;
            this.superclass = superclass;
            this.loaderId = loaderId;
            this.fields = List.copyOf(fields);
        }
    }

    private static final class ObjectDef {
        final ObjectHandle handle;
        final Map<String, Object> values = new HashMap<>(); // instances: field name -> value
        final long[] elements;                              // object arrays
        final BasicType primitiveType;                      // primitive arrays
        final byte[] primitiveBytes;

        ObjectDef(ObjectHandle handle, long[] elements, BasicType primitiveType, byte[] primitiveBytes) {
            this.handle = handle;
            this.elements = elements;
            this.primitiveType = primitiveType;
            this.primitiveBytes = primitiveBytes;
        }
    }

    private TinyHeap(int identifierSize) {
        if (identifierSize != 4 && identifierSize != 8) {
            throw new IllegalArgumentException("identifier size must be 4 or 8, was " + identifierSize);
        }
        this.identifierSize = identifierSize;
        object = defineClass("java.lang.Object", null);
        // HotSpot's java.lang.Class lists its instance fields even though class objects are CLASS DUMPs.
        classClass = defineClass("java.lang.Class", object, Field.of("classLoader", BasicType.OBJECT),
                Field.of("name", BasicType.OBJECT));
        classLoader = defineClass("java.lang.ClassLoader", object, Field.of("parent", BasicType.OBJECT),
                Field.of("classes", BasicType.OBJECT));
        string = defineClass("java.lang.String", object, Field.of("value", BasicType.OBJECT),
                Field.of("hash", BasicType.INT), Field.of("coder", BasicType.BYTE));
        reference = defineClass("java.lang.ref.Reference", object, Field.of("referent", BasicType.OBJECT),
                Field.of("queue", BasicType.OBJECT), Field.of("next", BasicType.OBJECT),
                Field.of("discovered", BasicType.OBJECT));
        softReference = defineClass("java.lang.ref.SoftReference", reference, Field.of("timestamp", BasicType.LONG));
        weakReference = defineClass("java.lang.ref.WeakReference", reference);
        phantomReference = defineClass("java.lang.ref.PhantomReference", reference);
        finalReference = defineClass("java.lang.ref.FinalReference", reference);
        finalizer = defineClass("java.lang.ref.Finalizer", finalReference, Field.of("next", BasicType.OBJECT),
                Field.of("prev", BasicType.OBJECT));
    }

    /** An empty heap (but for the predefined JDK classes) whose dump uses identifiers of 4 or 8 bytes. */
    public static TinyHeap withIdentifierSize(int identifierSize) {
        return new TinyHeap(identifierSize);
    }

    /** Dates the dump (the header's timestamp), for comparisons of dumps taken at different times. */
    public TinyHeap takenAt(Instant when) {
        this.timestamp = when;
        return this;
    }

    public int identifierSize() {
        return identifierSize;
    }

    public ClassHandle objectClass() {
        return object;
    }

    public ClassHandle classClass() {
        return classClass;
    }

    public ClassHandle classLoaderClass() {
        return classLoader;
    }

    public ClassHandle stringClass() {
        return string;
    }

    public ClassHandle referenceClass() {
        return reference;
    }

    public ClassHandle softReferenceClass() {
        return softReference;
    }

    public ClassHandle weakReferenceClass() {
        return weakReference;
    }

    public ClassHandle phantomReferenceClass() {
        return phantomReference;
    }

    public ClassHandle finalReferenceClass() {
        return finalReference;
    }

    public ClassHandle finalizerClass() {
        return finalizer;
    }

    // ---- classes ----

    /** Defines a class of the bootstrap loader. {@code superclass} is null only for {@code java.lang.Object}. */
    public ClassHandle defineClass(String javaName, ClassHandle superclass, Field... fields) {
        return defineClass(javaName, superclass, null, fields);
    }

    /**
     * Defines a class loaded by {@code loader} (null: the bootstrap loader). A name may be defined again by
     * another loader, as a JVM that reloads plugins does.
     */
    public ClassHandle defineClass(String javaName, ClassHandle superclass, ObjectHandle loader, Field... fields) {
        long loaderId = loader == null ? 0 : loader.id();
        boolean taken = classes.values().stream()
                .anyMatch(def -> def.handle.name().equals(javaName) && def.loaderId == loaderId);
        if (taken) {
            throw new IllegalArgumentException("class " + javaName + " is already defined by this loader");
        }
        ClassHandle handle = new ClassHandle(nextObjectId(), javaName);
        classes.put(handle.id(), new ClassDef(handle, superclass, loaderId, List.of(fields)));
        classesByName.putIfAbsent(javaName, handle);
        return handle;
    }

    /** The class first defined with this name ({@code java.lang.Object[]} for an array class), or null. */
    public ClassHandle classNamed(String javaName) {
        return classesByName.get(javaName);
    }

    /** The array class of {@code element} ({@code com.acme.Node[]}), defined on first use. */
    public ClassHandle arrayClassOf(ClassHandle element) {
        ClassHandle existing = classesByName.get(element.name() + "[]");
        return existing != null ? existing : defineClass(element.name() + "[]", object);
    }

    /** Adds a static field holding a reference (null allowed). */
    public void setStatic(ClassHandle owner, String name, ObjectHandle value) {
        addStatic(owner, name, BasicType.OBJECT, value == null ? 0 : value.id());
    }

    /** Adds a static field of a primitive type; {@code rawBits} as {@link StaticField#value()} holds it. */
    public void setStatic(ClassHandle owner, String name, BasicType type, long rawBits) {
        addStatic(owner, name, type, rawBits);
    }

    private void addStatic(ClassHandle owner, String name, BasicType type, long value) {
        classDef(owner).statics.add(new StaticField(nameId(name), type, value));
    }

    // ---- objects ----

    /**
     * Creates an instance with the given field values as name/value pairs (fields not named are 0 or
     * null). A value is an {@link ObjectHandle}, null, a {@link Number}, a {@link Boolean} or a
     * {@link Character}; a field is looked up in the class, then its superclasses.
     */
    public ObjectHandle newInstance(ClassHandle type, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs, got " + namesAndValues.length);
        }
        ObjectDef def = add(new ObjectDef(new ObjectHandle(nextObjectId(), type), null, null, null));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            set(def.handle, (String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return def.handle;
    }

    /** Sets a field of an instance created earlier (to make cycles, or refer to later objects). */
    public void set(ObjectHandle instance, String field, Object value) {
        ObjectDef def = objectDef(instance);
        if (def.elements != null || def.primitiveType != null) {
            throw new IllegalArgumentException(instance + " is an array, not an instance");
        }
        fieldType(instance.type(), field); // fails on a name the class does not have
        def.values.put(field, value);
    }

    /** An object array of class {@code arrayClass} (see {@link #arrayClassOf}) holding the elements (nulls allowed). */
    public ObjectHandle newObjectArray(ClassHandle arrayClass, ObjectHandle... elements) {
        long[] ids = new long[elements.length];
        for (int i = 0; i < elements.length; i++) {
            ids[i] = elements[i] == null ? 0 : elements[i].id();
        }
        return add(new ObjectDef(new ObjectHandle(nextObjectId(), arrayClass), ids, null, null)).handle;
    }

    /** Sets element {@code index} of an object array created earlier. */
    public void setElement(ObjectHandle array, int index, ObjectHandle value) {
        ObjectDef def = objectDef(array);
        if (def.elements == null) {
            throw new IllegalArgumentException(array + " is not an object array");
        }
        def.elements[index] = value == null ? 0 : value.id();
    }

    /** A primitive array of {@code length} zeros; its class ({@code int[]} and so on) is defined on first use. */
    public ObjectHandle newPrimitiveArray(BasicType type, int length) {
        return newPrimitiveArray(type, new byte[length * type.sizeInFile(identifierSize)]);
    }

    /** A primitive array holding {@code bytes} (big-endian values, a whole number of them). */
    public ObjectHandle newPrimitiveArray(BasicType type, byte[] bytes) {
        if (type == BasicType.OBJECT) {
            throw new IllegalArgumentException("an OBJECT array is an object array: use newObjectArray");
        }
        if (bytes.length % type.sizeInFile(identifierSize) != 0) {
            throw new IllegalArgumentException(bytes.length + " bytes are not a whole number of " + type + " values");
        }
        ClassHandle arrayClass = arrayClassOf(primitiveClassName(type));
        return add(new ObjectDef(new ObjectHandle(nextObjectId(), arrayClass), null, type, bytes.clone())).handle;
    }

    /** A {@code java.lang.String} as JDK 9+ lays it out: a LATIN1 {@code byte[]} value (coder 0). */
    public ObjectHandle newString(String text) {
        ObjectHandle value = newPrimitiveArray(BasicType.BYTE, text.getBytes(StandardCharsets.ISO_8859_1));
        return newInstance(string, "value", value, "coder", (byte) 0);
    }

    /** An instance of a class loader class (a subclass of {@code java.lang.ClassLoader}, or it). */
    public ObjectHandle newClassLoader(ClassHandle loaderClass, ObjectHandle parent) {
        return newInstance(loaderClass, "parent", parent);
    }

    /** A reference object of {@code referenceClass} (weak, soft, phantom, final, finalizer or a subclass). */
    public ObjectHandle newReference(ClassHandle referenceClass, ObjectHandle referent) {
        return newInstance(referenceClass, "referent", referent);
    }

    public ObjectHandle newWeakReference(ObjectHandle referent) {
        return newReference(weakReference, referent);
    }

    public ObjectHandle newSoftReference(ObjectHandle referent) {
        return newReference(softReference, referent);
    }

    public ObjectHandle newPhantomReference(ObjectHandle referent) {
        return newReference(phantomReference, referent);
    }

    public ObjectHandle newFinalizer(ObjectHandle referent) {
        return newReference(finalizer, referent);
    }

    // ---- GC roots ----

    /** Adds a GC root record of any kind. */
    public void addRoot(HeapDumpRecord.GcRoot root) {
        roots.add(Objects.requireNonNull(root));
    }

    /**
     * Gives thread {@code threadSerial} a stack, innermost frame first, written as HotSpot writes it: a
     * {@code STACK FRAME} per frame and one {@code STACK TRACE} of the thread. A {@code ROOT JAVA FRAME} of
     * that thread names its frame by its index in {@code frames}.
     */
    public void threadStack(int threadSerial, Frame... frames) {
        stacks.put(threadSerial, List.of(frames));
    }

    /** A local variable of frame {@code depth} (0 the innermost) of thread {@code threadSerial}. */
    public void rootJavaFrame(ObjectHandle target, int threadSerial, int depth) {
        addRoot(new HeapDumpRecord.RootJavaFrame(target.id(), threadSerial, depth));
    }

    public void rootJavaFrame(ObjectHandle target) {
        addRoot(new HeapDumpRecord.RootJavaFrame(target.id(), 1, 0));
    }

    public void rootJniGlobal(ObjectHandle target) {
        addRoot(new HeapDumpRecord.RootJniGlobal(target.id(), target.id() + 1));
    }

    public void rootThreadObject(ObjectHandle thread) {
        addRoot(new HeapDumpRecord.RootThreadObject(thread.id(), 1, 1));
    }

    public void rootStickyClass(ClassHandle type) {
        addRoot(new HeapDumpRecord.RootStickyClass(type.id()));
    }

    public void rootUnknown(ObjectHandle target) {
        addRoot(new HeapDumpRecord.RootUnknown(target.id()));
    }

    public void rootMonitorUsed(ObjectHandle target) {
        addRoot(new HeapDumpRecord.RootMonitorUsed(target.id()));
    }

    // ---- writing ----

    /** Writes the dump to {@code file} and returns it. */
    public Path writeTo(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeTo(out);
        }
        return file;
    }

    public byte[] toByteArray() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writeTo(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Writes the dump in HotSpot's order: UTF8 names, an empty stack trace (serial 1), LOAD CLASS per
     * class, then one run of heap dump segments: class dumps, objects in creation order, GC roots
     * (the test's, then a sticky-class root per bootstrap class). Closes {@code out}.
     */
    public void writeTo(OutputStream out) throws IOException {
        // Intern every name first so the UTF8 records precede the records that use them.
        for (ClassDef def : classes.values()) {
            nameId(internalName(def.handle.name()));
            def.fields.forEach(field -> nameId(field.name()));
        }
        stacks.values().forEach(frames -> frames.forEach(frame -> {
            nameId(frame.method());
            nameId("()V");
            nameId(frame.sourceFile());
        }));
        try (HprofWriter writer = HprofWriter.open(out, identifierSize, timestamp)) {
            for (Map.Entry<String, Long> name : nameIds.entrySet()) {
                writer.write(new HprofRecord.Utf8(name.getValue(), name.getKey()));
            }
            writer.write(new HprofRecord.StackTrace(1, 0, List.of()));
            int serial = 1;
            Map<Long, Integer> classSerials = new HashMap<>();
            for (ClassDef def : classes.values()) {
                classSerials.put(def.handle.id(), serial);
                writer.write(new HprofRecord.LoadClass(serial++, def.handle.id(), 1,
                        nameIds.get(internalName(def.handle.name()))));
            }
            long frameId = 1;
            int traceSerial = 2;
            for (Map.Entry<Integer, List<Frame>> stack : stacks.entrySet()) {
                List<Long> frameIds = new ArrayList<>();
                for (Frame frame : stack.getValue()) {
                    writer.write(new HprofRecord.StackFrame(frameId, nameIds.get(frame.method()), nameIds.get("()V"),
                            nameIds.get(frame.sourceFile()), classSerials.get(frame.type().id()), frame.line()));
                    frameIds.add(frameId++);
                }
                writer.write(new HprofRecord.StackTrace(traceSerial++, stack.getKey(), frameIds));
            }
            for (ClassDef def : classes.values()) {
                writer.write(classDump(def));
            }
            for (ObjectDef def : objects) {
                writer.write(objectRecord(def));
            }
            for (HeapDumpRecord.GcRoot root : roots) {
                writer.write(root);
            }
            for (ClassDef def : classes.values()) {
                if (def.loaderId == 0) {
                    writer.write(new HeapDumpRecord.RootStickyClass(def.handle.id()));
                }
            }
        }
    }

    private ClassDump classDump(ClassDef def) {
        List<FieldDescriptor> fields = new ArrayList<>();
        for (Field field : def.fields) {
            fields.add(new FieldDescriptor(nameIds.get(field.name()), field.type()));
        }
        return new ClassDump(def.handle.id(), 1, def.superclass == null ? 0 : def.superclass.id(), def.loaderId,
                0, 0, instanceFieldBytes(def.handle), List.of(), def.statics, fields);
    }

    private HeapDumpRecord objectRecord(ObjectDef def) {
        long id = def.handle.id();
        if (def.elements != null) {
            ByteBuffer elements = ByteBuffer.allocate(def.elements.length * identifierSize);
            for (long element : def.elements) {
                putId(elements, element);
            }
            return new HeapDumpRecord.ObjectArrayDump(id, 1, def.elements.length, def.handle.type().id(),
                    identifierSize, elements.flip());
        }
        if (def.primitiveType != null) {
            return new HeapDumpRecord.PrimitiveArrayDump(id, 1,
                    def.primitiveBytes.length / def.primitiveType.sizeInFile(identifierSize), def.primitiveType,
                    ByteBuffer.wrap(def.primitiveBytes));
        }
        ByteBuffer values = ByteBuffer.allocate(instanceFieldBytes(def.handle.type()));
        // The object's own class first, then each superclass, as HotSpot writes them.
        for (ClassHandle c = def.handle.type(); c != null; c = classDef(c).superclass) {
            for (Field field : classDef(c).fields) {
                putValue(values, field, def.values.get(field.name()), c);
            }
        }
        return new HeapDumpRecord.InstanceDump(id, 1, def.handle.type().id(), values.flip());
    }

    private void putValue(ByteBuffer values, Field field, Object value, ClassHandle owner) {
        long bits;
        if (value == null) {
            bits = 0;
        } else if (value instanceof ObjectHandle handle) {
            requireType(field, owner, BasicType.OBJECT, value);
            bits = handle.id();
        } else if (value instanceof Boolean flag) {
            bits = flag ? 1 : 0;
        } else if (value instanceof Character character) {
            bits = character;
        } else if (value instanceof Double number) {
            bits = field.type() == BasicType.FLOAT ? Float.floatToIntBits(number.floatValue())
                    : Double.doubleToLongBits(number);
        } else if (value instanceof Float number) {
            bits = field.type() == BasicType.DOUBLE ? Double.doubleToLongBits(number)
                    : Float.floatToIntBits(number);
        } else if (value instanceof Number number) {
            bits = number.longValue();
        } else {
            throw new IllegalArgumentException("field " + owner.name() + "." + field.name() + ": cannot write " + value);
        }
        if (field.type() == BasicType.OBJECT && !(value == null || value instanceof ObjectHandle)) {
            throw new IllegalArgumentException("field " + owner.name() + "." + field.name()
                    + " holds references, not " + value);
        }
        switch (field.type().sizeInFile(identifierSize)) {
            case 1 -> values.put((byte) bits);
            case 2 -> values.putShort((short) bits);
            case 4 -> values.putInt((int) bits);
            default -> values.putLong(bits);
        }
    }

    private static void requireType(Field field, ClassHandle owner, BasicType expected, Object value) {
        if (field.type() != expected) {
            throw new IllegalArgumentException("field " + owner.name() + "." + field.name() + " is "
                    + field.type() + ", cannot hold " + value);
        }
    }

    private void putId(ByteBuffer buffer, long id) {
        if (identifierSize == 8) {
            buffer.putLong(id);
        } else {
            buffer.putInt((int) id);
        }
    }

    /** Bytes of an instance's fields in the file, superclasses' included (HotSpot's "instance size"). */
    private int instanceFieldBytes(ClassHandle type) {
        int bytes = 0;
        for (ClassHandle c = type; c != null; c = classDef(c).superclass) {
            for (Field field : classDef(c).fields) {
                bytes += field.type().sizeInFile(identifierSize);
            }
        }
        return bytes;
    }

    private BasicType fieldType(ClassHandle type, String name) {
        for (ClassHandle c = type; c != null; c = classDef(c).superclass) {
            for (Field field : classDef(c).fields) {
                if (field.name().equals(name)) {
                    return field.type();
                }
            }
        }
        throw new IllegalArgumentException("class " + type.name() + " has no field " + name);
    }

    private ClassDef classDef(ClassHandle handle) {
        ClassDef def = classes.get(handle.id());
        if (def == null) {
            throw new IllegalArgumentException(handle + " is not a class of this heap");
        }
        return def;
    }

    private ObjectDef objectDef(ObjectHandle handle) {
        ObjectDef def = objectsById.get(handle.id());
        if (def == null) {
            throw new IllegalArgumentException(handle + " is not an object of this heap");
        }
        return def;
    }

    private ObjectDef add(ObjectDef def) {
        objects.add(def);
        objectsById.put(def.handle.id(), def);
        return def;
    }

    private ClassHandle arrayClassOf(String elementName) {
        ClassHandle existing = classesByName.get(elementName + "[]");
        return existing != null ? existing : defineClass(elementName + "[]", object);
    }

    private long nextObjectId() {
        long id = nextObjectId;
        nextObjectId += OBJECT_ID_STEP;
        return id;
    }

    private long nameId(String name) {
        return nameIds.computeIfAbsent(name, n -> nextNameId++);
    }

    private static String primitiveClassName(BasicType type) {
        return type.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The name HotSpot writes for a class: {@code java/lang/String}; arrays in descriptor form,
     * {@code [Ljava/lang/Object;}, {@code [I}, {@code [[B}.
     */
    static String internalName(String javaName) {
        if (!javaName.endsWith("[]")) {
            return javaName.replace('.', '/');
        }
        int dimensions = 0;
        String element = javaName;
        while (element.endsWith("[]")) {
            element = element.substring(0, element.length() - 2);
            dimensions++;
        }
        String descriptor = switch (element) {
            case "boolean" -> "Z";
            case "char" -> "C";
            case "float" -> "F";
            case "double" -> "D";
            case "byte" -> "B";
            case "short" -> "S";
            case "int" -> "I";
            case "long" -> "J";
            default -> "L" + element.replace('.', '/') + ";";
        };
        return "[".repeat(dimensions) + descriptor;
    }
}

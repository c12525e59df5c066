package io.leakhound.testing.hprof;

import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.HeapDumpRecord;
import io.leakhound.hprof.HprofFile;
import io.leakhound.hprof.HprofRecord;
import io.leakhound.hprof.RecordKind;
import io.leakhound.testing.hprof.TinyHeap.ClassHandle;
import io.leakhound.testing.hprof.TinyHeap.Field;
import io.leakhound.testing.hprof.TinyHeap.ObjectHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TinyHeapTest {

    @TempDir
    Path dir;

    /** What a read of a DSL dump delivered, by kind. */
    private static final class Read {
        final Map<Long, String> names = new HashMap<>();
        final Map<Long, String> classNames = new HashMap<>();
        final Map<Long, HeapDumpRecord.ClassDump> classDumps = new HashMap<>();
        final Map<Long, HeapDumpRecord> objects = new HashMap<>();
        final List<HeapDumpRecord.GcRoot> roots = new ArrayList<>();
        final List<HprofRecord.LoadClass> loads = new ArrayList<>();

        String className(long classId) {
            return names.get(loads.stream().filter(l -> l.classObjectId() == classId).findFirst().orElseThrow().classNameId());
        }
    }

    private static Read read(Path file) throws IOException {
        Read read = new Read();
        try (HprofFile hprof = HprofFile.open(file)) {
            HprofFile.ReadResult result = hprof.read(EnumSet.allOf(RecordKind.class), (offset, record) -> {
                if (record instanceof HprofRecord.Utf8 utf8) {
                    read.names.put(utf8.id(), utf8.text());
                } else if (record instanceof HprofRecord.LoadClass load) {
                    read.loads.add(load);
                } else if (record instanceof HeapDumpRecord.ClassDump dump) {
                    read.classDumps.put(dump.classObjectId(), dump);
                } else if (record instanceof HeapDumpRecord.GcRoot root) {
                    read.roots.add(root);
                } else if (record instanceof HeapDumpRecord.InstanceDump instance) {
                    read.objects.put(instance.objectId(), instance);
                } else if (record instanceof HeapDumpRecord.ObjectArrayDump array) {
                    read.objects.put(array.arrayObjectId(), array);
                } else if (record instanceof HeapDumpRecord.PrimitiveArrayDump array) {
                    read.objects.put(array.arrayObjectId(), array);
                }
            });
            assertThat(result.truncated()).isFalse();
        }
        return read;
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void write_cycleOfNodes_readBackWithFieldValuesInHotSpotOrder(int idSize) throws IOException {
        TinyHeap heap = TinyHeap.withIdentifierSize(idSize);
        ClassHandle base = heap.defineClass("com.acme.Base", heap.objectClass(), Field.of("flag", BasicType.BOOLEAN));
        ClassHandle node = heap.defineClass("com.acme.Node", base,
                Field.of("next", BasicType.OBJECT), Field.of("value", BasicType.INT));
        ObjectHandle a = heap.newInstance(node, "value", 1);
        ObjectHandle b = heap.newInstance(node, "next", a, "value", 2, "flag", true);
        heap.set(a, "next", b);
        heap.rootJavaFrame(a);

        Read read = read(heap.writeTo(dir.resolve("cycle.hprof")));

        HeapDumpRecord.InstanceDump dumpA = (HeapDumpRecord.InstanceDump) read.objects.get(a.id());
        HeapDumpRecord.InstanceDump dumpB = (HeapDumpRecord.InstanceDump) read.objects.get(b.id());
        assertThat(dumpA.classObjectId()).isEqualTo(node.id());
        // Node's fields (next, value), then Base's (flag): id + 4 + 1 bytes.
        assertThat(dumpA.fieldValues().limit()).isEqualTo(idSize + 5);
        assertThat(idAt(dumpA.fieldValues(), 0, idSize)).isEqualTo(b.id());
        assertThat(dumpA.fieldValues().getInt(idSize)).isEqualTo(1);
        assertThat(dumpA.fieldValues().get(idSize + 4)).isZero();
        assertThat(idAt(dumpB.fieldValues(), 0, idSize)).isEqualTo(a.id());
        assertThat(dumpB.fieldValues().getInt(idSize)).isEqualTo(2);
        assertThat(dumpB.fieldValues().get(idSize + 4)).isEqualTo((byte) 1);

        HeapDumpRecord.ClassDump nodeClass = read.classDumps.get(node.id());
        assertThat(nodeClass.superClassObjectId()).isEqualTo(base.id());
        assertThat(nodeClass.instanceSize()).isEqualTo(idSize + 5);
        assertThat(nodeClass.instanceFields()).extracting(f -> read.names.get(f.nameId())).containsExactly("next", "value");
        assertThat(read.className(node.id())).isEqualTo("com/acme/Node");
        assertThat(read.roots).contains(new HeapDumpRecord.RootJavaFrame(a.id(), 1, 0));
    }

    @Test
    void write_everyClass_hasNameLoadClassClassDumpAndBootClassesSticky() throws IOException {
        TinyHeap heap = TinyHeap.withIdentifierSize(8);
        ObjectHandle loader = heap.newClassLoader(heap.classLoaderClass(), null);
        ClassHandle plugin = heap.defineClass("com.acme.Plugin", heap.objectClass(), loader);
        heap.newObjectArray(heap.arrayClassOf(heap.objectClass()), (ObjectHandle) null);
        heap.newPrimitiveArray(BasicType.INT, 3);

        Read read = read(heap.writeTo(dir.resolve("classes.hprof")));

        assertThat(read.loads).hasSize(read.classDumps.size());
        List<String> names = read.loads.stream().map(l -> read.names.get(l.classNameId())).toList();
        assertThat(names).contains("java/lang/Object", "java/lang/Class", "java/lang/ClassLoader", "java/lang/String",
                "java/lang/ref/Reference", "java/lang/ref/WeakReference", "java/lang/ref/SoftReference",
                "java/lang/ref/PhantomReference", "java/lang/ref/FinalReference", "java/lang/ref/Finalizer",
                "com/acme/Plugin", "[Ljava/lang/Object;", "[I");
        assertThat(read.classDumps.get(plugin.id()).classLoaderObjectId()).isEqualTo(loader.id());
        assertThat(read.classDumps.get(heap.objectClass().id()).superClassObjectId()).isZero();
        assertThat(read.classDumps.get(heap.referenceClass().id()).instanceFields())
                .extracting(f -> read.names.get(f.nameId())).containsExactly("referent", "queue", "next", "discovered");
        assertThat(read.roots).contains(new HeapDumpRecord.RootStickyClass(heap.objectClass().id()))
                .doesNotContain(new HeapDumpRecord.RootStickyClass(plugin.id()));
    }

    @Test
    void write_weakReferenceArraysStatics_valuesWhereExpected() throws IOException {
        TinyHeap heap = TinyHeap.withIdentifierSize(4);
        ClassHandle registry = heap.defineClass("com.acme.Registry", heap.objectClass());
        ObjectHandle text = heap.newString("hi");
        ObjectHandle weak = heap.newWeakReference(text);
        ObjectHandle array = heap.newObjectArray(heap.arrayClassOf(heap.objectClass()), weak, null);
        heap.setElement(array, 1, text);
        heap.setStatic(registry, "listeners", array);

        Read read = read(heap.writeTo(dir.resolve("refs.hprof")));

        HeapDumpRecord.InstanceDump weakDump = (HeapDumpRecord.InstanceDump) read.objects.get(weak.id());
        assertThat(idAt(weakDump.fieldValues(), 0, 4)).isEqualTo(text.id()); // referent: Reference's first field
        HeapDumpRecord.ObjectArrayDump arrayDump = (HeapDumpRecord.ObjectArrayDump) read.objects.get(array.id());
        assertThat(arrayDump.elementId(0)).isEqualTo(weak.id());
        assertThat(arrayDump.elementId(1)).isEqualTo(text.id());
        assertThat(read.className(arrayDump.arrayClassObjectId())).isEqualTo("[Ljava/lang/Object;");
        HeapDumpRecord.StaticField listeners = read.classDumps.get(registry.id()).staticFields().get(0);
        assertThat(read.names.get(listeners.nameId())).isEqualTo("listeners");
        assertThat(listeners.value()).isEqualTo(array.id());
        HeapDumpRecord.InstanceDump string = (HeapDumpRecord.InstanceDump) read.objects.get(text.id());
        long valueId = idAt(string.fieldValues(), 0, 4);
        HeapDumpRecord.PrimitiveArrayDump value = (HeapDumpRecord.PrimitiveArrayDump) read.objects.get(valueId);
        assertThat(value.elementType()).isEqualTo(BasicType.BYTE);
        assertThat(value.elements()).isEqualTo(ByteBuffer.wrap(new byte[]{'h', 'i'}));
    }

    @Test
    void write_sameHeapTwice_sameBytes() {
        TinyHeap heap = TinyHeap.withIdentifierSize(8);
        heap.rootJniGlobal(heap.newInstance(heap.objectClass()));
        assertThat(heap.toByteArray()).isEqualTo(heap.toByteArray());
    }

    @Test
    void set_unknownField_refusedNamingIt() {
        TinyHeap heap = TinyHeap.withIdentifierSize(8);
        ObjectHandle object = heap.newInstance(heap.objectClass());
        assertThatThrownBy(() -> heap.set(object, "nope", 1)).hasMessageContaining("java.lang.Object has no field nope");
    }

    @Test
    void internalName_arraysAndClasses_asHotSpotWritesThem() {
        assertThat(TinyHeap.internalName("java.lang.String")).isEqualTo("java/lang/String");
        assertThat(TinyHeap.internalName("java.lang.Object[]")).isEqualTo("[Ljava/lang/Object;");
        assertThat(TinyHeap.internalName("int[]")).isEqualTo("[I");
        assertThat(TinyHeap.internalName("byte[][]")).isEqualTo("[[B");
    }

    private static long idAt(ByteBuffer buffer, int index, int idSize) {
        return idSize == 8 ? buffer.getLong(index) : Integer.toUnsignedLong(buffer.getInt(index));
    }
}

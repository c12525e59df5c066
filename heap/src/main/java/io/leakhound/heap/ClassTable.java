package io.leakhound.heap;

import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.HeapDumpRecord.ClassDump;
import io.leakhound.hprof.HeapDumpRecord.FieldDescriptor;
import io.leakhound.hprof.HeapDumpRecord.StaticField;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The classes of a dump with their instance layouts, built between the indexer's passes from the class
 * dumps and names of pass one. Adds the classes a dump may lack: one per primitive array type, an
 * {@code Object[]} and {@code java.lang.Class} when missing, and one for objects whose class is not in
 * the dump.
 */
final class ClassTable {
    private static final String REFERENCE = "java.lang.ref.Reference";

    /** Where an instance dump holds strong references, and the size an instance has without compressed oops. */
    record Layout(int[] strongReferenceOffsets, long uncompressedSize) {
    }

    private record Entry(long address, int node, String name, long superAddress, long loaderAddress,
                         BasicType arrayElement, List<HeapClass.Field> fields, List<HeapClass.StaticField> statics,
                         List<BasicType> ownFieldTypes) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<Long, Integer> indexByAddress = new HashMap<>();
    private final Map<BasicType, Integer> primitiveArrays = new EnumMap<>(BasicType.class);
    private final int identifierSize;
    private Layout[] layouts;
    private int unknownClass;
    private int classClass;
    private int objectArrayClass;

    private ClassTable(int identifierSize) {
        this.identifierSize = identifierSize;
    }

    static ClassTable build(List<ClassDump> dumps, Map<Long, String> strings, Map<Long, Long> classNameIds,
                            int identifierSize, AddressIndex addresses) {
        ClassTable table = new ClassTable(identifierSize);
        Map<Long, ClassDump> byAddress = new HashMap<>();
        for (ClassDump dump : dumps) {
            byAddress.putIfAbsent(dump.classObjectId(), dump);
        }
        for (ClassDump dump : byAddress.values()) {
            Long nameId = classNameIds.get(dump.classObjectId());
            String vmName = nameId == null ? null : strings.get(nameId);
            String name = vmName == null
                    ? "<class 0x" + Long.toHexString(dump.classObjectId()) + ">"
                    : HeapClass.sourceName(vmName);
            BasicType element = vmName != null && vmName.startsWith("[") ? arrayElement(vmName) : null;
            List<BasicType> ownTypes = new ArrayList<>();
            for (FieldDescriptor field : dump.instanceFields()) {
                ownTypes.add(field.type());
            }
            List<HeapClass.StaticField> statics = new ArrayList<>();
            for (StaticField field : dump.staticFields()) {
                statics.add(new HeapClass.StaticField(name(strings, field.nameId()), field.type(), field.value()));
            }
            table.add(new Entry(dump.classObjectId(), addresses.nodeAt(dump.classObjectId()), name,
                    dump.superClassObjectId(), dump.classLoaderObjectId(), element, List.of(), statics, ownTypes));
        }
        // the order of a HashMap is not the file's: sort by address so class indexes are reproducible
        table.entries.sort((a, b) -> Long.compareUnsigned(a.address, b.address));
        table.indexByAddress.clear();
        for (int i = 0; i < table.entries.size(); i++) {
            table.indexByAddress.put(table.entries.get(i).address, i);
        }
        for (int i = 0; i < table.entries.size(); i++) {
            Entry entry = table.entries.get(i);
            if (entry.arrayElement != null && entry.arrayElement != BasicType.OBJECT) {
                table.primitiveArrays.putIfAbsent(entry.arrayElement, i);
            }
        }
        for (BasicType type : BasicType.values()) {
            if (type != BasicType.OBJECT && !table.primitiveArrays.containsKey(type)) {
                table.primitiveArrays.put(type, table.addSynthetic(HeapClass.primitiveArrayName(type), type));
            }
        }
        table.classClass = table.findOrAdd("java.lang.Class", null);
        table.objectArrayClass = table.findOrAdd("java.lang.Object[]", BasicType.OBJECT);
        table.unknownClass = table.addSynthetic("<unknown class>", null);
        table.resolveFields(byAddress, strings);
        return table;
    }

    private static BasicType arrayElement(String vmName) {
        if (vmName.length() == 2) {
            return switch (vmName.charAt(1)) {
                case 'Z' -> BasicType.BOOLEAN;
                case 'C' -> BasicType.CHAR;
                case 'F' -> BasicType.FLOAT;
                case 'D' -> BasicType.DOUBLE;
                case 'B' -> BasicType.BYTE;
                case 'S' -> BasicType.SHORT;
                case 'I' -> BasicType.INT;
                case 'J' -> BasicType.LONG;
                default -> BasicType.OBJECT;
            };
        }
        return BasicType.OBJECT;
    }

    private static String name(Map<Long, String> strings, long id) {
        String name = strings.get(id);
        return name == null ? "<field 0x" + Long.toHexString(id) + ">" : name;
    }

    private void add(Entry entry) {
        indexByAddress.putIfAbsent(entry.address, entries.size());
        entries.add(entry);
    }

    private int addSynthetic(String name, BasicType element) {
        entries.add(new Entry(0, -1, name, 0, 0, element, List.of(), List.of(), List.of()));
        return entries.size() - 1;
    }

    private int findOrAdd(String name, BasicType element) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).name.equals(name)) {
                return i;
            }
        }
        return addSynthetic(name, element);
    }

    /** Lays out every class's instance fields as instance dumps list them: own fields, then the superclass's. */
    private void resolveFields(Map<Long, ClassDump> dumps, Map<Long, String> strings) {
        layouts = new Layout[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            List<HeapClass.Field> fields = new ArrayList<>();
            int offset = 0;
            int guard = 0;
            for (ClassDump current = dumps.get(entry.address); current != null && guard++ < 1000;
                 current = dumps.get(current.superClassObjectId())) {
                Integer currentIndex = indexByAddress.get(current.classObjectId());
                String declaring = currentIndex == null ? "?" : entries.get(currentIndex).name;
                boolean isReferenceClass = declaring.equals(REFERENCE);
                for (FieldDescriptor field : current.instanceFields()) {
                    String fieldName = name(strings, field.nameId());
                    boolean strong = !(isReferenceClass && fieldName.equals("referent"));
                    fields.add(new HeapClass.Field(fieldName, declaring, field.type(), offset, strong));
                    offset += field.type().sizeInFile(identifierSize);
                }
            }
            int[] references = fields.stream()
                    .filter(field -> field.type() == BasicType.OBJECT && field.strong())
                    .mapToInt(HeapClass.Field::fileOffset)
                    .toArray();
            entries.set(i, new Entry(entry.address, entry.node, entry.name, entry.superAddress, entry.loaderAddress,
                    entry.arrayElement, fields, entry.statics, entry.ownFieldTypes));
            layouts[i] = new Layout(references, instanceSize(i, SizeModel.uncompressedOops()));
        }
    }

    /**
     * Bytes of an instance in the JVM: the header, then each class's own fields from the top of the
     * hierarchy down, each class's block rounded up to the reference width, the whole to the alignment.
     * Eclipse MAT's arithmetic, which matches jmap's histograms of HotSpot 5 to 8.
     */
    private long instanceSize(int index, SizeModel model) {
        Entry entry = entries.get(index);
        if (entry.arrayElement != null) {
            return 0;
        }
        List<Entry> hierarchy = new ArrayList<>();
        for (Entry current = entry; current != null && hierarchy.size() < 1000; current = superOf(current)) {
            hierarchy.add(current);
        }
        long size = model.objectHeader();
        for (int i = hierarchy.size() - 1; i >= 0; i--) {
            long own = 0;
            for (BasicType type : hierarchy.get(i).ownFieldTypes) {
                own += model.width(type);
            }
            if (own > 0) {
                size = SizeModel.alignUp(size + own, model.referenceSize());
            }
        }
        return SizeModel.alignUp(size, SizeModel.ALIGNMENT);
    }

    private Entry superOf(Entry entry) {
        if (entry.superAddress == 0) {
            return null;
        }
        Integer index = indexByAddress.get(entry.superAddress);
        return index == null ? null : entries.get(index);
    }

    List<HeapClass> classes(SizeModel model) {
        List<HeapClass> classes = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            Entry superEntry = superOf(entry);
            int superIndex = superEntry == null ? -1 : indexByAddress.get(entry.superAddress);
            int fieldBytes = 0;
            for (HeapClass.Field field : entry.fields) {
                fieldBytes += field.type().sizeInFile(identifierSize);
            }
            classes.add(new HeapClass(i, entry.address, entry.node, entry.name, superIndex, entry.loaderAddress,
                    entry.arrayElement, instanceSize(i, model), fieldBytes, entry.fields, entry.statics));
        }
        return classes;
    }

    /**
     * Bytes of a class object: an instance of {@code java.lang.Class} plus its static fields, which
     * HotSpot keeps in the class mirror since JDK 7.
     */
    long classObjectSize(int describedIndex, SizeModel model) {
        long size = instanceSize(classClass, model);
        if (describedIndex >= 0 && describedIndex < entries.size()) {
            for (HeapClass.StaticField field : entries.get(describedIndex).statics) {
                size += model.width(field.type());
            }
        }
        return SizeModel.alignUp(size, SizeModel.ALIGNMENT);
    }

    int indexOfClassObject(long address) {
        Integer index = indexByAddress.get(address);
        return index == null ? unknownClass : index;
    }

    int classNode(int index) {
        return entries.get(index).node;
    }

    Layout layout(int index) {
        return layouts[index];
    }

    int primitiveArrayClassIndex(BasicType type) {
        return primitiveArrays.get(type);
    }

    int classClassIndex() {
        return classClass;
    }

    int objectArrayClassIndex() {
        return objectArrayClass;
    }

    int unknownClassIndex() {
        return unknownClass;
    }
}

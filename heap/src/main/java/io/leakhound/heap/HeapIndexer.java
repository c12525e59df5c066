package io.leakhound.heap;

import io.leakhound.heap.graph.CsrGraph;
import io.leakhound.heap.graph.IntArray;
import io.leakhound.heap.graph.LongArray;
import io.leakhound.heap.graph.OffHeapArrays;
import io.leakhound.heap.graph.Progress;
import io.leakhound.hprof.BasicType;
import io.leakhound.hprof.HeapDumpRecord.ClassDump;
import io.leakhound.hprof.HeapDumpRecord.InstanceDump;
import io.leakhound.hprof.HeapDumpRecord.ObjectArrayDump;
import io.leakhound.hprof.HeapDumpRecord.PrimitiveArrayDump;
import io.leakhound.hprof.HeapDumpRecord;
import io.leakhound.hprof.HprofFile;
import io.leakhound.hprof.HprofFormatException;
import io.leakhound.hprof.HprofRecord;
import io.leakhound.hprof.RecordKind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link HeapIndex} in two passes over the dump.
 *
 * <p>Pass one collects names, class dumps and GC roots, and the address and file offset of every object
 * in file order (its node id). Between the passes the addresses are sorted for lookups and the classes'
 * layouts are computed. Pass two decodes each object's references, resolves them to node ids and writes
 * them as a compressed sparse row graph in node order, so the graph is written sequentially.
 *
 * <p>A file that holds several heap dumps (the HPROF agent writes one per request) is analysed for its
 * first, as Eclipse MAT does by default.
 */
final class HeapIndexer {
    private static final Set<RecordKind> PASS_ONE = EnumSet.of(RecordKind.UTF8, RecordKind.LOAD_CLASS,
            RecordKind.STACK_FRAME, RecordKind.STACK_TRACE, RecordKind.HEAP_DUMP_START, RecordKind.HEAP_DUMP_END, RecordKind.GC_ROOT, RecordKind.CLASS_DUMP,
            RecordKind.INSTANCE_DUMP, RecordKind.OBJECT_ARRAY_DUMP, RecordKind.PRIMITIVE_ARRAY_DUMP);
    private static final Set<RecordKind> PASS_TWO = EnumSet.of(RecordKind.HEAP_DUMP_START, RecordKind.HEAP_DUMP_END,
            RecordKind.CLASS_DUMP, RecordKind.INSTANCE_DUMP, RecordKind.OBJECT_ARRAY_DUMP,
            RecordKind.PRIMITIVE_ARRAY_DUMP);
    private static final int PROGRESS_EVERY = 1 << 16;
    /** The layout the address gaps are measured against (see {@link PassTwo}). */
    private static final SizeModel UNCOMPRESSED = SizeModel.uncompressedOops();

    private final HprofFile dump;
    private final OffHeapArrays arrays;
    private final Progress progress;
    private final int identifierSize;
    private final List<String> warnings = new ArrayList<>();

    // pass one
    private final Map<Long, String> strings = new HashMap<>();
    private final Map<Long, Long> classNameIds = new HashMap<>();
    private final List<ClassDump> classDumps = new ArrayList<>();
    private LongArray addresses;
    private LongArray offsets;
    private int nodes;
    private boolean ascending = true;
    private long rootIds[] = new long[1024];
    private byte[] rootKinds = new byte[1024];
    private int[] rootThreads = new int[1024];
    private int[] rootDepths = new int[1024];
    private final StackTraces.Builder stacks = new StackTraces.Builder();
    private int rootRecords;
    /** Where the dump was cut short, -1 when it ended cleanly. */
    private long truncatedAt = -1;

    HeapIndexer(HprofFile dump, OffHeapArrays arrays, Progress progress) {
        this.dump = dump;
        this.arrays = arrays;
        this.progress = progress;
        this.identifierSize = dump.header().identifierSize();
    }

    HeapIndex index() throws IOException {
        passOne();
        AddressIndex addressIndex = AddressIndex.build(addresses, nodes, ascending, arrays);
        if (addressIndex.duplicates() > 0) {
            warnings.add(addressIndex.duplicates() + " objects are listed twice in the dump; the second copies are ignored");
        }
        ClassTable table = ClassTable.build(classDumps, strings, classNameIds, identifierSize, addressIndex);
        PassTwo second = new PassTwo(table, addressIndex);
        second.run();
        SizeModel model = second.sizeModel();
        LongArray shallow = arrays.longs(nodes);
        List<HeapClass> classes = table.classes(model);
        long shallowBytes = 0;
        for (int node = 0; node < nodes; node++) {
            long size = second.shallowSize(node, model, classes);
            shallow.set(node, size);
            shallowBytes += size;
        }
        int[] rootNodes = new int[rootRecords];
        for (int i = 0; i < rootRecords; i++) {
            rootNodes[i] = addressIndex.nodeAt(rootIds[i]);
        }
        if (truncatedAt >= 0) {
            rootNodes = addStandInRoots(rootNodes, second, table);
        }
        GcRoots roots = GcRoots.of(rootNodes, rootKinds, rootThreads, rootDepths, rootRecords);
        if (roots.missing() > 0) {
            warnings.add(roots.missing() + " GC root records name objects the dump does not contain; they are ignored");
        }
        return new HeapIndex(dump, arrays, model, classes, table.classClassIndex(), addresses, offsets,
                second.classOfNode, shallow, shallowBytes, addressIndex, second.graph, roots, stacks.build(strings), warnings);
    }

    private void passOne() throws IOException {
        addresses = arrays.longs(1 << 20);
        offsets = arrays.longs(1 << 20);
        DumpSelector selector = new DumpSelector();
        long length = dump.length();
        HprofFile.ReadResult result = dump.read(PASS_ONE, (offset, record) -> {
            if (!selector.accept(record)) {
                return;
            }
            if (record instanceof HprofRecord.Utf8 utf8) {
                strings.put(utf8.id(), utf8.text());
            } else if (record instanceof HprofRecord.LoadClass load) {
                classNameIds.put(load.classObjectId(), load.classNameId());
                stacks.add(load);
            } else if (record instanceof HprofRecord.StackFrame || record instanceof HprofRecord.StackTrace) {
                stacks.add(record);
            } else if (record instanceof HeapDumpRecord.GcRoot root) {
                addRoot(root);
            } else if (record instanceof HeapDumpRecord heapRecord) {
                if (record instanceof ClassDump classDump) {
                    classDumps.add(classDump);
                }
                addObject(objectId(heapRecord), offset);
                if ((nodes & (PROGRESS_EVERY - 1)) == 0) {
                    progress.update("reading objects", offset, length);
                }
            }
        });
        if (result.truncated()) {
            truncatedAt = result.truncatedAt();
            if (nodes == 0) {
                throw new HprofFormatException(dump.file(), result.truncatedAt(), "the dump is cut short before its first "
                        + "object (" + result.truncation() + "): there is nothing left to analyse");
            }
            warnings.add("the dump is truncated: " + result.truncation()
                    + "; leakhound analysed the " + nodes + " objects before byte " + result.truncatedAt());
        }
        if (selector.dumps > 1) {
            warnings.add("the file holds " + selector.dumps
                    + " heap dumps; leakhound analysed the first, as Eclipse MAT does by default");
        }
    }

    /**
     * A truncated dump lost the roots HotSpot writes after the objects: the objects no remaining root
     * reaches get stand-in roots of unknown kind (see {@link UnknownRoots}), with a warning, so what
     * is left can still be judged.
     */
    private int[] addStandInRoots(int[] rootNodes, PassTwo second, ClassTable table) {
        int[] standIns = UnknownRoots.choose(second.graph, second.classOfNode, table.classClassIndex(), rootNodes, arrays);
        if (standIns.length == 0) {
            return rootNodes;
        }
        warnings.add("the cut kept " + rootRecords + " GC root records; leakhound treats " + standIns.length
                + " objects that no remaining root reaches (classes, and objects nothing refers to) as held by an"
                + " unknown root, so sizes and paths are approximate");
        int[] nodesWithStandIns = Arrays.copyOf(rootNodes, rootRecords + standIns.length);
        for (int standIn : standIns) {
            addRecord(-1, GcRootKind.UNKNOWN, 0, -1);
            nodesWithStandIns[rootRecords - 1] = standIn;
        }
        return nodesWithStandIns;
    }

    private void addObject(long address, long offset) {
        if (nodes == Integer.MAX_VALUE - 1) {
            throw new IllegalStateException("more than " + (Integer.MAX_VALUE - 1) + " objects in one dump");
        }
        if (nodes == addresses.size()) {
            addresses.grow(addresses.size() * 2);
            offsets.grow(offsets.size() * 2);
        }
        if (nodes > 0 && Long.compareUnsigned(addresses.get(nodes - 1), address) >= 0) {
            ascending = false;
        }
        addresses.set(nodes, address);
        offsets.set(nodes, offset);
        nodes++;
    }

    private void addRoot(HeapDumpRecord.GcRoot root) {
        addRecord(root.objectId(), GcRootKind.of(root), threadSerial(root), depth(root));
    }

    private void addRecord(long objectId, GcRootKind kind, int threadSerial, int depth) {
        if (rootRecords == rootIds.length) {
            rootIds = Arrays.copyOf(rootIds, rootRecords * 2);
            rootKinds = Arrays.copyOf(rootKinds, rootRecords * 2);
            rootThreads = Arrays.copyOf(rootThreads, rootRecords * 2);
            rootDepths = Arrays.copyOf(rootDepths, rootRecords * 2);
        }
        rootDepths[rootRecords] = depth;
        rootIds[rootRecords] = objectId;
        rootKinds[rootRecords] = (byte) kind.ordinal();
        rootThreads[rootRecords] = threadSerial;
        rootRecords++;
    }

    private static int threadSerial(HeapDumpRecord.GcRoot root) {
        if (root instanceof HeapDumpRecord.RootJavaFrame frame) {
            return frame.threadSerial();
        } else if (root instanceof HeapDumpRecord.RootJniLocal local) {
            return local.threadSerial();
        } else if (root instanceof HeapDumpRecord.RootThreadObject thread) {
            return thread.threadSerial();
        } else if (root instanceof HeapDumpRecord.RootNativeStack stack) {
            return stack.threadSerial();
        } else if (root instanceof HeapDumpRecord.RootThreadBlock block) {
            return block.threadSerial();
        }
        return 0;
    }

    /** The frame depth of a local variable's root, -1 for other roots and for HotSpot's "no frame". */
    private static int depth(HeapDumpRecord.GcRoot root) {
        if (root instanceof HeapDumpRecord.RootJavaFrame frame) {
            return frame.frameNumber();
        } else if (root instanceof HeapDumpRecord.RootJniLocal local) {
            return local.frameNumber();
        }
        return -1;
    }

    private static long objectId(HeapDumpRecord record) {
        if (record instanceof ClassDump classDump) {
            return classDump.classObjectId();
        } else if (record instanceof InstanceDump instance) {
            return instance.objectId();
        } else if (record instanceof ObjectArrayDump array) {
            return array.arrayObjectId();
        } else if (record instanceof PrimitiveArrayDump array) {
            return array.arrayObjectId();
        }
        throw new IllegalArgumentException("not an object: " + record);
    }

    /** Lets through the records of the file's first heap dump and everything outside heap dumps. */
    private static final class DumpSelector {
        int dumps;
        boolean inSegments;

        boolean accept(HprofRecord record) {
            if (record instanceof HprofRecord.HeapDumpStart start) {
                // a run of segments closed by HEAP_DUMP_END is one dump; a plain HEAP_DUMP is one by itself
                if (!start.segment() || !inSegments) {
                    dumps++;
                }
                inSegments = start.segment();
                return false;
            }
            if (record instanceof HprofRecord.HeapDumpEnd) {
                inSegments = false;
                return false;
            }
            return !(record instanceof HeapDumpRecord) || dumps <= 1;
        }
    }

    /**
     * Pass two: classes and references of every object. Also gathers the evidence on whether a 64-bit
     * JVM used compressed oops: HotSpot writes objects in address order, so the distance from one object
     * to the next is at least its size; many distances below the size without compressed oops prove them.
     */
    private final class PassTwo {
        private final ClassTable table;
        private final AddressIndex addressIndex;
        private final CsrGraph.Builder builder = CsrGraph.builder(arrays);
        final IntArray classOfNode = arrays.ints(Math.max(1, nodes));
        /** Array length, or for a class object the index of the class it stands for. */
        private final IntArray lengths = arrays.ints(Math.max(1, nodes));
        CsrGraph graph;
        private long previousAddress = -1;
        private long previousUncompressedSize;
        private long gapsMeasured;
        private long gapsBelowUncompressed;

        PassTwo(ClassTable table, AddressIndex addressIndex) {
            this.table = table;
            this.addressIndex = addressIndex;
        }

        void run() throws IOException {
            DumpSelector selector = new DumpSelector();
            long length = dump.length();
            int[] seen = {0};
            dump.read(PASS_TWO, (offset, record) -> {
                if (!selector.accept(record) || seen[0] >= nodes || !(record instanceof HeapDumpRecord heapRecord)) {
                    return;
                }
                int node = builder.addNode();
                seen[0]++;
                if ((node & (PROGRESS_EVERY - 1)) == 0) {
                    progress.update("reading references", offset, length);
                }
                if (addressIndex.nodeAt(objectId(heapRecord)) != node) {
                    // a second copy of an address: keep the node so ids stay aligned, but leave it bare
                    classOfNode.set(node, table.unknownClassIndex());
                    return;
                }
                if (heapRecord instanceof InstanceDump instance) {
                    instance(node, instance);
                } else if (heapRecord instanceof ObjectArrayDump array) {
                    objectArray(node, array);
                } else if (heapRecord instanceof PrimitiveArrayDump array) {
                    primitiveArray(node, array);
                } else if (heapRecord instanceof ClassDump classDump) {
                    classObject(node, classDump);
                }
            });
            graph = builder.build();
        }

        private void instance(int node, InstanceDump instance) {
            int classIndex = table.indexOfClassObject(instance.classObjectId());
            classOfNode.set(node, classIndex);
            lengths.set(node, -1);
            edge(table.classNode(classIndex), HeapIndex.EDGE_CLASS);
            ClassTable.Layout layout = table.layout(classIndex);
            int fieldBytes = instance.fieldValues().limit();
            int[] offsets = layout.strongReferenceOffsets();
            for (int field = 0; field < offsets.length; field++) {
                if (offsets[field] + identifierSize <= fieldBytes) {
                    edge(addressIndex.nodeAt(instance.identifierAt(offsets[field], identifierSize)), field);
                }
            }
            measureGap(instance.objectId(), layout.uncompressedSize());
        }

        private void objectArray(int node, ObjectArrayDump array) {
            int classIndex = table.indexOfClassObject(array.arrayClassObjectId());
            if (classIndex == table.unknownClassIndex()) {
                classIndex = table.objectArrayClassIndex();
            }
            classOfNode.set(node, classIndex);
            lengths.set(node, array.length());
            edge(table.classNode(classIndex), HeapIndex.EDGE_CLASS);
            for (int i = 0; i < array.length(); i++) {
                edge(addressIndex.nodeAt(array.elementId(i)), HeapIndex.EDGE_ELEMENT);
            }
            measureGap(array.arrayObjectId(), UNCOMPRESSED.arraySize(BasicType.OBJECT, array.length()));
        }

        private void primitiveArray(int node, PrimitiveArrayDump array) {
            int classIndex = table.primitiveArrayClassIndex(array.elementType());
            classOfNode.set(node, classIndex);
            lengths.set(node, array.length());
            edge(table.classNode(classIndex), HeapIndex.EDGE_CLASS);
            measureGap(array.arrayObjectId(),
                    UNCOMPRESSED.arraySize(array.elementType(), array.length()));
        }

        private void classObject(int node, ClassDump classDump) {
            classOfNode.set(node, table.classClassIndex());
            int described = table.indexOfClassObject(classDump.classObjectId());
            lengths.set(node, described);
            edge(addressIndex.nodeAt(classDump.superClassObjectId()), HeapIndex.EDGE_SUPERCLASS);
            edge(addressIndex.nodeAt(classDump.classLoaderObjectId()), HeapIndex.EDGE_CLASS_LOADER);
            edge(addressIndex.nodeAt(classDump.signersObjectId()), HeapIndex.EDGE_SIGNERS);
            edge(addressIndex.nodeAt(classDump.protectionDomainObjectId()), HeapIndex.EDGE_PROTECTION_DOMAIN);
            List<HeapDumpRecord.StaticField> statics = classDump.staticFields();
            for (int field = 0; field < statics.size(); field++) {
                if (statics.get(field).type() == BasicType.OBJECT) {
                    edge(addressIndex.nodeAt(statics.get(field).value()), field);
                }
            }
            // class objects lie outside the Java heap on older JVMs (the permanent generation): no gap
            previousAddress = -1;
        }

        private void edge(int target, int label) {
            if (target >= 0) {
                builder.addEdge(target, label);
            }
        }

        private void measureGap(long address, long uncompressedSize) {
            if (identifierSize == 8 && previousAddress != -1 && Long.compareUnsigned(address, previousAddress) > 0) {
                long gap = address - previousAddress;
                if (gap < 4096) {
                    gapsMeasured++;
                    if (gap < previousUncompressedSize) {
                        gapsBelowUncompressed++;
                    }
                }
            }
            previousAddress = address;
            previousUncompressedSize = uncompressedSize;
        }

        /**
         * The JVM's layout. A 64-bit dump without compressed oops never has an object closer to the next
         * than its size; with them about every object with a reference field is. One distance in a hundred
         * is plenty of evidence and leaves room for the odd filler. Dumps with no usable distances are
         * assumed to use compressed oops, the default of 64-bit HotSpot for heaps under 32 GB since JDK 7.
         */
        SizeModel sizeModel() {
            if (identifierSize == 4) {
                return SizeModel.thirtyTwoBit();
            }
            if (gapsMeasured < 100) {
                if (gapsMeasured > 0 && gapsBelowUncompressed == 0) {
                    return SizeModel.uncompressedOops();
                }
                return SizeModel.compressedOops();
            }
            return gapsBelowUncompressed * 100 >= gapsMeasured ? SizeModel.compressedOops() : SizeModel.uncompressedOops();
        }

        long shallowSize(int node, SizeModel model, List<HeapClass> classes) {
            HeapClass heapClass = classes.get(classOfNode.get(node));
            int length = lengths.get(node);
            if (heapClass.index() == table.classClassIndex() && length >= 0) {
                return table.classObjectSize(length, model);
            }
            if (heapClass.isArray()) {
                return model.arraySize(heapClass.arrayElement(), Math.max(0, length));
            }
            return heapClass.instanceSize();
        }
    }
}

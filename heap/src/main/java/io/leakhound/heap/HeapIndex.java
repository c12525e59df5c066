package io.leakhound.heap;

import io.leakhound.heap.graph.CsrGraph;
import io.leakhound.heap.graph.IntArray;
import io.leakhound.heap.graph.LongArray;
import io.leakhound.heap.graph.OffHeapArrays;
import io.leakhound.heap.graph.Progress;
import io.leakhound.hprof.HeapDumpRecord;
import io.leakhound.hprof.HprofFile;
import io.leakhound.hprof.HprofHeader;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The object graph of one heap dump, indexed for analysis: every object of the dump (class objects,
 * instances, arrays) as a dense node id 0..n-1 in file order, its address, class and shallow size, its
 * outbound strong references, and the GC roots.
 *
 * <p>Built in two passes over the file by {@link HeapIndexer}. Everything proportional to the number
 * of objects lives in memory-mapped temporary files ({@link OffHeapArrays}): about 24 bytes per object
 * plus 4 per reference, none of it Java heap or anonymous memory. On the Java heap stay only the classes,
 * the names and the GC roots. {@link #close()} releases the mappings and the files.
 */
public final class HeapIndex implements Closeable {
    /*
     * The labels of graph() edges say which reference of the source object an edge is, so that paths can be
     * compared between dumps without re-reading records. A label >= 0 is a field: for an instance the ordinal
     * of the strong reference field in its class's layout (superclass fields last, as HPROF lists them), for a
     * class object the index of the static field in its class dump.
     */
    /** An object's edge to its class object. */
    static final int EDGE_CLASS = -1;
    /** An object array's edge to one of its elements, whatever the index. */
    static final int EDGE_ELEMENT = -2;
    static final int EDGE_SUPERCLASS = -3;
    static final int EDGE_CLASS_LOADER = -4;
    static final int EDGE_SIGNERS = -5;
    static final int EDGE_PROTECTION_DOMAIN = -6;

    private final HprofFile dump;
    private final OffHeapArrays arrays;
    private final SizeModel sizeModel;
    private final List<HeapClass> classes;
    private final int classClassIndex;
    private final Map<Long, Integer> classByAddress;
    private final LongArray addresses;
    private final LongArray offsets;
    private final IntArray classOfNode;
    private final LongArray shallowSizes;
    private final AddressIndex addressIndex;
    private final CsrGraph graph;
    private final GcRoots roots;
    private final StackTraces stacks;
    private final long shallowBytes;
    private final List<String> warnings;

    HeapIndex(HprofFile dump, OffHeapArrays arrays, SizeModel sizeModel, List<HeapClass> classes,
              int classClassIndex, LongArray addresses, LongArray offsets, IntArray classOfNode,
              LongArray shallowSizes, long shallowBytes, AddressIndex addressIndex, CsrGraph graph, GcRoots roots,
              StackTraces stacks, List<String> warnings) {
        this.stacks = stacks;
        this.dump = dump;
        this.arrays = arrays;
        this.sizeModel = sizeModel;
        this.classes = List.copyOf(classes);
        this.classByAddress = new HashMap<>();
        for (HeapClass heapClass : classes) {
            if (heapClass.node() >= 0) {
                classByAddress.put(heapClass.address(), heapClass.index());
            }
        }
        this.classClassIndex = classClassIndex;
        this.addresses = addresses;
        this.offsets = offsets;
        this.classOfNode = classOfNode;
        this.shallowSizes = shallowSizes;
        this.addressIndex = addressIndex;
        this.graph = graph;
        this.roots = roots;
        this.warnings = List.copyOf(warnings);
        this.shallowBytes = shallowBytes;
    }

    /**
     * Opens and indexes a dump; temporary files go to {@code temporaryDirectory}.
     *
     * @throws io.leakhound.hprof.HprofFormatException when the file is not a readable HPROF dump
     */
    public static HeapIndex open(Path file, Path temporaryDirectory, Progress progress) throws IOException {
        HprofFile dump = HprofFile.open(file);
        try {
            return new HeapIndexer(dump, OffHeapArrays.create(temporaryDirectory), progress).index();
        } catch (IOException | RuntimeException | Error e) {
            dump.close();
            throw e;
        }
    }

    public HprofHeader header() {
        return dump.header();
    }

    /** The dump as the user named it. */
    public Path file() {
        return dump.file();
    }

    public SizeModel sizeModel() {
        return sizeModel;
    }

    /** The objects of the dump, class objects included. */
    public int nodeCount() {
        return graph.nodeCount();
    }

    public List<HeapClass> classes() {
        return classes;
    }

    /** The class of the object at this node ({@code java.lang.Class} for class objects). */
    public HeapClass classOf(int node) {
        return classes.get(classOfNode.get(node));
    }

    public int classIndexOf(int node) {
        return classOfNode.get(node);
    }

    /** True when the node is a class object; {@link #describedClass(int)} tells which class. */
    public boolean isClassObject(int node) {
        return classOfNode.get(node) == classClassIndex && describedClass(node) != null;
    }

    /** The class a class object stands for, or {@code null} when the node is no class object. */
    public HeapClass describedClass(int node) {
        Integer index = classByAddress.get(addresses.get(node));
        return index == null ? null : classes.get(index);
    }

    public long address(int node) {
        return addresses.get(node);
    }

    public long shallowSize(int node) {
        return shallowSizes.get(node);
    }

    /** Shallow sizes of all nodes, for the retained-size computation; owned by this index. */
    public LongArray shallowSizes() {
        return shallowSizes;
    }

    /** Sum of the shallow sizes of every object of the dump, reachable or not. */
    public long shallowBytes() {
        return shallowBytes;
    }

    /** The node of the object at this address, or -1. */
    public int nodeAt(long address) {
        return addressIndex.nodeAt(address);
    }

    /** Strong references only: {@code Reference.referent} is left out. */
    public CsrGraph graph() {
        return graph;
    }

    public GcRoots roots() {
        return roots;
    }

    /** The threads' stacks, to name the frame a local variable lives in. */
    StackTraces stacks() {
        return stacks;
    }

    /** Re-reads the record of the object at this node from the file (random access, a few microseconds). */
    public HeapDumpRecord record(int node) throws IOException {
        return dump.readHeapDumpRecordAt(offsets.get(node));
    }

    /** Arrays for the analysis to allocate from; released with this index. */
    public OffHeapArrays arrays() {
        return arrays;
    }

    /** What the reader or the indexer noticed: truncation, duplicate objects, several dumps in one file. */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public void close() throws IOException {
        try {
            arrays.close();
        } finally {
            dump.close();
        }
    }
}

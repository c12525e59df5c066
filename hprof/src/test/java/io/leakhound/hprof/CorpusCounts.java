package io.leakhound.hprof;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;

/** Counts what a full read of a dump delivers, named as the corpus's observation table names them. */
final class CorpusCounts {
    final Map<String, Long> topLevel = new TreeMap<>();
    final Map<String, Long> roots = new TreeMap<>();
    long classDumps;
    long instanceDumps;
    long objectArrays;
    long primitiveArrays;
    long instanceFieldBytes;
    long primitiveArrayBytes;
    long stackTracesWithFrames;
    HprofHeader header;
    HprofFile.ReadResult result;

    static CorpusCounts of(Path file) throws IOException {
        CorpusCounts counts = new CorpusCounts();
        try (HprofFile hprof = HprofFile.open(file)) {
            counts.header = hprof.header();
            counts.result = hprof.read(EnumSet.allOf(RecordKind.class), (offset, record) -> counts.count(record));
        }
        return counts;
    }

    private void count(HprofRecord record) {
        if (record instanceof HeapDumpRecord.ClassDump) {
            classDumps++;
        } else if (record instanceof HeapDumpRecord.InstanceDump instance) {
            instanceDumps++;
            instanceFieldBytes += instance.fieldValues().limit();
        } else if (record instanceof HeapDumpRecord.ObjectArrayDump) {
            objectArrays++;
        } else if (record instanceof HeapDumpRecord.PrimitiveArrayDump array) {
            primitiveArrays++;
            primitiveArrayBytes += array.elements().limit();
        } else if (record instanceof HeapDumpRecord.GcRoot root) {
            roots.merge(rootName(root), 1L, Long::sum);
        } else {
            if (record instanceof HprofRecord.StackTrace trace && !trace.frameIds().isEmpty()) {
                stackTracesWithFrames++;
            }
            topLevel.merge(topLevelName(record), 1L, Long::sum);
        }
    }

    static String rootName(HeapDumpRecord.GcRoot root) {
        if (root instanceof HeapDumpRecord.RootUnknown) {
            return "UNKNOWN";
        } else if (root instanceof HeapDumpRecord.RootJniGlobal) {
            return "JNI_GLOBAL";
        } else if (root instanceof HeapDumpRecord.RootJniLocal) {
            return "JNI_LOCAL";
        } else if (root instanceof HeapDumpRecord.RootJavaFrame) {
            return "JAVA_FRAME";
        } else if (root instanceof HeapDumpRecord.RootNativeStack) {
            return "NATIVE_STACK";
        } else if (root instanceof HeapDumpRecord.RootStickyClass) {
            return "STICKY_CLASS";
        } else if (root instanceof HeapDumpRecord.RootThreadBlock) {
            return "THREAD_BLOCK";
        } else if (root instanceof HeapDumpRecord.RootMonitorUsed) {
            return "MONITOR_USED";
        }
        return "THREAD_OBJECT";
    }

    static String topLevelName(HprofRecord record) {
        if (record instanceof HprofRecord.HeapDumpStart start) {
            return start.segment() ? "HEAP_DUMP_SEGMENT" : "HEAP_DUMP";
        }
        String simple = record.getClass().getSimpleName();
        return switch (simple) {
            case "Utf8" -> "UTF8";
            case "Unrecognised" -> "UNRECOGNISED";
            default -> simple.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
        };
    }
}

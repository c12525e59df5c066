package io.leakhound.hprof;

/**
 * The kinds of record a streaming read can ask for. Records of kinds not asked for are skipped
 * without being decoded (an instance dump not asked for costs a length read and a seek).
 */
public enum RecordKind {
    UTF8, LOAD_CLASS, UNLOAD_CLASS, STACK_FRAME, STACK_TRACE, ALLOC_SITES, HEAP_SUMMARY, START_THREAD,
    END_THREAD, HEAP_DUMP_START, HEAP_DUMP_END, CPU_SAMPLES, CONTROL_SETTINGS, UNRECOGNISED,
    GC_ROOT, CLASS_DUMP, INSTANCE_DUMP, OBJECT_ARRAY_DUMP, PRIMITIVE_ARRAY_DUMP
}

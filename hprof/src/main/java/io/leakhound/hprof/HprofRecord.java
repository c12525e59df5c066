package io.leakhound.hprof;

import java.util.List;

/**
 * One record of an HPROF file, 1:1 with the format. Top-level records are nested here; the records
 * inside a {@code HEAP_DUMP} or {@code HEAP_DUMP_SEGMENT} are {@link HeapDumpRecord}s.
 *
 * <p>Identifiers ({@code ...Id}) are widened to {@code long} whatever the header's identifier size;
 * serial numbers and counts are the format's unsigned 4-byte values, kept in an {@code int}.
 */
public sealed interface HprofRecord permits HprofRecord.Utf8, HprofRecord.LoadClass, HprofRecord.UnloadClass,
        HprofRecord.StackFrame, HprofRecord.StackTrace, HprofRecord.AllocSites, HprofRecord.HeapSummary,
        HprofRecord.StartThread, HprofRecord.EndThread, HprofRecord.HeapDumpStart, HprofRecord.HeapDumpEnd,
        HprofRecord.CpuSamples, HprofRecord.ControlSettings, HprofRecord.Unrecognised, HeapDumpRecord {

    /** {@code STRING IN UTF8} (0x01): a name, signature or text the other records point to by id. */
    record Utf8(long id, String text) implements HprofRecord {
    }

    /** {@code LOAD CLASS} (0x02): binds a class object to its serial number and name. */
    record LoadClass(int classSerial, long classObjectId, int stackTraceSerial, long classNameId)
            implements HprofRecord {
    }

    /** {@code UNLOAD CLASS} (0x03). */
    record UnloadClass(int classSerial) implements HprofRecord {
    }

    /** {@code STACK FRAME} (0x04). {@code lineNumber}: &gt; 0 a line, 0 none, -1 unknown, -2 compiled, -3 native. */
    record StackFrame(long frameId, long methodNameId, long methodSignatureId, long sourceFileNameId,
                      int classSerial, int lineNumber) implements HprofRecord {
    }

    /** {@code STACK TRACE} (0x05): the frames of one thread's stack, innermost first. */
    record StackTrace(int stackTraceSerial, int threadSerial, List<Long> frameIds) implements HprofRecord {
        public StackTrace {
            frameIds = List.copyOf(frameIds);
        }
    }

    /** {@code ALLOC SITES} (0x06), written by {@code -agentlib:hprof}. */
    record AllocSites(short flags, float cutoffRatio, int totalLiveBytes, int totalLiveInstances,
                      long totalBytesAllocated, long totalInstancesAllocated, List<AllocSite> sites)
            implements HprofRecord {
        public AllocSites {
            sites = List.copyOf(sites);
        }
    }

    /** One site of {@link AllocSites}; {@code arrayIndicator} 0 means not an array, else a {@link BasicType} tag. */
    record AllocSite(byte arrayIndicator, int classSerial, int stackTraceSerial, int liveBytes, int liveInstances,
                     int bytesAllocated, int instancesAllocated) {
    }

    /** {@code HEAP SUMMARY} (0x07). */
    record HeapSummary(int totalLiveBytes, int totalLiveInstances, long totalBytesAllocated,
                       long totalInstancesAllocated) implements HprofRecord {
    }

    /** {@code START THREAD} (0x0A). */
    record StartThread(int threadSerial, long threadObjectId, int stackTraceSerial, long threadNameId,
                       long threadGroupNameId, long threadGroupParentNameId) implements HprofRecord {
    }

    /** {@code END THREAD} (0x0B). */
    record EndThread(int threadSerial) implements HprofRecord {
    }

    /**
     * The start of a {@code HEAP DUMP} (0x0C) or {@code HEAP DUMP SEGMENT} (0x1C): the
     * {@link HeapDumpRecord}s of the next {@code length} bytes follow it.
     */
    record HeapDumpStart(boolean segment, long length) implements HprofRecord {
    }

    /** {@code HEAP DUMP END} (0x2C): closes a run of heap dump segments. */
    record HeapDumpEnd() implements HprofRecord {
    }

    /** {@code CPU SAMPLES} (0x0D). */
    record CpuSamples(int totalSamples, List<CpuSample> samples) implements HprofRecord {
        public CpuSamples {
            samples = List.copyOf(samples);
        }
    }

    /** One trace of {@link CpuSamples}. */
    record CpuSample(int sampleCount, int stackTraceSerial) {
    }

    /** {@code CONTROL SETTINGS} (0x0E): bit 0 alloc traces, bit 1 cpu sampling. */
    record ControlSettings(int flags, short stackTraceDepth) implements HprofRecord {
    }

    /**
     * A top-level record whose tag this reader does not know. Its length is still in the file, so it is
     * skipped rather than refused; the tag is kept so a caller can say what was skipped.
     */
    record Unrecognised(int tag, long length) implements HprofRecord {
    }
}

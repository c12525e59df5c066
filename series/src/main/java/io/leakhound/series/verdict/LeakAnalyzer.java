package io.leakhound.series.verdict;

import io.leakhound.series.gclog.GcLog;
import java.util.List;

/** PLACEHOLDER: helper "engine" replaces this file. The verdict engine's entry points. */
public final class LeakAnalyzer {
    private LeakAnalyzer() {
    }

    /** Judges the heap (and metaspace, where the log has it) of a GC log. */
    public static MemoryAnalysis analyze(GcLog log) {
        throw new UnsupportedOperationException("placeholder");
    }

    /** Judges plain series with no GC information (rolling minima), e.g. a process's RSS from a CSV file. */
    public static MemoryAnalysis analyze(String source, List<UsageSeries> series) {
        throw new UnsupportedOperationException("placeholder");
    }
}

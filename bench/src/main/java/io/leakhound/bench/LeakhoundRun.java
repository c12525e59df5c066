package io.leakhound.bench;

import io.leakhound.series.gclog.GcLog;
import io.leakhound.series.gclog.GcLogReader;
import io.leakhound.series.verdict.LeakAnalyzer;
import io.leakhound.series.verdict.MemoryAnalysis;
import java.nio.file.Path;
import java.util.List;

/** leakhound: read the log and judge it (what {@code leakhound analyze} does, minus rendering). */
public final class LeakhoundRun {
    private LeakhoundRun() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long start = System.nanoTime();
        GcLog log = GcLogReader.read(List.of(file));
        MemoryAnalysis analysis = LeakAnalyzer.analyze(log);
        long nanos = System.nanoTime() - start;
        new RunResult("leakhound", file, log.events().statistics().events(), nanos,
                "verdict=" + analysis.findings().get(0).verdict()).print();
    }
}

package io.leakhound.hprof;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * A micro-measure, not a test: read throughput of a dump on a warm page cache, asking only for
 * instance and object array dumps (what an index's reference pass asks for), then for everything.
 * Run: {@code java -cp hprof/target/classes:hprof/target/test-classes io.leakhound.hprof.ReadThroughput FILE}.
 */
public final class ReadThroughput {
    private ReadThroughput() {
    }

    public static void main(String[] args) throws IOException {
        try (HprofFile hprof = HprofFile.open(Path.of(args[0]))) {
            measure(hprof, EnumSet.of(RecordKind.INSTANCE_DUMP, RecordKind.OBJECT_ARRAY_DUMP));
            measure(hprof, EnumSet.allOf(RecordKind.class));
        }
    }

    private static void measure(HprofFile hprof, Set<RecordKind> kinds) throws IOException {
        long[] sink = new long[1];
        for (int round = 0; round < 6; round++) {
            long start = System.nanoTime();
            HprofFile.ReadResult result = hprof.read(kinds, (offset, record) -> sink[0] += offset);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s: %d records, %.1f MB in %.3f s = %.0f MB/s%n", kinds.size() == 2 ? "instances+arrays"
                    : "all kinds", result.recordsDelivered(), hprof.length() / 1e6, seconds, hprof.length() / 1e6 / seconds);
        }
    }
}

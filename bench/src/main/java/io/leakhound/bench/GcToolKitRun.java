package io.leakhound.bench;

import com.microsoft.gctoolkit.GCToolKit;
import com.microsoft.gctoolkit.aggregator.Aggregates;
import com.microsoft.gctoolkit.aggregator.Aggregation;
import com.microsoft.gctoolkit.aggregator.Aggregator;
import com.microsoft.gctoolkit.aggregator.Collates;
import com.microsoft.gctoolkit.aggregator.EventSource;
import com.microsoft.gctoolkit.event.GCEvent;
import com.microsoft.gctoolkit.event.g1gc.G1GCPauseEvent;
import com.microsoft.gctoolkit.event.generational.GenerationalGCPauseEvent;
import com.microsoft.gctoolkit.io.SingleGCLogFile;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GCToolKit 3.0.4: parse with its vertx pipeline and aggregate heap occupancy after each pause (what its
 * own {@code HeapOccupancyAfterCollectionSummary} sample does).
 */
public final class GcToolKitRun {
    private GcToolKitRun() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long start = System.nanoTime();
        GCToolKit toolKit = new GCToolKit();
        HeapAfterPause aggregation = new HeapAfterPause();
        toolKit.loadAggregation(aggregation);
        toolKit.analyze(new SingleGCLogFile(file));
        long nanos = System.nanoTime() - start;
        new RunResult("gctoolkit-3.0.4", file, aggregation.pauses.get(), nanos,
                "sumHeapAfterKB=" + aggregation.sumAfterKb.get()).print();
        // vertx leaves non-daemon threads behind
        System.exit(0);
    }

    /** Counts pauses and sums heap after them. */
    @Collates(HeapAfterPauseAggregator.class)
    public static final class HeapAfterPause extends Aggregation {
        final AtomicLong pauses = new AtomicLong();
        final AtomicLong sumAfterKb = new AtomicLong();

        void record(GCEvent event, long afterKb) {
            pauses.incrementAndGet();
            sumAfterKb.addAndGet(afterKb);
        }

        @Override
        public boolean hasWarning() {
            return false;
        }

        @Override
        public boolean isEmpty() {
            return pauses.get() == 0;
        }
    }

    /** Feeds G1 and generational pauses to {@link HeapAfterPause}. */
    @Aggregates({EventSource.G1GC, EventSource.GENERATIONAL})
    public static final class HeapAfterPauseAggregator extends Aggregator<HeapAfterPause> {
        public HeapAfterPauseAggregator(HeapAfterPause aggregation) {
            super(aggregation);
            register(G1GCPauseEvent.class, e -> aggregation().record(e,
                    e.getHeap() == null ? 0 : e.getHeap().getOccupancyAfterCollection()));
            register(GenerationalGCPauseEvent.class, e -> aggregation().record(e,
                    e.getHeap() == null ? 0 : e.getHeap().getOccupancyAfterCollection()));
        }
    }
}

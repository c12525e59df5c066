package io.leakhound.demo;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run of the demo service left behind.
 *
 * @param gcLog     the child's GC log ({@code -Xlog:gc*})
 * @param heapDumps the complete heap dumps, in the order they were taken; fewer than scheduled when the
 *                  service ran out of memory first or a dump failed
 */
public record DemoRecording(Path gcLog, List<Path> heapDumps) {
    public DemoRecording {
        heapDumps = List.copyOf(heapDumps);
    }
}

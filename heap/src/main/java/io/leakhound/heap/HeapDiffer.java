package io.leakhound.heap;

import io.leakhound.heap.graph.Progress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Compares two or more heap dumps of one process taken at different times and finds the holders that grew.
 * (Contract placeholder: the lead is implementing it.)
 */
public final class HeapDiffer {

    /**
     * Compares {@code dumps} in the order given (the first is "before").
     *
     * @throws IllegalArgumentException when fewer than two dumps are given
     * @throws io.leakhound.hprof.HprofFormatException when a dump is not a readable HPROF dump
     */
    public HeapDiff compare(List<Path> dumps, Path temporaryDirectory, Progress progress) throws IOException {
        throw new UnsupportedOperationException("being implemented");
    }
}

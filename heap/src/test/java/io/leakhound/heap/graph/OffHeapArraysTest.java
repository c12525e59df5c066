package io.leakhound.heap.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffHeapArraysTest {

    @TempDir
    Path dir;

    @Test
    void ints_fresh_zeroFilledAndWritable() throws IOException {
        try (OffHeapArrays arrays = OffHeapArrays.create(dir)) {
            IntArray a = arrays.ints(1000);
            assertThat(a.size()).isEqualTo(1000);
            assertThat(a.get(0)).isZero();
            assertThat(a.get(999)).isZero();
            a.set(7, -42);
            a.set(999, Integer.MAX_VALUE);
            assertThat(a.get(7)).isEqualTo(-42);
            assertThat(a.get(999)).isEqualTo(Integer.MAX_VALUE);
        }
    }

    @Test
    void ints_indexOutsideSize_throwsIndexOutOfBounds() throws IOException {
        try (OffHeapArrays arrays = OffHeapArrays.create(dir)) {
            IntArray a = arrays.ints(10);
            assertThatThrownBy(() -> a.get(10)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> a.set(-1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void files_afterMapping_deletedFromDirectory() throws IOException {
        try (OffHeapArrays arrays = OffHeapArrays.create(dir)) {
            arrays.ints(100).set(5, 5);
            arrays.longs(100).set(5, 5);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files).isEmpty();
            }
        }
    }

    @Test
    void grow_oneAtATime_keepsValuesAndZeroFillsNewOnes() throws IOException {
        try (OffHeapArrays arrays = OffHeapArrays.create(dir)) {
            LongArray a = arrays.longs(0);
            for (long i = 0; i < 100_000; i++) {
                a.grow(i + 1);
                assertThat(a.get(i)).isZero();
                a.set(i, i * 3);
            }
            for (long i = 0; i < 100_000; i++) {
                assertThat(a.get(i)).isEqualTo(i * 3);
            }
        }
    }

    @Test
    void ints_beyondOneChunk_indexesAcrossTheBoundary() throws IOException {
        // 2^27 + 2 ints span two chunks; the file is sparse so only the touched pages cost anything
        try (OffHeapArrays arrays = OffHeapArrays.create(dir)) {
            IntArray a = arrays.ints(IntArray.CHUNK + 2);
            a.set(IntArray.CHUNK - 1, 1);
            a.set(IntArray.CHUNK, 2);
            a.set(IntArray.CHUNK + 1, 3);
            assertThat(a.get(IntArray.CHUNK - 1)).isEqualTo(1);
            assertThat(a.get(IntArray.CHUNK)).isEqualTo(2);
            assertThat(a.get(IntArray.CHUNK + 1)).isEqualTo(3);
            assertThat(a.get(0)).isZero();
        }
    }

    @Test
    void grow_partialChunkIntoSecondChunk_keepsValues() throws IOException {
        try (OffHeapArrays arrays = OffHeapArrays.create(dir)) {
            LongArray a = arrays.longs(10);
            a.set(9, 99);
            a.grow(LongArray.CHUNK + 5);
            a.set(LongArray.CHUNK + 4, 7);
            assertThat(a.get(9)).isEqualTo(99);
            assertThat(a.get(LongArray.CHUNK - 1)).isZero();
            assertThat(a.get(LongArray.CHUNK + 4)).isEqualTo(7);
        }
    }

    @Test
    void close_thenAccess_throwsInsteadOfTouchingUnmappedMemory() throws IOException {
        IntArray a;
        try (OffHeapArrays arrays = OffHeapArrays.create(dir)) {
            a = arrays.ints(10);
            a.set(3, 3);
            assertThat(arrays.mappedBytes()).isEqualTo(40);
        }
        assertThat(a.size()).isZero();
        assertThatThrownBy(() -> a.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void fill_range_setsOnlyThatRange() throws IOException {
        try (OffHeapArrays arrays = OffHeapArrays.create(dir)) {
            IntArray a = arrays.ints(10);
            a.fill(2, 5, -1);
            assertThat(new int[] {a.get(1), a.get(2), a.get(4), a.get(5)}).containsExactly(0, -1, -1, 0);
        }
    }
}

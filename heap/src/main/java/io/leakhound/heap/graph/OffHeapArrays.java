package io.leakhound.heap.graph;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Allocates zero-filled {@link IntArray}s and {@link LongArray}s outside the Java heap, in memory-mapped
 * temporary files, and releases them all on {@link #close()}.
 *
 * <p>Why files and not {@code new int[]} or direct buffers: the index of a 4 GB dump holds hundreds of
 * millions of entries. On the Java heap that needs a heap comparable to the dump; in direct buffers it is
 * anonymous memory (RssAnon) just the same. Pages of a mapped file are page cache: the kernel writes them
 * back to disk and evicts them under memory pressure instead of running out of memory, so the analysis
 * needs disk space, not RAM, proportional to the dump.
 *
 * <p>Each file is deleted right after it is mapped (the mapping keeps the data alive), so a crashed
 * analysis leaves nothing behind in {@code directory}. Files are created sparse: an array costs disk and
 * page cache only for the pages actually written. Arrays are split into chunks of 512 MiB, so one array
 * can exceed the 2 GiB limit of a single {@link java.nio.ByteBuffer}.
 *
 * <p>Cost: one mapping (and one transient file) per 512 MiB chunk; no Java heap beyond a few objects per
 * array. If the disk fills up while pages are being written, the JVM reports it as an
 * {@link InternalError} from the faulting access (a limitation of mapped files in Java).
 *
 * <p>Allocation is thread-safe; the arrays themselves are not synchronised (concurrent writers must use
 * disjoint indexes). Using an array after it, or this allocator, is closed throws
 * {@link IndexOutOfBoundsException} (its size becomes 0), never touches unmapped memory. Allocating on an
 * interrupted thread throws {@link CancellationException} (file channels refuse to work then), in line
 * with the cancel signal of the graph algorithms.
 */
public final class OffHeapArrays implements Closeable {

    private final Path directory;
    private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private long mappedBytes;
    private boolean closed;

    private OffHeapArrays(Path directory) {
        this.directory = directory;
    }

    /**
     * An allocator whose backing files go to {@code directory}, created if missing. Choose a disk-backed
     * directory: on tmpfs the pages would be shared memory, which is RAM again.
     */
    public static OffHeapArrays create(Path directory) throws IOException {
        Files.createDirectories(Objects.requireNonNull(directory, "directory"));
        return new OffHeapArrays(directory);
    }

    /** An allocator in {@code java.io.tmpdir}. */
    public static OffHeapArrays create() throws IOException {
        return create(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** A zero-filled array of {@code size} ints. */
    public IntArray ints(long size) {
        checkSize(size);
        IntArray array = new IntArray(this);
        register(array);
        array.grow(size);
        return array;
    }

    /** A zero-filled array of {@code size} longs. */
    public LongArray longs(long size) {
        checkSize(size);
        LongArray array = new LongArray(this);
        register(array);
        array.grow(size);
        return array;
    }

    /** Bytes currently mapped by the open arrays of this allocator (address space, not resident memory). */
    public synchronized long mappedBytes() {
        return mappedBytes;
    }

    /** Unmaps every array still open. Idempotent. */
    @Override
    public void close() {
        Object[] arrays;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            arrays = open.toArray();
        }
        for (Object array : arrays) {
            if (array instanceof IntArray ints) {
                ints.close();
            } else {
                ((LongArray) array).close();
            }
        }
    }

    private static void checkSize(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("array size must not be negative: " + size);
        }
    }

    private synchronized void register(Object array) {
        if (closed) {
            throw new IllegalStateException("OffHeapArrays in " + directory + " is closed");
        }
        open.add(array);
    }

    synchronized void unregister(Object array) {
        open.remove(array);
    }

    /** Maps a new zero-filled region of {@code bytes} bytes (at most {@link Integer#MAX_VALUE}). */
    MappedByteBuffer map(long bytes) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("OffHeapArrays in " + directory + " is closed");
            }
        }
        Path file = null;
        try {
            file = Files.createTempFile(directory, "leakhound-", ".array");
            MappedByteBuffer buffer;
            // mapping past the end extends the file with ftruncate, which leaves it sparse (zero pages)
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
            }
            synchronized (this) {
                mappedBytes += bytes;
            }
            return buffer;
        } catch (ClosedByInterruptException e) {
            // file channels give up when the thread is interrupted: that is our cancel signal, not an I/O error
            Thread.interrupted();
            throw new CancellationException("allocation cancelled (thread interrupted)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map " + bytes + " bytes in " + directory, e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // the mapping works without the name; a leftover file is the only harm
                }
            }
        }
    }

    /** Releases a mapping now rather than when the garbage collector finds the buffer unreachable. */
    void unmap(MappedByteBuffer buffer) {
        synchronized (this) {
            mappedBytes -= buffer.capacity();
        }
        Unmapper.unmap(buffer);
    }

    /**
     * Java 17 has no public unmap; {@code sun.misc.Unsafe.invokeCleaner} (module jdk.unsupported, open to
     * all) does it. Looked up reflectively so the build stays free of internal-API warnings; without it,
     * mappings are released by the garbage collector.
     */
    private static final class Unmapper {
        private static final MethodHandle INVOKE_CLEANER = lookup();

        private static MethodHandle lookup() {
            try {
                Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
                Field field = unsafeClass.getDeclaredField("theUnsafe");
                field.setAccessible(true);
                Object unsafe = field.get(null);
                return MethodHandles.lookup()
                        .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                        .bindTo(unsafe);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        static void unmap(MappedByteBuffer buffer) {
            if (INVOKE_CLEANER == null) {
                return;
            }
            try {
                INVOKE_CLEANER.invokeExact((ByteBuffer) buffer);
            } catch (Throwable e) {
                // not unmapped now; the garbage collector will do it
            }
        }
    }
}

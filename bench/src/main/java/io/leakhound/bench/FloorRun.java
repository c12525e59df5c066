package io.leakhound.bench;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The floor under any heap dump analyser: what merely reading the file costs. Two modes:
 * <ul>
 *   <li>{@code read}: read the file sequentially through one 8 MiB direct buffer and touch every byte
 *   (an xor over its longs, so the JIT cannot drop the read);</li>
 *   <li>{@code records}: walk the HPROF structure by its lengths, top-level records and every heap dump
 *   sub-record (class dumps by their field lists), decoding nothing else; counts objects.</li>
 * </ul>
 * Cost: one buffer; no object per record.
 */
public final class FloorRun {
    private static final int BUFFER = 8 << 20;

    private FloorRun() {
    }

    public static void main(String[] args) throws IOException {
        String mode = args[0];
        Path file = Path.of(args[1]);
        long start = System.nanoTime();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            String detail;
            long events;
            if (mode.equals("read")) {
                long xor = 0;
                long bytes = 0;
                ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
                while (channel.read(buffer.clear()) > 0) {
                    buffer.flip();
                    bytes += buffer.remaining();
                    while (buffer.remaining() >= 8) {
                        xor ^= buffer.getLong();
                    }
                    while (buffer.hasRemaining()) {
                        xor ^= buffer.get();
                    }
                }
                events = bytes;
                detail = "bytes=" + bytes + " xor=" + Long.toHexString(xor);
            } else if (mode.equals("records")) {
                Walk walk = new Walk(channel);
                walk.run();
                events = walk.objects;
                detail = "objects=" + walk.objects + " classes=" + walk.classes + " gcRoots=" + walk.roots
                        + " records=" + walk.records;
            } else {
                throw new IllegalArgumentException("mode: read or records, not " + mode);
            }
            new RunResult("floor-" + mode, file, events, System.nanoTime() - start, detail).print();
        }
    }

    /** A forward-only cursor over the file with one direct buffer; skips past the buffer move the channel. */
    private static final class Walk {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        private int idSize;
        /** File offset just past the bytes read into the buffer: tracked here, as asking the channel is a system call. */
        private long readTo;
        long objects;
        long classes;
        long roots;
        long records;

        Walk(FileChannel channel) {
            this.channel = channel;
            buffer.limit(0);
        }

        private boolean fill(int needed) throws IOException {
            if (buffer.remaining() >= needed) {
                return true;
            }
            buffer.compact();
            while (buffer.position() < needed) {
                int read = channel.read(buffer);
                if (read < 0) {
                    buffer.flip();
                    return buffer.remaining() >= needed;
                }
                readTo += read;
            }
            buffer.flip();
            return true;
        }

        private void need(int n) throws IOException {
            if (!fill(n)) {
                throw new EOFException("file ends inside a record at " + offset());
            }
        }

        private int u1() throws IOException {
            need(1);
            return buffer.get() & 0xFF;
        }

        private int u2() throws IOException {
            need(2);
            return buffer.getShort() & 0xFFFF;
        }

        private long u4() throws IOException {
            need(4);
            return buffer.getInt() & 0xFFFFFFFFL;
        }

        private void skip(long n) throws IOException {
            if (n <= buffer.remaining()) {
                buffer.position(buffer.position() + (int) n);
            } else {
                long beyond = n - buffer.remaining();
                buffer.position(buffer.limit());
                readTo += beyond;
                channel.position(readTo);
            }
        }

        private long offset() {
            return readTo - buffer.remaining();
        }

        private int typeSize(int tag) {
            return switch (tag) {
                case 2 -> idSize;
                case 4, 8 -> 1;
                case 5, 9 -> 2;
                case 6, 10 -> 4;
                case 7, 11 -> 8;
                default -> throw new IllegalStateException("basic type tag " + tag);
            };
        }

        void run() throws IOException {
            while (u1() != 0) {
                // the format name, up to its NUL
            }
            idSize = (int) u4();
            skip(8);
            while (fill(1)) {
                int tag = u1();
                skip(4);
                long length = u4();
                records++;
                if (tag == 0x0C || tag == 0x1C) {
                    walkHeap(length);
                } else {
                    skip(length);
                }
            }
        }

        private void walkHeap(long length) throws IOException {
            long end = offset() + length;
            while (offset() < end) {
                int tag = u1();
                switch (tag) {
                    case 0xFF, 0x05, 0x07 -> { skip(idSize); roots++; }
                    case 0x01 -> { skip(2L * idSize); roots++; }
                    case 0x02, 0x03, 0x08 -> { skip(idSize + 8L); roots++; }
                    case 0x04, 0x06 -> { skip(idSize + 4L); roots++; }
                    case 0x20 -> classDump();
                    case 0x21 -> {
                        skip(idSize + 4L + idSize);
                        skip(u4());
                        objects++;
                    }
                    case 0x22 -> {
                        skip(idSize + 4L);
                        long n = u4();
                        skip(idSize + n * idSize);
                        objects++;
                    }
                    case 0x23 -> {
                        skip(idSize + 4L);
                        long n = u4();
                        skip(n * typeSize(u1()));
                        objects++;
                    }
                    default -> throw new IllegalStateException("heap dump sub-record tag 0x" + Integer.toHexString(tag));
                }
            }
        }

        private void classDump() throws IOException {
            skip(idSize + 4L + 6L * idSize + 4);
            int constants = u2();
            for (int i = 0; i < constants; i++) {
                skip(2);
                skip(typeSize(u1()));
            }
            int statics = u2();
            for (int i = 0; i < statics; i++) {
                skip(idSize);
                skip(typeSize(u1()));
            }
            int fields = u2();
            skip(fields * (idSize + 1L));
            classes++;
        }
    }
}

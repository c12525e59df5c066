package io.leakhound.live;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM the tests record: keeps a growing list of 1 KB arrays and a few direct buffers, so that the
 * recording has allocation samples, old objects and direct-buffer statistics. Prints "ready" once it can be
 * attached to, and exits by itself after a minute so that a failed test leaves no process behind.
 */
public final class AllocatingMain {

    static final List<Object> KEPT = new ArrayList<>();

    private AllocatingMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        KEPT.add(ByteBuffer.allocateDirect(64 * 1024));
        System.out.println("ready");
        System.out.flush();
        long end = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100; i++) {
                KEPT.add(new byte[1024]);
            }
            if (KEPT.size() > 20_000) {
                KEPT.subList(1, 10_000).clear();
            }
            Thread.sleep(10);
        }
    }
}

package io.leakhound.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM that {@link RecordCommandTest} records: allocates a little, says "ready" once it can be attached
 * to, and ends by itself after a minute so that a failed test leaves no process behind.
 */
public final class IdleJvm {

    private IdleJvm() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<int[]> kept = new ArrayList<>();
        System.out.println("ready");
        System.out.flush();
        long end = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < end) {
            kept.add(new int[256]);
            if (kept.size() > 10_000) {
                kept.clear();
            }
            Thread.sleep(1);
        }
    }
}

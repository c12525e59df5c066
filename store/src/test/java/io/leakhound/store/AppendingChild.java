package io.leakhound.store;

import io.leakhound.series.history.Target;
import io.leakhound.series.Unit;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A watcher stand-in for {@link KillDurabilityTest}: appends one sample every 20 ms to the store named by its
 * argument and prints each sample's time once the append returned, until it is killed.
 */
public final class AppendingChild {

    private AppendingChild() {
    }

    public static void main(String[] args) throws Exception {
        try (WatchStore store = WatchStore.open(Path.of(args[0]))) {
            long id = store.target(Target.PROCESS, ProcessHandle.current().pid(), Instant.parse(args[1]), "child", -1)
                    .id();
            System.out.println("target " + id);
            System.out.flush();
            for (long i = 0; ; i++) {
                Instant at = Instant.now();
                store.append(id, List.of(), List.of(new Sample("rss", Unit.BYTES, at, i, -1)));
                System.out.println(at);
                System.out.flush();
                Thread.sleep(20);
            }
        }
    }
}

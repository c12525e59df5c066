package io.leakhound.cli;

import io.leakhound.store.WatchStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --db FILE}, the watch store, shared by {@code watch}, {@code annotate} and {@code report}. */
final class DbOption {

    @Option(names = "--db", paramLabel = "FILE",
            description = "The watch store (an SQLite file; default ~/.leakhound/watch.db).")
    Path db;

    /** The chosen file, or {@link WatchStore#defaultFile()}. */
    Path file() {
        return db != null ? db : WatchStore.defaultFile();
    }
}

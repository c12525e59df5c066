package io.leakhound.store;

import java.io.IOException;
import java.nio.file.Path;

/** The store file cannot be opened, read or written: the message names the file and what is wrong. */
public final class StoreException extends IOException {

    private final Path file;

    public StoreException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}

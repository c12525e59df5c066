package io.leakhound.store;

import io.leakhound.series.Unit;
import java.time.Instant;
import java.util.Objects;

/**
 * One reading of a sampled resource of a watched process: loaded classes, live threads, direct buffers, the
 * resident set... (the heap comes as GC events instead, which say what each collection cleaned).
 *
 * @param resource the resource as findings name it: {@code classes}, {@code threads}, {@code direct}, {@code rss}
 * @param unit     bytes or a count
 * @param at       when it was read
 * @param value    the reading, never negative
 * @param limit    the resource's maximum (a container limit, the direct memory limit), or -1 when unknown
 */
public record Sample(String resource, Unit unit, Instant at, long value, long limit) {

    public Sample {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(at, "at");
        if (value < 0) {
            throw new IllegalArgumentException("negative " + resource + " reading: " + value);
        }
    }
}

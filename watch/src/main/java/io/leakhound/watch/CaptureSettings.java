package io.leakhound.watch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a watch captures heap dumps automatically ({@link HeapCapture}).
 *
 * @param dir        where the dumps and the diff report go; the TARGET writes the dumps there, so it is made
 *                   absolute here
 * @param every      at most one capture per this period per target, failed and refused ones included
 * @param keepDumps  whether the dumps stay on disk after the diff (they are deleted otherwise)
 * @param growth     how much the live heap must grow after the baseline dump before the second one, as a
 *                   fraction of it (0.10: by 10 %)
 * @param diskFactor a dump is refused unless the free disk of {@code dir} is at least this many times the heap in
 *                   use (a dump of live objects is smaller than the heap in use; the margin covers the second dump
 *                   and the diff's index)
 */
public record CaptureSettings(Path dir, Duration every, boolean keepDumps, double growth, double diskFactor) {

    public static final Duration DEFAULT_EVERY = Duration.ofMinutes(30);
    public static final double DEFAULT_GROWTH = 0.10;
    public static final double DEFAULT_DISK_FACTOR = 1.2;

    public CaptureSettings {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(every, "every");
        dir = dir.toAbsolutePath().normalize();
        if (every.isNegative()) {
            throw new IllegalArgumentException("the capture period must not be negative, got " + every);
        }
        if (!(growth > 0 && growth <= 10)) {
            throw new IllegalArgumentException("the growth before the second dump must be a fraction in (0, 10], got "
                    + growth);
        }
        if (!(diskFactor >= 0 && Double.isFinite(diskFactor))) {
            throw new IllegalArgumentException("the free-disk factor must be a finite number >= 0, got " + diskFactor);
        }
    }

    /** The defaults of {@code leakhound watch}: one capture per 30 min, dumps deleted, 10 % growth, 1.2 x disk. */
    public static CaptureSettings defaults(Path dir) {
        return new CaptureSettings(dir, DEFAULT_EVERY, false, DEFAULT_GROWTH, DEFAULT_DISK_FACTOR);
    }
}

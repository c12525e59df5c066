package io.leakhound.series.verdict;

import io.leakhound.series.Unit;
import java.util.Arrays;
import java.util.Objects;

/**
 * The usage of one resource over time, as the verdict engine reads it: parallel primitive arrays of
 * time (milliseconds since the start of the process or recording), usage, and each point's quality.
 * Usage is in the series' {@link Unit}: bytes (the default) or a count (classes, threads); the
 * {@code Bytes} in the accessor names is kept for the callers that only know bytes. Immutable once built.
 */
public final class UsageSeries {

    private final String resource;
    private final long limitBytes;
    private final Unit unit;
    private final long[] millis;
    private final long[] usedBytes;
    private final PointQuality[] quality;

    private UsageSeries(String resource, long limitBytes, Unit unit, long[] millis, long[] usedBytes,
                        PointQuality[] quality) {
        this.resource = resource;
        this.limitBytes = limitBytes;
        this.unit = unit;
        this.millis = millis;
        this.usedBytes = usedBytes;
        this.quality = quality;
    }

    public static Builder builder(String resource) {
        return new Builder(resource);
    }

    /** The resource's name as findings report it: {@code heap}, {@code metaspace}, {@code rss}... */
    public String resource() {
        return resource;
    }

    /** The maximum the resource may reach (max heap, a container limit), in the series' unit, or -1 when unknown. */
    public long limitBytes() {
        return limitBytes;
    }

    /** What the usage counts: bytes or things. */
    public Unit unit() {
        return unit;
    }

    public int size() {
        return millis.length;
    }

    public long millis(int i) {
        return millis[i];
    }

    public long usedBytes(int i) {
        return usedBytes[i];
    }

    public PointQuality quality(int i) {
        return quality[i];
    }

    /** The points as new arrays (for callers that compute over all of them). */
    public long[] millisArray() {
        return millis.clone();
    }

    public long[] usedBytesArray() {
        return usedBytes.clone();
    }

    /** Builds a series; points must be added in time order. */
    public static final class Builder {
        private final String resource;
        private long limitBytes = -1;
        private Unit unit = Unit.BYTES;
        private long[] millis = new long[64];
        private long[] used = new long[64];
        private PointQuality[] quality = new PointQuality[64];
        private int size;

        private Builder(String resource) {
            this.resource = Objects.requireNonNull(resource, "resource");
        }

        public Builder limitBytes(long limitBytes) {
            this.limitBytes = limitBytes;
            return this;
        }

        /** What the usage counts; {@link Unit#BYTES} unless set. */
        public Builder unit(Unit unit) {
            this.unit = Objects.requireNonNull(unit, "unit");
            return this;
        }

        public Builder add(long timeMillis, long usedBytes, PointQuality pointQuality) {
            if (size > 0 && timeMillis < millis[size - 1]) {
                throw new IllegalArgumentException(
                        "points out of time order: " + timeMillis + " ms after " + millis[size - 1] + " ms");
            }
            if (usedBytes < 0) {
                throw new IllegalArgumentException("negative usage: " + usedBytes);
            }
            if (size == millis.length) {
                millis = Arrays.copyOf(millis, size * 2);
                used = Arrays.copyOf(used, size * 2);
                quality = Arrays.copyOf(quality, size * 2);
            }
            millis[size] = timeMillis;
            used[size] = usedBytes;
            quality[size] = Objects.requireNonNull(pointQuality, "pointQuality");
            size++;
            return this;
        }

        public int size() {
            return size;
        }

        public UsageSeries build() {
            return new UsageSeries(resource, limitBytes, unit,
                    Arrays.copyOf(millis, size), Arrays.copyOf(used, size), Arrays.copyOf(quality, size));
        }
    }
}

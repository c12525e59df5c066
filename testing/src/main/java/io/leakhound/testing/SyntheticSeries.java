package io.leakhound.testing;

import java.util.Random;

/**
 * A plain usage series (RSS-like samples with no GC information) as the CSV text leakhound reads:
 * {@code timestamp_ms,used_bytes[,limit_bytes]}. Each sample is the live set plus non-negative noise
 * (memory not yet given back is never less than what is live). Deterministic for a seed. JDK only.
 */
public final class SyntheticSeries {

    private final long[] millis;
    private final long[] bytes;
    private final long limitBytes;

    private SyntheticSeries(long[] millis, long[] bytes, long limitBytes) {
        this.millis = millis;
        this.bytes = bytes;
        this.limitBytes = limitBytes;
    }

    /**
     * @param live           the truth
     * @param seconds        length of the series
     * @param intervalMillis time between samples
     * @param noiseBytes     upper bound of the uniform noise added to each sample
     * @param limitBytes     the limit written in the third column, or -1 for none
     * @param seed           for the noise
     */
    public static SyntheticSeries sample(LiveSet live, double seconds, long intervalMillis, long noiseBytes,
                                         long limitBytes, long seed) {
        int n = (int) (seconds * 1000 / intervalMillis) + 1;
        long[] t = new long[n];
        long[] v = new long[n];
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            t[i] = i * intervalMillis;
            v[i] = Math.round(live.bytesAt(t[i] / 1000.0) + random.nextDouble() * noiseBytes);
        }
        return new SyntheticSeries(t, v, limitBytes);
    }

    public long[] millis() {
        return millis.clone();
    }

    public long[] bytes() {
        return bytes.clone();
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** The CSV text, with a header line naming the resource. */
    public String csv(String resource) {
        StringBuilder s = new StringBuilder("timestamp_ms,").append(resource)
                .append(limitBytes > 0 ? ",limit_bytes\n" : "\n");
        for (int i = 0; i < millis.length; i++) {
            s.append(millis[i]).append(',').append(bytes[i]);
            if (limitBytes > 0) {
                s.append(',').append(limitBytes);
            }
            s.append('\n');
        }
        return s.toString();
    }
}

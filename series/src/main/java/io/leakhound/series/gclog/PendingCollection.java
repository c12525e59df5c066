package io.leakhound.series.gclog;

import static io.leakhound.series.gclog.LineText.NONE;

/** What {@code -Xlog:gc*} printed so far for one GC id: the details folded into its event when it is emitted. */
final class PendingCollection {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    long id = -1;
    long sequence;
    long firstUptimeNanos = NONE;
    long firstWallMillis = NONE;
    long lastUptimeNanos = NONE;
    long lastWallMillis = NONE;
    long pauseNanos;
    long heapBefore = -1;
    long heapAfter = -1;
    long heapCapacity = -1;
    long oldBefore = -1;
    long oldAfter = -1;
    long oldCapacity = -1;
    long metaBefore = -1;
    long metaAfter = -1;
    long metaCapacity = -1;
    long liveWhole = -1;
    long liveOld = -1;

    void noteStart(long uptimeNanos, long wallMillis, long duration) {
        if (uptimeNanos != NONE) {
            long start = uptimeNanos - duration;
            if (firstUptimeNanos == NONE || start < firstUptimeNanos) {
                firstUptimeNanos = start;
            }
        }
        if (wallMillis != NONE) {
            long start = wallMillis - duration / NANOS_PER_MILLI;
            if (firstWallMillis == NONE || start < firstWallMillis) {
                firstWallMillis = start;
            }
        }
    }

    void clear() {
        id = -1;
        sequence = 0;
        firstUptimeNanos = NONE;
        firstWallMillis = NONE;
        lastUptimeNanos = NONE;
        lastWallMillis = NONE;
        pauseNanos = 0;
        heapBefore = -1;
        heapAfter = -1;
        heapCapacity = -1;
        oldBefore = -1;
        oldAfter = -1;
        oldCapacity = -1;
        metaBefore = -1;
        metaAfter = -1;
        metaCapacity = -1;
        liveWhole = -1;
        liveOld = -1;
    }
}

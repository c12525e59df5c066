package io.leakhound.series.verdict;

/**
 * Graduated alert from post-GC usage against the maximum: investigate from 70 %, escalate (plan a
 * restart) from 85 %, respond at once from 95 %.
 */
public enum AlertLevel {
    NONE(0.0),
    WARNING(0.70),
    ESCALATE(0.85),
    CRITICAL(0.95);

    private final double threshold;

    AlertLevel(double threshold) {
        this.threshold = threshold;
    }

    /** The fraction of the maximum from which this level applies. */
    public double threshold() {
        return threshold;
    }

    /** The level for post-GC usage as a fraction of the maximum (NaN, e.g. an unknown maximum, gives NONE). */
    public static AlertLevel forUsage(double fractionOfMax) {
        AlertLevel level = NONE;
        for (AlertLevel candidate : values()) {
            if (fractionOfMax >= candidate.threshold) {
                level = candidate;
            }
        }
        return level;
    }
}

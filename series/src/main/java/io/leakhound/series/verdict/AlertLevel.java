package io.leakhound.series.verdict;

/**
 * Graduated alert from post-GC usage against the maximum: investigate from 70 %, escalate (plan a
 * restart) from 85 %, respond at once from 95 %.
 */
public enum AlertLevel {
    NONE(0),
    WARNING(Percent.WARNING),
    ESCALATE(Percent.ESCALATE),
    CRITICAL(Percent.CRITICAL);

    /**
     * The thresholds as whole percentages, the one place they are written: compile-time constants so that
     * help texts (annotation values) can name them too.
     */
    public static final class Percent {
        public static final int WARNING = 70;
        public static final int ESCALATE = 85;
        public static final int CRITICAL = 95;

        private Percent() {
        }
    }

    private final double threshold;

    AlertLevel(int percent) {
        this.threshold = percent / 100.0;
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

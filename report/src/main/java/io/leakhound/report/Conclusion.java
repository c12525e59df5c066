package io.leakhound.report;

import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.series.verdict.Verdict;

/**
 * What an analysis concludes as a whole, the one decision behind the last line of the text report, the
 * banner of the HTML report and the exit code of {@code analyze}: a leak, no leak, or not enough data to
 * judge (every finding {@link Verdict#INCONCLUSIVE}, or none at all), which must never read as "no leak".
 */
public enum Conclusion {
    LEAK,
    NO_LEAK,
    NOT_ENOUGH_DATA;

    /** The conclusion of {@code analysis}. */
    public static Conclusion of(MemoryAnalysis analysis) {
        if (analysis.hasLeak()) {
            return LEAK;
        }
        boolean judged = analysis.findings().stream().anyMatch(f -> f.verdict() != Verdict.INCONCLUSIVE);
        return judged ? NO_LEAK : NOT_ENOUGH_DATA;
    }

    /** The last line of the text report. */
    String words(MemoryAnalysis analysis) {
        return switch (this) {
            case LEAK -> {
                StringBuilder s = new StringBuilder("=> leak found in ");
                String sep = "";
                for (Finding f : analysis.findings()) {
                    if (f.verdict() == Verdict.LEAK) {
                        s.append(sep).append(f.resource());
                        sep = ", ";
                    }
                }
                yield s.toString();
            }
            case NO_LEAK -> analysis.findings().stream().anyMatch(f -> f.verdict() == Verdict.INCONCLUSIVE)
                    ? "=> no leak found (some findings are inconclusive)" : "=> no leak found";
            case NOT_ENOUGH_DATA -> "=> not enough data to judge: record for longer (or with more collections)"
                    + " and analyse again";
        };
    }

    /** The CSS class of the HTML banner: red, green, or grey. */
    String cssClass() {
        return switch (this) {
            case LEAK -> "leak";
            case NO_LEAK -> "no-leak";
            case NOT_ENOUGH_DATA -> "inconclusive";
        };
    }
}

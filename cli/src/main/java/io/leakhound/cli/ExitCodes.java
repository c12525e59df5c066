package io.leakhound.cli;

/** leakhound's exit codes, one meaning each, so that scripts and CI can act on them. */
final class ExitCodes {

    /** No leak found, nothing grew materially, or a command other than {@code analyze} and {@code diff} succeeded. */
    static final int NO_LEAK = 0;
    /** At least one finding is a LEAK ({@code analyze}), or at least one holder grew ({@code diff}). */
    static final int LEAK = 1;
    /** Bad input (unreadable or unrecognised file) or bad usage (unknown option, missing argument). */
    static final int BAD_INPUT = 2;
    /** Not enough data to judge: every finding is INCONCLUSIVE ({@code analyze}, {@code report --db}). */
    static final int NOT_ENOUGH_DATA = 3;
    /** A bug in leakhound, not in the input: an exception no command expects (see {@link Failures}). */
    static final int INTERNAL_ERROR = 70;

    private ExitCodes() {
    }

    /** The exit code of an analysis' conclusion: 1 leak, 0 no leak, 3 not enough data to judge. */
    static int of(io.leakhound.report.Conclusion conclusion) {
        return switch (conclusion) {
            case LEAK -> LEAK;
            case NO_LEAK -> NO_LEAK;
            case NOT_ENOUGH_DATA -> NOT_ENOUGH_DATA;
        };
    }
}

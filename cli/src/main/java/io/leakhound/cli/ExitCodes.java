package io.leakhound.cli;

/** leakhound's exit codes, one meaning each, so that scripts and CI can act on them. */
final class ExitCodes {

    /** No leak found, nothing grew materially, or a command other than {@code analyze} and {@code diff} succeeded. */
    static final int NO_LEAK = 0;
    /** At least one finding is a LEAK ({@code analyze}), or at least one holder grew ({@code diff}). */
    static final int LEAK = 1;
    /** Bad input (unreadable or unrecognised file) or bad usage (unknown option, missing argument). */
    static final int BAD_INPUT = 2;

    private ExitCodes() {
    }
}

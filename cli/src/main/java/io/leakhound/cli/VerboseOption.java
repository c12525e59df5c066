package io.leakhound.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}, shared by every subcommand; {@link Failures} reads it from the parse result. */
final class VerboseOption {

    @Option(names = "--verbose", description = "On failure, print the stack trace too.")
    boolean verbose;
}

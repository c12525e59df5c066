package io.leakhound.cli;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one line on stderr and an exit code: usage errors (with a hint to {@code --help}) and
 * what the input caused (unreadable files, unrecognised logs: {@link java.io.IOException}s) exit 2; an
 * interrupt exits 130; anything else is a bug in leakhound, not the user's fault, and exits 70 with a line
 * asking for a report. A stack trace only with {@code --verbose}, because a person reading "gc.log:12: expected ..." needs the file
 * and line, not our call stack.
 */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("leakhound: " + ex.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    /** Exit code of an interrupted command, as a shell gives one stopped by SIGINT. */
    static final int INTERRUPTED = 130;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        Throwable cause = ex instanceof java.io.UncheckedIOException u ? u.getCause() : ex;
        PrintWriter err = cmd.getErr();
        int code;
        if (cause instanceof java.io.IOException) {
            err.println("leakhound: " + message(cause));
            code = ExitCodes.BAD_INPUT;
        } else if (cause instanceof InterruptedException) {
            err.println("leakhound: interrupted");
            code = INTERRUPTED;
        } else {
            String m = cause.getMessage();
            err.println("internal error in leakhound: " + cause.getClass().getName() + (m == null ? "" : ": " + m)
                    + " (please report; stack trace with --verbose)");
            code = ExitCodes.INTERNAL_ERROR;
        }
        if (parseResult.originalArgs().contains("--verbose")) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** What went wrong, in words, naming the file where there is one. */
    static String message(Throwable ex) {
        if (ex instanceof NoSuchFileException e) {
            return "no such file: " + e.getFile();
        }
        if (ex instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (ex instanceof FileSystemException e && e.getReason() != null) {
            return e.getFile() + ": " + e.getReason();
        }
        if (ex instanceof java.io.IOException && ex.getMessage() != null) {
            // our format exceptions already say "file:line: what was found, what was expected"
            return ex.getMessage();
        }
        if (ex instanceof InterruptedException) {
            return "interrupted";
        }
        String m = ex.getMessage();
        return "internal error: " + ex.getClass().getSimpleName() + (m == null ? "" : ": " + m)
                + " (run with --verbose for details)";
    }
}

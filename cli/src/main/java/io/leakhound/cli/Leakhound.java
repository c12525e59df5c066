package io.leakhound.cli;

import io.leakhound.report.Version;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code leakhound} command: finds memory leaks in JVM services. One subcommand per task, each its own
 * {@code Callable<Integer>}; this class only wires them together with the exit-code policy (see
 * {@link ExitCodes}). The only module that prints.
 */
@Command(
        name = "leakhound",
        mixinStandardHelpOptions = true,
        versionProvider = Leakhound.VersionProvider.class,
        header = "Finds memory leaks in JVM services.",
        description =
            "leakhound reads what a JVM says about its memory and decides, with numbers, "
                + "whether memory leaks (analyze: GC logs; it follows the memory that survives garbage collection, not raw "
                + "usage), who holds it (heap: heap dumps; exact retained sizes and leak suspects) and what grows "
                + "(diff: heap dumps taken at different times; the holder that keeps growing) and where it is "
                + "allocated (alloc: JFR recordings; record: makes one from a running JVM).",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {AnalyzeCommand.class, HeapCommand.class, DiffCommand.class, AllocCommand.class, RecordCommand.class,
            WatchCommand.class, AnnotateCommand.class, FleetCommand.class, CanaryCommand.class, RulesCommand.class, ReportCommand.class, DemoCommand.class, AgentCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.NO_LEAK + ":no leak found (or the command succeeded)",
            ExitCodes.LEAK + ":at least one LEAK finding (analyze), leaking instance (fleet), growth suspect (diff) or growing class (alloc)",
            ExitCodes.BAD_INPUT + ":bad input or usage (a message on stderr says what)",
            ExitCodes.NOT_ENOUGH_DATA + ":not enough data to judge: every finding INCONCLUSIVE (analyze, report)",
            ExitCodes.INTERNAL_ERROR + ":internal error: a bug in leakhound (please report it)",
            "130:interrupted"})
public final class Leakhound implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with leakhound's exit-code policy and error handling, ready to {@code execute}. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Leakhound());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionExceptionHandler(new Failures());
        cmd.setParameterExceptionHandler(new Failures());
        return cmd;
    }

    /** {@code leakhound} alone: the usage on stderr, and exit code 2 (a command is required). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }

    /** The version from the build, for {@code --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"leakhound " + Version.get(), "Java " + System.getProperty("java.version")};
        }
    }
}

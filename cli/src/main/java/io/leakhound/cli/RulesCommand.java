package io.leakhound.cli;

import io.leakhound.fleet.AlertRules;
import io.leakhound.report.Version;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leakhound rules [--job REGEX] [--for DURATION]}: a Prometheus rule file that watches the fleet. */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        header = "Print a Prometheus rule file: leak, memory-pressure and restart-loop alerts for every instance.",
        description =
            "Prints YAML to load into your own Prometheus (rule_files:), so that the fleet is watched between runs "
                + "of `fleet`. Recording rules give every instance, in each naming convention `fleet` reads, "
                + "one heap baseline after GC, its limit and its restarts in the last hour; the alerts are "
                + "LeakhoundMemoryLeak (the baseline projected past its limit within 4 h, not slowing down), "
                + "LeakhoundMemoryPressure (label level: warning / escalate / critical at 70 / 85 / 95 %% of the "
                + "limit) and LeakhoundRestartLoop (3 restarts or more in an hour). `promtool check rules` "
                + "accepts the output; docs/fleet.md says how each rule was chosen and what it misses.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.NO_LEAK + ":the rules were printed",
            ExitCodes.BAD_INPUT + ":bad usage"})
final class RulesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--job", paramLabel = "REGEX",
            description = "Only jobs matching this PromQL regular expression, e.g. 'orders|billing'. Default: all.")
    String job;

    @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30m",
            description = "How long the leak condition must hold before LeakhoundMemoryLeak fires. "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration leakFor;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("# Prometheus rules from leakhound " + Version.get() + " (leakhound rules"
                + (job == null ? "" : " --job '" + job + "'") + " --for " + leakFor.toMinutes() + "m)");
        out.println("# Load with rule_files: in prometheus.yml; check with: promtool check rules FILE");
        out.print(AlertRules.render(new AlertRules.Settings(job, leakFor)));
        out.flush();
        return ExitCodes.NO_LEAK;
    }
}

package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every command's help as picocli renders it: no warning of a text it could not format. */
class HelpTextTest {

    @Test
    void everyCommandsHelp_printsNoPicocliWarning() {
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of());
        Leakhound.commandLine().getSubcommands().keySet().forEach(name -> commands.add(List.of(name)));
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            // picocli reports a description it cannot format (a lone %) on System.err, not on the command's err
            PrintStream realErr = System.err;
            ByteArrayOutputStream warnings = new ByteArrayOutputStream();
            Run run;
            try {
                System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
                run = Run.of(args.toArray(String[]::new));
            } finally {
                System.setErr(realErr);
            }
            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(warnings.toString(StandardCharsets.UTF_8)).as(String.join(" ", args) + " on System.err").isEmpty();
            assertThat(run.err()).as(String.join(" ", args)).isEmpty();
            assertThat(run.out()).as(String.join(" ", args)).doesNotContain("[picocli WARN]");
        }
    }

    @Test
    void watchHelp_namesTheAlertThresholdsOfTheEngine() {
        Run run = Run.of("watch", "--help");
        assertThat(run.out().replaceAll("\\s+", " ")).contains("70 % WARNING", "85 % ESCALATE", "95 % CRITICAL",
                "grown by 10 %");
    }

    @Test
    void demoDuration_tooShortForAVerdict_refusedWithTheMinimumAndWhy() {
        Run run = Run.of("demo", "--duration", "40s");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--duration 40 s is too short: at least 47 s", "45 s of samples");
    }
}

package io.leakhound.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.leakhound.live.JvmConnection;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code leakhound agent attach PID [--port N]} and {@code leakhound agent path}: the in-process agent
 * ({@code leakhound-agent.jar}, docs/agent.md) loaded into a running JVM through the Attach API, and where its jar
 * is, for {@code -javaagent:}.
 */
@Command(
        name = "agent",
        mixinStandardHelpOptions = true,
        header = "Load the in-process agent into a running JVM, or print where its jar is.",
        description =
            "The agent watches the JVM it runs in as `watch` would, serves Prometheus metrics on /metrics and a health"
                + " check on /health, and captures the holder of a heap leak. Start a JVM with it"
                + " (java -javaagent:$(leakhound agent path)=port=9464 ...) or load it into one that runs"
                + " (leakhound agent attach PID).",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {AgentCommand.Attach.class, AgentCommand.PathOf.class})
final class AgentCommand implements Callable<Integer> {

    /** Where a distribution or a build of this repository keeps the agent's jar, relative to the CLI's own. */
    static final String JAR_NAME = "leakhound-agent.jar";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }

    @Command(
            name = "attach",
            mixinStandardHelpOptions = true,
            header = "Load the agent into the running JVM PID.",
            description =
                "Loads leakhound-agent.jar into the JVM through the Attach API (VirtualMachine.loadAgent), with"
                    + " --port and --options as its options. The process must be proven a JVM first (the same"
                    + " check as watch: its attach socket, hsperfdata file, java executable or libjvm), as the"
                    + " Attach API's signal would end any other process. The agent's own log goes to the JVM's"
                    + " standard error.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                ExitCodes.NO_LEAK + ":the agent was loaded",
                ExitCodes.BAD_INPUT + ":no such process, not a JVM, attach refused, or no agent jar"})
    static final class Attach implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        VerboseOption verbose;

        @Parameters(index = "0", paramLabel = "PID", description = "The pid of the JVM (see jps).")
        long pid;

        @Option(names = "--port", paramLabel = "N",
                description = "The port of /metrics and /health in the JVM (default 9464; 0: no HTTP server).")
        Integer port;

        @Option(names = "--options", paramLabel = "OPTIONS",
                description = "Further agent options, as after -javaagent:...=, e.g. 'bind=0.0.0.0;capture=off'.")
        String options;

        @Override
        public Integer call() throws IOException {
            if (pid <= 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "PID must be a positive number, got "
                        + pid);
            }
            if (pid == ProcessHandle.current().pid()) {
                throw new IOException("pid " + pid + " is leakhound itself; give the pid of a JVM (see jps)");
            }
            if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
                throw new IOException("pid " + pid + ": no such process (see jps for the running JVMs)");
            }
            if (!JvmConnection.looksLikeJvm(pid)) {
                throw new IOException("pid " + pid + " is not a Java virtual machine, or cannot be proven to be one;"
                        + " leakhound does not signal a process it cannot prove to be a JVM: give the pid of a JVM"
                        + " (see jps), run as its user, or inside its container");
            }
            Path jar = locate();
            String agentOptions = agentOptions(port, options);
            VirtualMachine vm;
            try {
                vm = VirtualMachine.attach(Long.toString(pid));
            } catch (AttachNotSupportedException | IOException e) {
                throw new IOException("pid " + pid + " refused attach (" + e.getMessage() + "); check that it was not"
                        + " started with -XX:+DisableAttachMechanism and that it runs as this user", e);
            }
            try {
                vm.loadAgent(jar.toString(), agentOptions);
            } catch (AgentLoadException | AgentInitializationException e) {
                throw new IOException("pid " + pid + " could not load " + jar + ": " + e.getMessage(), e);
            } finally {
                try {
                    vm.detach();
                } catch (IOException e) {
                    // loaded or not, a failed detach leaves nothing behind in the target
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            int p = port != null ? port : 9464;
            out.println("loaded " + jar + " into pid " + pid + (agentOptions.isEmpty() ? "" : " with " + agentOptions)
                    + (p > 0 ? "; metrics at http://127.0.0.1:" + p + "/metrics (its log is on the JVM's stderr)"
                            : ""));
            out.flush();
            return ExitCodes.NO_LEAK;
        }
    }

    /** The agent's option string of {@code --port} and {@code --options}, separated by ';'. */
    static String agentOptions(Integer port, String options) {
        List<String> parts = new ArrayList<>();
        if (port != null) {
            parts.add("port=" + port);
        }
        if (options != null && !options.isBlank()) {
            parts.add(options.strip());
        }
        return String.join(";", parts);
    }

    @Command(
            name = "path",
            mixinStandardHelpOptions = true,
            header = "Print the absolute path of leakhound-agent.jar.",
            description =
                "For -javaagent: java -javaagent:$(leakhound agent path)=port=9464 -jar app.jar. The jar is looked for"
                    + " in -Dleakhound.agent.jar or $LEAKHOUND_AGENT_JAR, beside leakhound's own jar, and in the"
                    + " agent/target folder of the build it belongs to.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                ExitCodes.NO_LEAK + ":the path was printed",
                ExitCodes.BAD_INPUT + ":no agent jar was found (build it: mvn -pl agent -am package)"})
    static final class PathOf implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        VerboseOption verbose;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            out.println(locate());
            out.flush();
            return ExitCodes.NO_LEAK;
        }
    }

    /**
     * The agent's jar: the system property {@code leakhound.agent.jar}, the environment variable
     * {@code LEAKHOUND_AGENT_JAR}, then {@code leakhound-agent.jar} beside the CLI's code or in the
     * {@code agent/target} folder of one of its ancestors (the build of this repository).
     *
     * @throws IOException naming every place looked at, when none has it
     */
    static Path locate() throws IOException {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty("leakhound.agent.jar");
        String env = System.getenv("LEAKHOUND_AGENT_JAR");
        if (property != null && !property.isBlank()) {
            candidates.add(Path.of(property));
        } else if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        } else {
            Path code = codeLocation();
            if (code != null) {
                Path dir = Files.isDirectory(code) ? code : code.getParent();
                candidates.add(dir.resolve(JAR_NAME));
                for (Path up = dir; up != null; up = up.getParent()) {
                    candidates.add(up.resolve("agent").resolve("target").resolve(JAR_NAME));
                }
            }
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                return c.toAbsolutePath().normalize();
            }
        }
        throw new IOException("no " + JAR_NAME + " found (looked at " + (candidates.isEmpty() ? "nothing"
                : candidates.get(0) + (candidates.size() > 1 ? " and " + (candidates.size() - 1) + " more" : ""))
                + "); build it with `mvn -pl agent -am package`, or give its place with -Dleakhound.agent.jar");
    }

    private static Path codeLocation() {
        try {
            var source = AgentCommand.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}

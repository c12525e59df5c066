package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.demo.DemoService;
import io.leakhound.testing.ChildJvm;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code leakhound agent attach PID} into a running JVM (the demo service, class path the demo's classes alone, so
 * that the agent's classes come from the built jar), and its refusal of a process that is not a JVM.
 */
class AgentCommandIT {

    @Test
    void path_printsTheBuiltJar() {
        Run run = Run.of("agent", "path");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Path jar = Path.of(run.out().strip());
        assertThat(jar).isAbsolute().hasFileName("leakhound-agent.jar").isRegularFile();
        assertThat(jar.getParent().getParent().getFileName().toString()).isEqualTo("agent");
    }

    @Test
    void attach_runningJvm_servesMetrics() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String demo = Path.of(DemoService.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", demo, DemoService.class.getName(), "--mode", "STEADY_CHURN", "--duration", "60s")
                .redirectErrorStream(true).start();
        try (ChildJvm jvm = ChildJvm.of(p)) {
            jvm.awaitLine("STARTED", Duration.ofSeconds(20));

            Run run = Run.of("agent", "attach", Long.toString(jvm.pid()), "--port", Integer.toString(port),
                    "--options", "capture=off");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("into pid " + jvm.pid() + " with port=" + port + ";capture=off");
            jvm.awaitLine("serving http://127.0.0.1:" + port + "/metrics", Duration.ofSeconds(20));
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes{", "leakhound_memory_pressure_level 0.0");

            Run again = Run.of("agent", "attach", Long.toString(jvm.pid()), "--port", Integer.toString(port));
            assertThat(again.exitCode()).isZero();
            jvm.awaitLine("not started again: leakhound-agent already runs in this JVM", Duration.ofSeconds(10));
        }
    }

    @Test
    void attach_notAJvm_refusedAndLeftAlone() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            Run run = Run.of("agent", "attach", Long.toString(sleep.pid()));

            assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(run.err()).contains("is not a Java virtual machine, or cannot be proven to be one");
            Thread.sleep(500);
            assertThat(sleep.isAlive()).as("the process was not signalled").isTrue();
        } finally {
            sleep.destroy();
        }
    }

    @Test
    void attach_noSuchProcess() {
        Run run = Run.of("agent", "attach", "999999999");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("no such process");
        assertThat(Files.exists(Path.of("/proc/999999999"))).isFalse();
    }

}

package io.leakhound.agent;

import io.leakhound.demo.DemoService;
import io.leakhound.testing.ChildJvm;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM of the demo service started with the BUILT agent jar ({@code target/leakhound-agent.jar}, made in
 * {@code package}, before Failsafe's {@code integration-test}): its class path is the demo's classes alone, so
 * the agent's classes and its shaded Prometheus client come from the jar, as in production. Standard error (the
 * agent's log) is merged into the collected lines.
 */
final class AgentChild {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AgentChild() {
    }

    static Path agentJar() {
        Path jar = Path.of("target", "leakhound-agent.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is not built: run the slow tier with mvn verify (package builds it)");
        }
        return jar;
    }

    static String demoClassPath() {
        try {
            return Path.of(DemoService.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code java <jvmOptions> -javaagent:jar=agentOptions -cp demo DemoService serviceArgs}. */
    static ChildJvm start(String agentOptions, List<String> jvmOptions, String... serviceArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-javaagent:" + agentJar() + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
        command.add("-cp");
        command.add(demoClassPath());
        command.add(DemoService.class.getName());
        command.addAll(List.of(serviceArgs));
        return ChildJvm.of(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static HttpResponse<String> get(int port, String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package io.leakhound.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.testing.ChildJvm;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The host comes first: with a port already taken, a bad option or an unwritable dump folder, the agent logs what
 * is wrong and the application runs to its end and exits by itself (every agent thread is a daemon).
 */
class AgentHostSafetyIT {

    private static final Duration HOST_RUNS = Duration.ofSeconds(30);

    private static void runsToItsEnd(ChildJvm host) throws Exception {
        assertThat(host.process().waitFor(HOST_RUNS.toSeconds(), TimeUnit.SECONDS))
                .as("the host exits by itself; it said " + host.lines()).isTrue();
        assertThat(host.process().exitValue()).isZero();
        assertThat(host.lines()).anyMatch(l -> l.startsWith("DONE requests="));
    }

    @Test
    void portTaken_loggedAndTheWatchGoesOn_hostRunsToItsEnd() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ChildJvm host = AgentChild.start("port=" + taken.getLocalPort() + ",interval=1s", List.of("-Xmx64m"),
                    "--mode", "STEADY_CHURN", "--duration", "8s");
            try {
                host.awaitLine("no HTTP endpoint: cannot listen on 127.0.0.1:" + taken.getLocalPort(),
                        Duration.ofSeconds(20));
                host.awaitLine("watching this JVM", Duration.ofSeconds(20));
                runsToItsEnd(host);
            } finally {
                host.close();
            }
        }
    }

    @Test
    void unknownOption_agentDoesNotStart_hostRunsToItsEnd() throws Exception {
        ChildJvm host = AgentChild.start("port=0;thresholds=0.7,0.85,0.95", List.of("-Xmx64m"),
                "--mode", "STEADY_CHURN", "--duration", "3s");
        try {
            runsToItsEnd(host);
            assertThat(host.lines()).anyMatch(l -> l.contains("WARNING not started: '0.85' is not key=value"));
            assertThat(host.lines()).noneMatch(l -> l.contains("watching this JVM"));
        } finally {
            host.close();
        }
    }

    @Test
    void unwritableDumpDir_captureOff_metricsStillServed() throws Exception {
        int port = AgentChild.freePort();
        ChildJvm host = AgentChild.start("port=" + port + ";dumpDir=/proc/leakhound-cannot", List.of("-Xmx64m"),
                "--mode", "STEADY_CHURN", "--duration", "8s");
        try {
            host.awaitLine("automatic capture off: the dump folder /proc/leakhound-cannot", Duration.ofSeconds(20));
            assertThat(AgentChild.get(port, "/metrics", null).body()).contains("jvm_memory_used_bytes{");
            runsToItsEnd(host);
        } finally {
            host.close();
        }
    }
}

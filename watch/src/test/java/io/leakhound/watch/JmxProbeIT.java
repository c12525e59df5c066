package io.leakhound.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.demo.DemoService;
import io.leakhound.live.JvmConnection;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.Verdict;
import io.leakhound.testing.ChildJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The watch over JMX alone ({@code watch --source jmx}) on child JVMs of the demo, a listener leak and a steady
 * service under G1 and under Parallel, the four side by side for 70 s: the same engine must call the leak and only
 * the leak. (A first version that listened to the collectors' notifications made the steady service's heap grow
 * under Parallel and read LEAK: the JMX server buffered the notifications for it.)
 */
class JmxProbeIT {

    private static final Duration WATCH = Duration.ofSeconds(70);

    @Test
    void watchOverJmx_callsTheListenerLeakAndNotTheSteadyService_underG1AndParallel() throws Exception {
        List<ChildJvm> children = new ArrayList<>();
        // one thread per watch: the common pool has a single thread on two cores
        ExecutorService watches = Executors.newFixedThreadPool(4);
        try {
            Map<String, CompletableFuture<Finding>> heap = new LinkedHashMap<>();
            for (String collector : List.of("-XX:+UseG1GC", "-XX:+UseParallelGC")) {
                for (String mode : List.of("LISTENER_LEAK", "STEADY_CHURN")) {
                    ChildJvm child = ChildJvm.start(DemoService.class, List.of("-Xmx128m", collector), "--mode", mode,
                            "--duration", "120s", "--leak-rate", "400k");
                    children.add(child);
                    child.awaitLine("STARTED", Duration.ofSeconds(30));
                    heap.put(mode + " " + collector, CompletableFuture.supplyAsync(() -> heapAfterWatch(child.pid()),
                            watches));
                }
            }
            for (Map.Entry<String, CompletableFuture<Finding>> e : heap.entrySet()) {
                Finding f = e.getValue().join();
                if (e.getKey().startsWith("LISTENER_LEAK")) {
                    assertThat(f.verdict()).as(e.getKey() + ": " + f.summary()).isEqualTo(Verdict.LEAK);
                } else {
                    assertThat(f.verdict()).as(e.getKey() + ": " + f.summary()).isNotEqualTo(Verdict.LEAK);
                }
            }
        } finally {
            watches.shutdownNow();
            for (ChildJvm child : children) {
                child.close();
            }
        }
    }

    private static Finding heapAfterWatch(long pid) {
        try (JvmConnection jvm = JvmConnection.attach(pid);
             JmxProbe probe = JmxProbe.open(jvm, Duration.ofSeconds(2))) {
            Watcher watcher = Watcher.prepare(probe, new InMemoryJournal(32),
                    new Watcher.Settings(Duration.ofSeconds(2), WATCH));
            return watcher.run().analysis().findings().stream().filter(f -> f.resource().equals("heap"))
                    .findFirst().orElseThrow();
        } catch (Exception e) {
            throw new AssertionError("watching " + pid + " over JMX failed: " + e, e);
        }
    }
}

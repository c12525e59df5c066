package io.leakhound.fleet;

import io.leakhound.series.history.Annotation;
import io.leakhound.series.verdict.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One instance of the fleet and the verdict on each of its resources.
 *
 * @param labels   the labels every series of the instance carries (its target's labels)
 * @param metrics  the naming convention its metrics speak
 * @param restarts how often its process restarted in the window (changes of {@code process_start_time_seconds})
 * @param firstSample the time of its earliest sample in the window (a canary's window starts there)
 * @param deploys  the deploys its version label tells (a new value of {@code version}), in time order
 */
public record FleetInstance(InstanceKey key, Map<String, String> labels, InstanceRuntime runtime,
                            MetricConvention metrics, int restarts, Instant firstSample, List<Annotation> deploys,
                            List<FleetFinding> findings) {

    public FleetInstance {
        labels = Map.copyOf(labels);
        deploys = List.copyOf(deploys);
        findings = List.copyOf(findings);
    }

    /** Whether any resource leaks. */
    public boolean leak() {
        return findings.stream().anyMatch(f -> f.finding().verdict() == Verdict.LEAK);
    }
}

package io.leakhound.fleet;

import java.util.List;

/** {@code canary}'s answer: each resource compared, and the two groups as {@code fleet} judged them. */
public record CanaryResult(FleetResult canary, FleetResult baseline, List<CanaryFinding> findings) {

    public CanaryResult {
        findings = List.copyOf(findings);
    }

    /** Whether any resource is {@link CanaryVerdict#WORSE}. */
    public boolean worse() {
        return findings.stream().anyMatch(f -> f.verdict() == CanaryVerdict.WORSE);
    }
}

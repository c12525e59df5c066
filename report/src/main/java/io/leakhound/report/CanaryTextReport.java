package io.leakhound.report;

import io.leakhound.fleet.CanaryFinding;
import io.leakhound.fleet.CanaryResult;

/** {@code canary}'s text: the groups and the window, then one line per resource. */
public final class CanaryTextReport {

    private CanaryTextReport() {
    }

    public static String render(CanaryResult r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("canary: %d instance%s (%d leaking) against a baseline of %d (%d leaking), from %s to"
                        + " %s%n", r.canary().instances().size(), r.canary().instances().size() == 1 ? "" : "s",
                r.canary().leaking(), r.baseline().instances().size(), r.baseline().leaking(), r.canary().start(),
                r.canary().end()));
        for (CanaryFinding f : r.findings()) {
            s.append(String.format("%-12s %s%n", f.verdict().name(), f.summary()));
        }
        s.append(r.worse() ? "=> the canary is worse\n" : "=> the canary is not worse\n");
        return s.toString();
    }
}

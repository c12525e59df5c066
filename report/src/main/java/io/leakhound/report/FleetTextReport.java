package io.leakhound.report;

import io.leakhound.fleet.FleetFinding;
import io.leakhound.fleet.FleetInstance;
import io.leakhound.fleet.FleetResult;
import java.util.stream.Collectors;

/**
 * {@code fleet}'s text: a headline with the count of leaking instances, then one block per instance, the most
 * urgent first. A leaking instance lists every finding with the series it was judged on; a healthy one is one
 * line with its verdicts, so a fleet of hundreds reads as its few leaks and a list of the rest.
 */
public final class FleetTextReport {

    private FleetTextReport() {
    }

    public static String render(FleetResult fleet) {
        StringBuilder s = new StringBuilder();
        int n = fleet.instances().size();
        s.append(String.format("%d instance%s in %s from %s to %s (step %d s): %s%n", n, n == 1 ? "" : "s",
                fleet.prometheus(), fleet.start(), fleet.end(), fleet.step().toSeconds(),
                fleet.leaking() == 0 ? "no leak" : fleet.leaking() + " leaking"));
        for (FleetInstance i : fleet.instances()) {
            String head = String.format("%-5s %s (%s, %s metrics%s)", i.leak() ? "LEAK" : "ok", i.key(),
                    i.runtime().jsonName(), i.metrics().jsonName(),
                    (i.restarts() == 0 ? "" : ", restarted " + i.restarts() + (i.restarts() == 1 ? " time" : " times"))
                            + i.deploys().stream().map(a -> ", " + a.text() + " at " + a.at())
                            .collect(Collectors.joining()));
            s.append(head);
            if (!i.leak()) {
                s.append(": ").append(i.findings().stream()
                        .map(f -> f.finding().resource() + " " + f.finding().verdict().name())
                        .collect(Collectors.joining(", "))).append('\n');
                continue;
            }
            s.append('\n');
            for (FleetFinding f : i.findings()) {
                s.append(String.format("      %-10s %-14s %s [%s]%n", f.finding().resource(),
                        f.finding().verdict().name(), f.summary(), f.metric()));
            }
        }
        return s.toString();
    }
}

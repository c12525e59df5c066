package io.leakhound.watch;

import io.leakhound.series.Human;
import io.leakhound.series.verdict.AlertLevel;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.PointQuality;
import io.leakhound.series.verdict.Verdict;
import io.leakhound.series.history.Alert;
import io.leakhound.series.history.AlertState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns each evaluation's findings into alerts that change only when something really changed: the graduated
 * levels of post-GC usage (70 % investigate, 85 % escalate, 95 % respond now) with a hysteresis band, and the LEAK
 * verdict with a debounce on clearing.
 *
 * <p>Usage: a level is raised at once to the highest one reached; a raised level holds until the fraction falls
 * more than {@link #BAND} below its threshold (ESCALATE clears below 80 %), and then drops to the highest level
 * whose own band the fraction is still in (so CRITICAL at 84 % becomes ESCALATE, not WARNING: every level obeys
 * the same band, and a level is never lowered and re-raised by the same wobble). A series oscillating around
 * 70 % thus raises WARNING once and clears it only below 65 %.
 *
 * <p>Verdict: an alert is raised when a finding turns LEAK and cleared only after {@link #CLEAR_AFTER}
 * consecutive updates in which it was not LEAK, since a verdict near its confidence threshold may flip between
 * evaluations. Its {@code previous} is the verdict of the update before (NONE for a resource's first update).
 *
 * <p>Costs a map lookup per finding and update. Not thread-safe: one watch updates it from its sampling thread.
 */
public final class AlertTracker {

    /** The hysteresis band below a level's threshold, as a fraction of the limit (5 points). */
    public static final double BAND = 0.05;
    /** How many consecutive non-LEAK updates clear a verdict alert. */
    public static final int CLEAR_AFTER = 3;

    private final Map<String, AlertLevel> levels = new LinkedHashMap<>();
    private final Map<String, VerdictState> verdicts = new LinkedHashMap<>();

    /** What a resource's verdict alert stands at: whether LEAK is raised, and how long it has not been LEAK. */
    private static final class VerdictState {
        AlertState lastVerdict = new AlertState.NoVerdict();
        boolean raised;
        int notLeakRuns;
    }

    public AlertTracker() {
    }

    /**
     * A tracker that continues where a stopped watch left off: the last stored alert of each resource and kind
     * sets its state, so a level or LEAK already raised is not raised again. Alerts must be in the order they
     * were raised; a level name this version does not know counts as NONE.
     */
    public static AlertTracker resume(List<Alert> stored) {
        AlertTracker tracker = new AlertTracker();
        for (Alert a : stored) {
            if (a.kind() == Alert.Kind.USAGE) {
                tracker.levels.put(a.resource(), a.level().usageLevel());
            } else {
                VerdictState v = tracker.verdicts.computeIfAbsent(a.resource(), r -> new VerdictState());
                v.raised = a.level().isLeak();
                v.lastVerdict = a.level();
                v.notLeakRuns = 0;
            }
        }
        return tracker;
    }

    /**
     * Takes one evaluation's findings and returns the alerts that changed now, in the order of the findings (a
     * resource's usage alert before its verdict alert); empty when nothing changed.
     */
    public List<Alert> update(Instant at, List<Finding> findings) {
        Objects.requireNonNull(at, "at");
        List<Alert> changed = new ArrayList<>();
        for (Finding f : findings) {
            Alert usage = usage(at, f);
            if (usage != null) {
                changed.add(usage);
            }
            Alert verdict = verdict(at, f);
            if (verdict != null) {
                changed.add(verdict);
            }
        }
        return changed;
    }

    /** The current usage level of each resource that has had a limit, after hysteresis. */
    public Map<String, AlertLevel> levels() {
        return Map.copyOf(levels);
    }

    /** Whether a LEAK verdict alert is raised on {@code resource} now. */
    public boolean leakRaised(String resource) {
        VerdictState v = verdicts.get(resource);
        return v != null && v.raised;
    }

    private Alert usage(Instant at, Finding f) {
        if (f.limitBytes() <= 0 || f.lastBaselineBytes() < 0 || f.verdict() == Verdict.INCONCLUSIVE) {
            // no limit now, or too few points for a baseline (its last point is then one collection's "after",
            // which may still hold garbage, e.g. humongous arrays G1 reclaims at the next pause): the level stays
            // as it was rather than changing on missing information
            return null;
        }
        double fraction = (double) f.lastBaselineBytes() / f.limitBytes();
        AlertLevel current = levels.getOrDefault(f.resource(), AlertLevel.NONE);
        AlertLevel next = next(current, fraction);
        levels.put(f.resource(), next);
        if (next == current) {
            return null;
        }
        return new Alert(at, f.resource(), Alert.Kind.USAGE, AlertState.of(next), AlertState.of(current), usageMessage(f, fraction, next,
                current));
    }

    /** The level after {@code current} for a fraction of the limit, with the band below every level. */
    static AlertLevel next(AlertLevel current, double fraction) {
        AlertLevel reached = AlertLevel.forUsage(fraction);
        if (reached.ordinal() >= current.ordinal()) {
            return reached;
        }
        AlertLevel[] all = AlertLevel.values();
        for (int i = current.ordinal(); i > 0; i--) {
            if (fraction >= all[i].threshold() - BAND) {
                return all[i];
            }
        }
        return AlertLevel.NONE;
    }

    private Alert verdict(Instant at, Finding f) {
        VerdictState v = verdicts.computeIfAbsent(f.resource(), r -> new VerdictState());
        AlertState before = v.lastVerdict;
        v.lastVerdict = AlertState.of(f.verdict());
        if (f.verdict() == Verdict.LEAK) {
            v.notLeakRuns = 0;
            if (v.raised) {
                return null;
            }
            v.raised = true;
            return new Alert(at, f.resource(), Alert.Kind.VERDICT, AlertState.of(Verdict.LEAK), before, f.summary());
        }
        if (!v.raised) {
            return null;
        }
        v.notLeakRuns++;
        if (v.notLeakRuns < CLEAR_AFTER) {
            return null;
        }
        v.raised = false;
        v.notLeakRuns = 0;
        return new Alert(at, f.resource(), Alert.Kind.VERDICT, AlertState.of(f.verdict()), AlertState.of(Verdict.LEAK),
                f.resource() + " no longer judged a leak (" + f.verdict().name().replace('_', ' ') + "): "
                        + f.summary());
    }

    /** {@code heap after GC at 87 % of 256 MB (ESCALATE: plan a restart)}. */
    static String usageMessage(Finding f, double fraction, AlertLevel level, AlertLevel previous) {
        String what = f.resource() + (afterGc(f) ? " after GC" : "");
        String figures = Human.percent(fraction) + " of " + Human.amount(f.limitBytes(), f.unit());
        if (level == AlertLevel.NONE) {
            return what + " down to " + figures + " (" + previous.name() + " cleared: below "
                    + Human.percent(previous.threshold() - BAND) + ")";
        }
        String meaning = level.name() + ": " + meaning(level);
        return level.ordinal() > previous.ordinal()
                ? what + " at " + figures + " (" + meaning + ")"
                : what + " down to " + figures + " (" + meaning + "; was " + previous.name() + ")";
    }

    /** Whether the finding's baseline was read after collections (a heap), not from plain samples (RSS). */
    static boolean afterGc(Finding f) {
        return f.baseline().size() > 0 && f.baseline().quality(0) != PointQuality.RAW;
    }

    /** What a person should do at each level, as the seed grades them. */
    static String meaning(AlertLevel level) {
        return switch (level) {
            case NONE -> "nothing to do";
            case WARNING -> "investigate";
            case ESCALATE -> "plan a restart";
            case CRITICAL -> "respond now, memory is nearly exhausted";
        };
    }
}

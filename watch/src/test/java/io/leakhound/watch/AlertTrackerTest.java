package io.leakhound.watch;

import io.leakhound.series.history.AlertState;
import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.series.verdict.AlertLevel;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.PointQuality;
import io.leakhound.series.verdict.UsageSeries;
import io.leakhound.series.verdict.Verdict;
import io.leakhound.series.history.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertTrackerTest {

    private static final long MB = 1L << 20;
    private static final long LIMIT = 256 * MB;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A heap finding whose post-GC baseline ends at {@code percent} % of 256 MB. */
    static Finding heap(double percent, Verdict verdict) {
        long last = Math.round(LIMIT * percent / 100);
        UsageSeries baseline = UsageSeries.builder("heap").limitBytes(LIMIT)
                .add(1000, last, PointQuality.AFTER_FULL_COLLECTION).build();
        return new Finding("heap", verdict, 0.9, 0, null, null, LIMIT, last,
                AlertLevel.forUsage(percent / 100), "heap summary at " + percent, baseline, null);
    }

    /** Feeds one update per percentage (one second apart) and returns every alert raised, in order. */
    private static List<Alert> feed(AlertTracker tracker, double... percents) {
        List<Alert> all = new ArrayList<>();
        for (int i = 0; i < percents.length; i++) {
            all.addAll(tracker.update(T0.plusSeconds(i), List.of(heap(percents[i], Verdict.STABLE))));
        }
        return all;
    }

    private static List<String> transitions(List<Alert> alerts) {
        return alerts.stream().map(a -> a.previous().name() + "->" + a.level().name()).toList();
    }

    @Test
    void usage_riseToEscalate_raisedAtOnceToHighestLevel() {
        AlertTracker tracker = new AlertTracker();
        List<Alert> alerts = feed(tracker, 50, 87);
        assertThat(transitions(alerts)).containsExactly("NONE->ESCALATE");
        Alert a = alerts.get(0);
        assertThat(a.kind()).isEqualTo(Alert.Kind.USAGE);
        assertThat(a.resource()).isEqualTo("heap");
        assertThat(a.at()).isEqualTo(T0.plusSeconds(1));
        assertThat(a.message()).isEqualTo("heap after GC at 87 % of 256 MB (ESCALATE: plan a restart)");
        assertThat(tracker.levels()).containsEntry("heap", AlertLevel.ESCALATE);
    }

    @Test
    void usage_withinBand_noNewAlert() {
        // ESCALATE (85 %) holds down to 80 %: 84, 81, 80 stay in the band
        List<Alert> alerts = feed(new AlertTracker(), 86, 84, 81, 80, 86);
        assertThat(transitions(alerts)).containsExactly("NONE->ESCALATE");
    }

    @Test
    void usage_fallBelowBand_lowersToLevelThatApplies() {
        AlertTracker tracker = new AlertTracker();
        List<Alert> alerts = feed(tracker, 96, 89.9, 79, 64);
        // CRITICAL clears below 90 %; at 89.9 ESCALATE applies; ESCALATE clears below 80; WARNING below 65
        assertThat(transitions(alerts)).containsExactly("NONE->CRITICAL", "CRITICAL->ESCALATE", "ESCALATE->WARNING",
                "WARNING->NONE");
        assertThat(alerts.get(1).message()).isEqualTo("heap after GC down to 90 % of 256 MB "
                + "(ESCALATE: plan a restart; was CRITICAL)");
        assertThat(alerts.get(3).message()).isEqualTo("heap after GC down to 64 % of 256 MB "
                + "(WARNING cleared: below 65 %)");
        assertThat(tracker.levels()).containsEntry("heap", AlertLevel.NONE);
    }

    @Test
    void usage_criticalDropsFar_keepsBandOfLowerLevel() {
        // 84 % is below CRITICAL's band but inside ESCALATE's (80 %): ESCALATE, not WARNING
        List<Alert> alerts = feed(new AlertTracker(), 97, 84);
        assertThat(transitions(alerts)).containsExactly("NONE->CRITICAL", "CRITICAL->ESCALATE");
    }

    @Test
    void usage_oscillationAround70_oneAlert() {
        List<Alert> alerts = feed(new AlertTracker(), 69, 71, 68, 72, 69.5, 70.5, 66, 71, 67);
        assertThat(transitions(alerts)).containsExactly("NONE->WARNING");
    }

    @Test
    void usage_noLimit_noAlertAndLevelKept() {
        AlertTracker tracker = new AlertTracker();
        feed(tracker, 75);
        UsageSeries baseline = UsageSeries.builder("heap").add(0, 10 * MB, PointQuality.AFTER_FULL_COLLECTION).build();
        Finding unlimited = new Finding("heap", Verdict.STABLE, 0.9, 0, null, null, -1, 10 * MB, AlertLevel.NONE,
                "no limit", baseline, null);
        assertThat(tracker.update(T0.plusSeconds(5), List.of(unlimited))).isEmpty();
        assertThat(tracker.levels()).containsEntry("heap", AlertLevel.WARNING);
    }

    @Test
    void resume_raisedLevelAndLeak_notRaisedAgain() {
        AlertTracker first = new AlertTracker();
        List<Alert> stored = new ArrayList<>(feed(first, 72, 88));
        stored.addAll(first.update(T0.plusSeconds(3), List.of(heap(88, Verdict.LEAK))));
        assertThat(transitions(stored)).containsExactly("NONE->WARNING", "WARNING->ESCALATE", "STABLE->LEAK");

        AlertTracker resumed = AlertTracker.resume(stored);
        assertThat(resumed.levels()).containsEntry("heap", AlertLevel.ESCALATE);
        assertThat(resumed.leakRaised("heap")).isTrue();
        assertThat(resumed.update(T0.plusSeconds(10), List.of(heap(86, Verdict.LEAK)))).isEmpty();
        // and it goes on from there: a rise to CRITICAL is a change
        assertThat(transitions(resumed.update(T0.plusSeconds(11), List.of(heap(96, Verdict.LEAK)))))
                .containsExactly("ESCALATE->CRITICAL");
    }

    @Test
    void resume_unknownLevelName_countsAsNone() {
        Alert odd = new Alert(T0, "heap", Alert.Kind.USAGE, AlertState.named(Alert.Kind.USAGE, "PURPLE"),
                AlertState.of(AlertLevel.NONE), "from a later version");
        AlertTracker tracker = AlertTracker.resume(List.of(odd));
        assertThat(tracker.levels()).containsEntry("heap", AlertLevel.NONE);
        assertThat(transitions(tracker.update(T0, List.of(heap(71, Verdict.STABLE))))).containsExactly("NONE->WARNING");
    }

    @Test
    void verdict_flappingLeakStableLeak_oneAlert() {
        AlertTracker tracker = new AlertTracker();
        List<Alert> alerts = new ArrayList<>();
        Verdict[] sequence = {Verdict.INCONCLUSIVE, Verdict.LEAK, Verdict.STABLE, Verdict.LEAK, Verdict.STABLE,
                Verdict.STABLE, Verdict.LEAK};
        for (int i = 0; i < sequence.length; i++) {
            alerts.addAll(tracker.update(T0.plusSeconds(i), List.of(heap(30, sequence[i]))));
        }
        assertThat(alerts).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.kind()).isEqualTo(Alert.Kind.VERDICT);
        assertThat(a.level()).isEqualTo(AlertState.of(Verdict.LEAK));
        assertThat(a.previous()).isEqualTo(AlertState.of(Verdict.INCONCLUSIVE));
        assertThat(a.message()).isEqualTo("heap summary at 30.0");
        assertThat(a.at()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void verdict_threeUpdatesNotLeak_cleared() {
        AlertTracker tracker = new AlertTracker();
        List<Alert> alerts = new ArrayList<>();
        Verdict[] sequence = {Verdict.LEAK, Verdict.BOUNDED_GROWTH, Verdict.STABLE, Verdict.STABLE, Verdict.STABLE};
        for (int i = 0; i < sequence.length; i++) {
            alerts.addAll(tracker.update(T0.plusSeconds(i), List.of(heap(30, sequence[i]))));
        }
        assertThat(transitions(alerts)).containsExactly("NONE->LEAK", "LEAK->STABLE");
        assertThat(alerts.get(1).at()).isEqualTo(T0.plusSeconds(3));
        assertThat(alerts.get(1).message()).startsWith("heap no longer judged a leak (STABLE): ");
        assertThat(tracker.leakRaised("heap")).isFalse();
    }

    @Test
    void next_everyLevelHoldsItsBand() {
        assertThat(AlertTracker.next(AlertLevel.WARNING, 0.6501)).isEqualTo(AlertLevel.WARNING);
        assertThat(AlertTracker.next(AlertLevel.WARNING, 0.6499)).isEqualTo(AlertLevel.NONE);
        assertThat(AlertTracker.next(AlertLevel.ESCALATE, 0.70)).isEqualTo(AlertLevel.WARNING);
        assertThat(AlertTracker.next(AlertLevel.CRITICAL, 0.50)).isEqualTo(AlertLevel.NONE);
        assertThat(AlertTracker.next(AlertLevel.NONE, 0.951)).isEqualTo(AlertLevel.CRITICAL);
    }

    @Test
    void usage_inconclusiveFindings_changeNoLevel() {
        AlertTracker tracker = new AlertTracker();
        // a young collection's "after" still holding humongous garbage (76 %), seen before the engine can judge
        assertThat(tracker.update(T0, List.of(heap(76, Verdict.INCONCLUSIVE)))).isEmpty();
        assertThat(tracker.levels()).doesNotContainKey("heap");

        assertThat(transitions(tracker.update(T0.plusSeconds(60), List.of(heap(72, Verdict.STABLE)))))
                .containsExactly("NONE->WARNING");
        assertThat(tracker.update(T0.plusSeconds(62), List.of(heap(20, Verdict.INCONCLUSIVE)))).isEmpty();
        assertThat(tracker.levels()).containsEntry("heap", AlertLevel.WARNING);
    }
}

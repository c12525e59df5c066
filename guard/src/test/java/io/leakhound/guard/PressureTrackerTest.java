package io.leakhound.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PressureTrackerTest {
    private final PressureTracker tracker = new PressureTracker(new double[] {0.70, 0.85, 0.95});

    @Test
    void oneReadingAboveAThreshold_isNotEnough_aSecondHalfASecondLaterConfirms() {
        assertThat(tracker.accept(0, 0.80)).isEqualTo(PressureLevel.NONE);
        assertThat(tracker.accept(499, 0.80)).isEqualTo(PressureLevel.NONE);
        assertThat(tracker.accept(500, 0.80)).isEqualTo(PressureLevel.WARNING);
    }

    @Test
    void aBurstThatTheNextCollectionFrees_changesNothing() {
        tracker.accept(0, 0.97);
        tracker.accept(300, 0.40);
        assertThat(tracker.accept(1_000, 0.97)).isEqualTo(PressureLevel.NONE);
        assertThat(tracker.level()).isEqualTo(PressureLevel.NONE);
    }

    @Test
    void aYoungAndAFullCollectionMillisecondsApart_areOneOpinionNotTwo() {
        tracker.accept(10_000, 0.96);
        assertThat(tracker.accept(10_004, 0.96)).isEqualTo(PressureLevel.NONE);
    }

    @Test
    void confirmedReadingsRiseStraightToTheHighestLevelTheyHold() {
        tracker.accept(0, 0.96);
        assertThat(tracker.accept(600, 0.96)).isEqualTo(PressureLevel.CRITICAL);
    }

    @Test
    void levelFallsOnlyFivePointsBelowItsThreshold() {
        tracker.accept(0, 0.87);
        tracker.accept(600, 0.87);
        assertThat(tracker.level()).isEqualTo(PressureLevel.ESCALATE);
        assertThat(tracker.accept(1_200, 0.81)).as("within the hysteresis").isEqualTo(PressureLevel.ESCALATE);
        assertThat(tracker.accept(1_800, 0.79)).as("5 points below 85 %").isEqualTo(PressureLevel.WARNING);
        assertThat(tracker.accept(2_400, 0.30)).isEqualTo(PressureLevel.NONE);
    }

    @Test
    void thresholdsThatDoNotRiseStrictlyWithinZeroAndOne_areRefused() {
        assertThatThrownBy(() -> new PressureTracker(new double[] {0.8, 0.7, 0.9}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rise strictly");
        assertThatThrownBy(() -> MemoryGuard.builder().thresholds(0.7, 0.85, 1.2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MemoryGuard.builder().thresholds(0, 0.85, 0.95))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void admissionShedsByPriority() {
        assertThat(PressureLevel.NONE.admits(Priority.LOW)).isTrue();
        assertThat(PressureLevel.WARNING.admits(Priority.LOW)).isFalse();
        assertThat(PressureLevel.WARNING.admits(Priority.NORMAL)).isTrue();
        assertThat(PressureLevel.ESCALATE.admits(Priority.NORMAL)).isFalse();
        assertThat(PressureLevel.ESCALATE.admits(Priority.HIGH)).isTrue();
        assertThat(PressureLevel.CRITICAL.admits(Priority.HIGH)).isFalse();
        assertThat(PressureLevel.CRITICAL.admits(Priority.CRITICAL)).isTrue();
    }
}

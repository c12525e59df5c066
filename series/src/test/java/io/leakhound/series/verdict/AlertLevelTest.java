package io.leakhound.series.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlertLevelTest {

    private static final long MAX = 256L << 20;

    @Test
    void forUsage_thresholds_70_85_95() {
        assertThat(AlertLevel.forUsage(0.699)).isEqualTo(AlertLevel.NONE);
        assertThat(AlertLevel.forUsage(0.70)).isEqualTo(AlertLevel.WARNING);
        assertThat(AlertLevel.forUsage(0.849)).isEqualTo(AlertLevel.WARNING);
        assertThat(AlertLevel.forUsage(0.85)).isEqualTo(AlertLevel.ESCALATE);
        assertThat(AlertLevel.forUsage(0.95)).isEqualTo(AlertLevel.CRITICAL);
        assertThat(AlertLevel.forUsage(Double.NaN)).isEqualTo(AlertLevel.NONE);
    }

    @Test
    void alert_bytesAgainstLimit_69point9PercentIsNone() {
        assertThat(GrowthJudge.alert((long) (0.699 * MAX), MAX)).isEqualTo(AlertLevel.NONE);
        assertThat(GrowthJudge.alert((long) Math.ceil(0.70 * MAX), MAX)).isEqualTo(AlertLevel.WARNING);
        assertThat(GrowthJudge.alert((long) Math.ceil(0.85 * MAX), MAX)).isEqualTo(AlertLevel.ESCALATE);
        assertThat(GrowthJudge.alert((long) Math.ceil(0.95 * MAX), MAX)).isEqualTo(AlertLevel.CRITICAL);
        assertThat(GrowthJudge.alert(MAX, -1)).isEqualTo(AlertLevel.NONE);
    }
}

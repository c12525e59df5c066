package io.leakhound.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanTest {

    @Test
    void bytes_acrossUnits_threeSignificantDigits() {
        assertThat(Human.bytes(0)).isEqualTo("0 B");
        assertThat(Human.bytes(1023)).isEqualTo("1023 B");
        assertThat(Human.bytes(1536)).isEqualTo("1.5 KB");
        assertThat(Human.bytes(256L << 20)).isEqualTo("256 MB");
        assertThat(Human.bytes(410L << 20)).isEqualTo("410 MB");
        assertThat(Human.bytes((long) (12.34 * (1L << 30)))).isEqualTo("12.3 GB");
        assertThat(Human.bytes(-(3L << 20))).isEqualTo("-3 MB");
    }

    @Test
    void bytes_justBelowNextUnit_movesUp() {
        // 1023.9 KB would round to "1024 KB"
        assertThat(Human.bytes((1L << 20) - 100)).isEqualTo("1 MB");
    }

    @Test
    void duration_twoUnitsAtMost() {
        assertThat(Human.duration(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(Human.duration(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(Human.duration(Duration.ofSeconds(220))).isEqualTo("3 min 40 s");
        assertThat(Human.duration(Duration.ofMinutes(125))).isEqualTo("2 h 05 min");
        assertThat(Human.duration(Duration.ofHours(76))).isEqualTo("3 d 04 h");
    }

    @Test
    void clock_sinceStart_hoursMinutesSeconds() {
        assertThat(Human.clock(Duration.ofSeconds(72))).isEqualTo("00:01:12");
        assertThat(Human.clock(Duration.ofHours(27))).isEqualTo("27:00:00");
    }

    @Test
    void percent_precisionFollowsMagnitude() {
        assertThat(Human.percent(0.87)).isEqualTo("87 %");
        assertThat(Human.percent(0.0134)).isEqualTo("1.3 %");
        assertThat(Human.percent(0.0004)).isEqualTo("0.04 %");
        assertThat(Human.percent(Double.NaN)).isEqualTo("n/a");
    }
}

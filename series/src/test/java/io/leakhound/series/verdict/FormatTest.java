package io.leakhound.series.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FormatTest {

    private static final double MB = 1024 * 1024;

    @Test
    void bytes_unitsForAPerson() {
        assertThat(Format.bytes(42 * MB)).isEqualTo("42 MB");
        assertThat(Format.bytes(3.5 * MB)).isEqualTo("3.5 MB");
        assertThat(Format.bytes(800 * 1024)).isEqualTo("800 KB");
        assertThat(Format.bytes(1.25 * 1024 * MB)).isEqualTo("1.3 GB");
        assertThat(Format.rate(410 * MB)).isEqualTo("410 MB/h");
    }

    @Test
    void duration_andClock() {
        assertThat(Format.duration(Duration.ofSeconds(220))).isEqualTo("3 min 40 s");
        assertThat(Format.duration(Duration.ofSeconds(8))).isEqualTo("8 s");
        assertThat(Format.duration(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
        assertThat(Format.duration(Duration.ofHours(98))).isEqualTo("4 d 2 h");
        assertThat(Format.clock(Duration.ofSeconds(72))).isEqualTo("00:01:12");
    }
}

package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void convert_asPeopleTypeIt() {
        assertThat(converter.convert("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(converter.convert("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("PT2M30S")).isEqualTo(Duration.ofSeconds(150));
    }

    @Test
    void convert_garbageOrZero_rejected() {
        assertThatThrownBy(() -> converter.convert("5x")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> converter.convert("s")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> converter.convert("1m 30s")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> converter.convert("0s")).hasMessageContaining("positive");
    }
}

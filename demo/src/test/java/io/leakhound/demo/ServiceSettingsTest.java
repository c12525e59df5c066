package io.leakhound.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServiceSettingsTest {

    @Test
    void parse_allOptions_readsThem() {
        ServiceSettings settings = ServiceSettings.parse(new String[] {"--mode", "unbounded-cache", "--rate", "200",
            "--workers", "2", "--duration", "2m", "--leak-rate", "2.5m", "--leak-start", "30s", "--cache-key-space", "2"});

        assertThat(settings).isEqualTo(new ServiceSettings(DemoMode.UNBOUNDED_CACHE, 200, 2, Duration.ofMinutes(2),
                2_621_440L, Duration.ofSeconds(30), 2.0));
        assertThat(settings.leakBytesPerRequest()).isEqualTo(13_107L);
    }

    @Test
    void parse_onlyMode_usesDefaults() {
        ServiceSettings settings = ServiceSettings.parse(new String[] {"--mode", "WARMUP"});
        assertThat(settings.leakBytesPerSecond()).isEqualTo(400 * 1024);
        assertThat(settings.requestsPerSecond()).isEqualTo(300);
        assertThat(settings.leakStart()).isZero();
    }

    @Test
    void parseBytes_suffixes_areBinaryMultiples() {
        assertThat(ServiceSettings.parseBytes("300k")).isEqualTo(307_200);
        assertThat(ServiceSettings.parseBytes("80KB")).isEqualTo(81_920);
        assertThat(ServiceSettings.parseBytes("1g")).isEqualTo(1L << 30);
        assertThat(ServiceSettings.parseBytes("4096")).isEqualTo(4096);
    }

    @Test
    void parseDuration_units_areRead() {
        assertThat(ServiceSettings.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ServiceSettings.parseDuration("1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ServiceSettings.parseDuration("150")).isEqualTo(Duration.ofSeconds(150));
        assertThat(ServiceSettings.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void parse_badInput_namesTheProblem() {
        assertThatThrownBy(() -> ServiceSettings.parse(new String[] {"--rate", "10"}))
                .hasMessageContaining("--mode is required");
        assertThatThrownBy(() -> ServiceSettings.parse(new String[] {"--mode", "NOPE"}))
                .hasMessageContaining("unknown demo mode 'NOPE'");
        assertThatThrownBy(() -> ServiceSettings.parse(new String[] {"--mode", "WARMUP", "--leak-rate", "lots"}))
                .hasMessageContaining("'lots'");
        assertThatThrownBy(() -> ServiceSettings.parse(new String[] {"--mode", "WARMUP", "--duration"}))
                .hasMessageContaining("needs a value");
    }
}

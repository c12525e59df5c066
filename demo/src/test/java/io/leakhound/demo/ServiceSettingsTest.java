package io.leakhound.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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

    @Test
    void parse_heapDumpOptions_readsTimesAbsoluteDirAndCapacity() {
        ServiceSettings settings = ServiceSettings.parse(new String[] {"--mode", "bounded-cache", "--duration", "90s",
            "--heap-dump-at", "1500ms, 20s,1.5m", "--heap-dump-dir", "dumps", "--cache-capacity", "4m"});

        assertThat(settings.heapDumpTimes()).containsExactly(Duration.ofMillis(1500), Duration.ofSeconds(20),
                Duration.ofSeconds(90));
        assertThat(settings.heapDumpDir()).isEqualTo(Path.of("dumps").toAbsolutePath());
        assertThat(settings.heapDumpFile(2)).isEqualTo(Path.of("dumps", "heap-2.hprof").toAbsolutePath());
        assertThat(settings.cacheCapacityBytes()).isEqualTo(4L * 1024 * 1024);
    }

    @Test
    void parse_noDumpOptions_schedulesNoDumpsAndKeepsThe32MbCache() {
        ServiceSettings settings = ServiceSettings.parse(new String[] {"--mode", "BOUNDED_CACHE"});

        assertThat(settings.heapDumpTimes()).isEmpty();
        assertThat(settings.heapDumpDir()).isNull();
        assertThat(settings.cacheCapacityBytes()).isEqualTo(32L * 1024 * 1024);
    }

    @Test
    void parse_badHeapDumpOptions_namesTheProblem() {
        assertThatThrownBy(() -> parse("--duration", "60s", "--heap-dump-at", "20s,70s", "--heap-dump-dir", "d"))
                .hasMessage("--heap-dump-at 70000ms is after the end of the run (--duration 60000ms)");
        assertThatThrownBy(() -> parse("--heap-dump-at", "30s,20s", "--heap-dump-dir", "d"))
                .hasMessage("--heap-dump-at times must be positive and increasing, got 30000ms,20000ms");
        assertThatThrownBy(() -> parse("--heap-dump-at", "0s", "--heap-dump-dir", "d"))
                .hasMessageContaining("must be positive and increasing, got 0ms");
        assertThatThrownBy(() -> parse("--heap-dump-at", "20s,70s"))
                .hasMessage("--heap-dump-at needs --heap-dump-dir DIR to say where the dumps go");
        assertThatThrownBy(() -> parse("--heap-dump-dir", "d"))
                .hasMessageContaining("--heap-dump-dir").hasMessageContaining("no --heap-dump-at times");
        assertThatThrownBy(() -> parse("--heap-dump-at", "20s,,70s", "--heap-dump-dir", "d"))
                .hasMessageContaining("'20s,,70s'");
        assertThatThrownBy(() -> parse("--heap-dump-at", "soon", "--heap-dump-dir", "d"))
                .hasMessageContaining("'soon'");
    }

    @Test
    void parse_badCacheCapacity_namesTheBounds() {
        assertThatThrownBy(() -> parse("--cache-capacity", "1k"))
                .hasMessage("--cache-capacity must be between 2048 bytes (one entry) and 64m, got 1024");
        assertThatThrownBy(() -> parse("--cache-capacity", "1g"))
                .hasMessageContaining("got 1073741824");
    }

    @Test
    void usage_namesTheNewOptions() {
        assertThat(ServiceSettings.USAGE).contains("--cache-capacity", "--heap-dump-at", "--heap-dump-dir");
    }

    private static ServiceSettings parse(String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "--mode";
        args[1] = "WARMUP";
        System.arraycopy(options, 0, args, 2, options.length);
        return ServiceSettings.parse(args);
    }
}

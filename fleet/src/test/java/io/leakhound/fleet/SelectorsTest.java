package io.leakhound.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SelectorsTest {

    @Test
    void matchersWithOrWithoutBraces_commasInsideQuotesKept() {
        assertThat(FleetReader.matchers("{job=~\"a|b\", env!=\"x,y\"}")).containsExactly("job=~\"a|b\"", "env!=\"x,y\"");
        assertThat(FleetReader.matchers("job=\"orders\"")).containsExactly("job=\"orders\"");
        assertThat(FleetReader.matchers("{}")).isEmpty();
    }

    @Test
    void aMetricNameOrSomethingElse_isRefusedSayingWhatIsExpected() {
        assertThatThrownBy(() -> FleetReader.matchers("up{job=\"x\"}")).hasMessageContaining("label matchers only");
        assertThatThrownBy(() -> FleetReader.matchers("job")).hasMessageContaining("'job' is not a label matcher");
        assertThatThrownBy(() -> FleetReader.matchers("job=\"x")).hasMessageContaining("not closed");
    }

    @Test
    void perInstanceQuery_sumsTheResourcesSeriesWithTheUsersMatchers() {
        MetricSelector heapMax = MetricSelector.of("jvm_memory_max_bytes", "area=\"heap\"").positive();
        assertThat(heapMax.perInstance(List.of("job=\"orders\"")))
                .isEqualTo("sum by (job, instance) (jvm_memory_max_bytes{area=\"heap\",job=\"orders\"} > 0)");
    }

    @Test
    void conventionIsTheFirstWhoseMarkersAnInstanceHas() {
        assertThat(MetricConvention.spokenBy(Set.of("jvm_threads_live_threads", "process_resident_memory_bytes")))
                .isEqualTo(MetricConvention.MICROMETER);
        assertThat(MetricConvention.spokenBy(Set.of("go_goroutines", "process_resident_memory_bytes")))
                .isEqualTo(MetricConvention.GO);
        assertThat(MetricConvention.spokenBy(Set.of("process_resident_memory_bytes")))
                .isEqualTo(MetricConvention.PROCESS);
        assertThat(MetricConvention.spokenBy(Set.of("up"))).isNull();
    }

    @Test
    void defaultStep_aboutTwoThousandPointsAndNeverUnderFifteenSeconds() {
        java.time.Instant end = java.time.Instant.parse("2026-12-07T00:00:00Z");
        assertThat(FleetReader.Query.defaultStep(end.minusSeconds(86_400), end).toSeconds()).isEqualTo(44);
        assertThat(FleetReader.Query.defaultStep(end.minusSeconds(3_600), end).toSeconds()).isEqualTo(15);
    }
}

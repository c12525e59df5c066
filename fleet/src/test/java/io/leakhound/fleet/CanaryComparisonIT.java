package io.leakhound.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leakhound.testing.PrometheusServer;
import io.leakhound.testing.SyntheticFleet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code canary} against a real Prometheus over {@link SyntheticFleet#canaryRollout}. */
class CanaryComparisonIT {

    static PrometheusServer prometheus;
    static Instant end;
    static Instant start;

    @BeforeAll
    static void backfillAndStart(@TempDir Path dir) throws Exception {
        assumeTrue(PrometheusServer.missing().isEmpty(), () -> PrometheusServer.missing().orElse(""));
        end = Instant.now().minusSeconds(60);
        start = end.minus(Duration.ofHours(6));
        prometheus = PrometheusServer.start(dir, SyntheticFleet.canaryRollout(start.getEpochSecond(),
                end.getEpochSecond()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void aCanaryThatLeaks_isWorseOnItsHeapOnly_overItsOwnLife() throws Exception {
        CanaryResult r = compare("{job=\"checkout\",version=\"v2\"}", "{job=\"checkout\",version=\"v1\"}");
        assertThat(r.worse()).isTrue();
        assertThat(r.findings()).filteredOn(f -> f.verdict() == CanaryVerdict.WORSE)
                .extracting(CanaryFinding::resource).containsExactly("heap");
        CanaryFinding heap = r.findings().stream().filter(f -> f.resource().equals("heap")).findFirst().orElseThrow();
        assertThat(heap.canaryInstances()).isEqualTo(2);
        assertThat(heap.baselineInstances()).isEqualTo(4);
        assertThat(heap.canaryGrowthBytesPerHour()).isGreaterThan(50.0 * (1 << 20));
        // both canaries above all four baseline instances: the smallest p two against four can give, 1 in 15
        assertThat(heap.pValue()).isCloseTo(1.0 / 15, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(heap.summary()).contains("too few instances for the rank test alone to be significant");
        // the window began with the canary: the baseline was read over the last 40 % of the six hours
        assertThat(r.baseline().start()).isAfter(start.plus(Duration.ofHours(3)));
    }

    @Test
    void twoHealthyGroups_areTheSame() throws Exception {
        CanaryResult r = compare("{job=\"search\",pool=\"a\"}", "{job=\"search\",pool=\"b\"}");
        assertThat(r.worse()).isFalse();
        assertThat(r.findings()).isNotEmpty()
                .allSatisfy(f -> assertThat(f.verdict()).as(f.summary()).isEqualTo(CanaryVerdict.SAME));
        CanaryResult reversed = compare("{job=\"search\",pool=\"b\"}", "{job=\"search\",pool=\"a\"}");
        assertThat(reversed.findings())
                .allSatisfy(f -> assertThat(f.verdict()).as(f.summary()).isEqualTo(CanaryVerdict.SAME));
    }

    @Test
    void theOldVersionAgainstTheLeakingCanary_isBetter() throws Exception {
        CanaryResult r = compare("{job=\"checkout\",version=\"v1\"}", "{job=\"checkout\",version=\"v2\"}");
        assertThat(r.findings()).filteredOn(f -> f.resource().equals("heap"))
                .allSatisfy(f -> assertThat(f.verdict()).as(f.summary()).isIn(CanaryVerdict.BETTER,
                        CanaryVerdict.INCONCLUSIVE));
        assertThat(r.worse()).isFalse();
    }

    @Test
    void aBaselineOfOneInstance_isInconclusiveSayingWhatIsMissing() throws Exception {
        CanaryResult r = compare("{job=\"checkout\",version=\"v2\"}", "{instance=\"checkout-1\"}");
        assertThat(r.findings()).allSatisfy(f -> {
            assertThat(f.verdict()).isEqualTo(CanaryVerdict.INCONCLUSIVE);
            assertThat(f.summary()).contains("1 baseline instance judged; comparing needs at least 2");
        });
    }

    @Test
    void aCanarySelectorThatMatchesNothing_isAnErrorNamingIt() {
        assertThatThrownBy(() -> compare("{job=\"nope\"}", "{job=\"checkout\"}"))
                .isInstanceOf(PrometheusException.class).hasMessageContaining("matches the canary's selector");
    }

    private static CanaryResult compare(String canary, String baseline) throws Exception {
        PrometheusApi api = new PrometheusApi(prometheus.url(), Duration.ofSeconds(30));
        return CanaryComparison.read(api, List.of(FleetReader.matchers(canary)), List.of(FleetReader.matchers(baseline)),
                null, end, Duration.ofHours(24), null, null, (d, t) -> { });
    }
}

package io.leakhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@code leakhound fleet}'s usage errors and an unreachable Prometheus: exit 2 with one line that says what. */
class FleetCommandTest {

    @Test
    void unreachablePrometheus_exit2NamingTheUrl() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Run run = Run.of("fleet", "--prometheus", "http://127.0.0.1:" + closed);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("cannot reach Prometheus at http://127.0.0.1:" + closed)
                .doesNotContain("\tat ");
    }

    @Test
    void selectorWithAMetricName_exit2SayingToGiveLabelMatchers() {
        Run run = Run.of("fleet", "--prometheus", "http://127.0.0.1:9", "--selector", "up{job=\"x\"}");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("give label matchers only");
    }

    @Test
    void selectorThatIsNoMatcher_exit2NamingIt() {
        Run run = Run.of("fleet", "--prometheus", "http://127.0.0.1:9", "--selector", "{job orders}");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("'job orders' is not a label matcher");
    }

    @Test
    void timeThatIsNeitherRfc3339NorUnixSeconds_exit2() {
        Run run = Run.of("fleet", "--prometheus", "http://127.0.0.1:9", "--start", "yesterday");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("'yesterday' is not a time");
    }

    @Test
    void startAndLastTogether_exit2() {
        Run run = Run.of("fleet", "--prometheus", "http://127.0.0.1:9", "--start", "1700000000", "--last", "1h");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("give --start or --last, not both");
    }

    @Test
    void endBeforeStart_exit2() {
        Run run = Run.of("fleet", "--prometheus", "http://127.0.0.1:9", "--start", "2026-12-06T10:00:00Z", "--end",
                "2026-12-06T09:00:00Z");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("is not after its start");
    }

    @Test
    void notAnHttpUrl_exit2() {
        Run run = Run.of("fleet", "--prometheus", "prometheus:9090");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("is not an http(s) URL");
    }

    @Test
    void canaryWithoutBaseline_exit2NamingTheMissingOption() {
        Run run = Run.of("canary", "--prometheus", "http://127.0.0.1:9", "--canary", "{job=\"x\"}");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--baseline");
    }

    @Test
    void canaryWithAMalformedSelector_exit2NamingTheOption() {
        Run run = Run.of("canary", "--prometheus", "http://127.0.0.1:9", "--canary", "{job}", "--baseline",
                "{job=\"x\"}");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--canary: selector '{job}'");
    }

    @Test
    void rules_printTheThreeAlertsForTheJobsGivenAndExit0() {
        Run run = Run.of("rules", "--job", "orders|billing", "--for", "45m");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.NO_LEAK);
        assertThat(run.out()).startsWith("# Prometheus rules from leakhound")
                .contains("- alert: LeakhoundMemoryLeak", "- alert: LeakhoundMemoryPressure",
                        "- alert: LeakhoundRestartLoop", "level: warning", "level: escalate", "level: critical",
                        "job=~\"orders|billing\"", "for: 45m", "- record: leakhound:heap_baseline_bytes");
    }
}

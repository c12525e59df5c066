package io.leakhound.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The agent's option string: pairs separated by ',' or ';', thresholds by '/'. */
class AgentOptionsTest {

    @Test
    void empty_givesTheDefaults() {
        AgentOptions o = AgentOptions.parse(null);

        assertThat(o.port()).isEqualTo(9464);
        assertThat(o.bind()).isEqualTo("127.0.0.1");
        assertThat(o.thresholds()).containsExactly(0.70, 0.85, 0.95);
        assertThat(o.capture()).isTrue();
        assertThat(o.otlp()).isNull();
        assertThat(o.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.dumpDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "leakhound-captures")
                .toAbsolutePath().normalize());
        assertThat(AgentOptions.parse("")).usingRecursiveComparison().isEqualTo(o);
    }

    @Test
    void everyOption_commasAndSemicolonsAlike() {
        AgentOptions o = AgentOptions.parse("port=9100;bind=0.0.0.0,thresholds=0.6/0.8/0.9;dumpDir=/var/dumps,"
                + "capture=off;otlp=http://collector:4318/v1/metrics,interval=2s;keepDumps=on");

        assertThat(o.port()).isEqualTo(9100);
        assertThat(o.bind()).isEqualTo("0.0.0.0");
        assertThat(o.thresholds()).containsExactly(0.6, 0.8, 0.9);
        assertThat(o.dumpDir()).isEqualTo(Path.of("/var/dumps"));
        assertThat(o.capture()).isFalse();
        assertThat(o.otlp()).isEqualTo("http://collector:4318/v1/metrics");
        assertThat(o.interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.keepDumps()).isTrue();
    }

    @Test
    void optionNames_caseInsensitive_spacesTrimmed() {
        AgentOptions o = AgentOptions.parse(" PORT = 9200 ; dumpdir=/tmp/x ");

        assertThat(o.port()).isEqualTo(9200);
        assertThat(o.dumpDir()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void unknownOption_namesItAndTheKnownOnes() {
        assertThatThrownBy(() -> AgentOptions.parse("port=9464,prot=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown option 'prot'; the options are port, bind, thresholds, dumpDir, capture, otlp,"
                        + " interval, keepDumps");
    }

    @Test
    void thresholdsWithCommas_refusedWithTheSyntax() {
        assertThatThrownBy(() -> AgentOptions.parse("thresholds=0.7,0.85,0.95"))
                .hasMessageContaining("'0.85' is not key=value")
                .hasMessageContaining("thresholds=0.70/0.85/0.95");
    }

    @Test
    void badValues_sayWhatWasExpected() {
        assertThatThrownBy(() -> AgentOptions.parse("port=http")).hasMessageContaining("port must be a number");
        assertThatThrownBy(() -> AgentOptions.parse("port=70000")).hasMessageContaining("got '70000'");
        assertThatThrownBy(() -> AgentOptions.parse("thresholds=0.9/0.8/0.95")).hasMessageContaining("must rise");
        assertThatThrownBy(() -> AgentOptions.parse("thresholds=0.7/0.85")).hasMessageContaining("three fractions");
        assertThatThrownBy(() -> AgentOptions.parse("thresholds=70/85/95")).hasMessageContaining("fractions in (0, 1]");
        assertThatThrownBy(() -> AgentOptions.parse("capture=maybe")).hasMessage("capture must be on or off, got 'maybe'");
        assertThatThrownBy(() -> AgentOptions.parse("otlp=collector:4318")).hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> AgentOptions.parse("interval=500ms")).hasMessageContaining("at least 1s");
        assertThatThrownBy(() -> AgentOptions.parse("port=1,port=2")).hasMessage("option 'port' is given twice");
    }
}

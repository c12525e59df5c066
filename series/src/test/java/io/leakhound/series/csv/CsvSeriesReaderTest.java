package io.leakhound.series.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakhound.series.GcLogFormatException;
import io.leakhound.series.verdict.LeakAnalyzer;
import io.leakhound.series.verdict.PointQuality;
import io.leakhound.series.verdict.UsageSeries;
import io.leakhound.series.verdict.Verdict;
import io.leakhound.testing.LiveSet;
import io.leakhound.testing.SyntheticSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSeriesReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void read_headerCommentsBlankLines_pointsAndLimit() throws IOException {
        Path f = write("rss.csv", "# sampled from /proc/42/status\ntimestamp_ms,rss_bytes,limit_bytes\n\n"
                + "1000,500,4096\n2000,600,4096\n# pause\n3000,550,8192\n");
        UsageSeries s = CsvSeriesReader.read(f);
        assertThat(s.resource()).isEqualTo("rss");
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.millis(2)).isEqualTo(3000);
        assertThat(s.usedBytes(1)).isEqualTo(600);
        assertThat(s.limitBytes()).isEqualTo(8192);
        assertThat(s.quality(0)).isEqualTo(PointQuality.RAW);
    }

    @Test
    void read_noHeader_resourceIsRssAndLimitUnknown() throws IOException {
        UsageSeries s = CsvSeriesReader.read(write("a.csv", "0,10\n5,20\n"));
        assertThat(s.resource()).isEqualTo("rss");
        assertThat(s.limitBytes()).isEqualTo(-1);
    }

    @Test
    void read_badNumber_messageNamesFileLineAndExpectation() throws IOException {
        Path f = write("bad.csv", "timestamp_ms,used_bytes\n1000,500\n2000,lots\n");
        assertThatThrownBy(() -> CsvSeriesReader.read(f))
                .isInstanceOf(GcLogFormatException.class)
                .hasMessageContaining("bad.csv:3")
                .hasMessageContaining("expected an integer used_bytes but found 'lots'");
    }

    @Test
    void read_timeGoingBackwards_rejectedWithLine() throws IOException {
        Path f = write("back.csv", "1000,1\n900,2\n");
        assertThatThrownBy(() -> CsvSeriesReader.read(f))
                .isInstanceOf(GcLogFormatException.class).hasMessageContaining("back.csv:2")
                .hasMessageContaining("ascending");
    }

    @Test
    void read_wrongFieldCount_rejected() throws IOException {
        Path f = write("wide.csv", "1,2,3,4\n");
        assertThatThrownBy(() -> CsvSeriesReader.read(f))
                .isInstanceOf(GcLogFormatException.class).hasMessageContaining("wide.csv:1")
                .hasMessageContaining("4 fields");
    }

    @Test
    void read_noPoints_rejected() throws IOException {
        Path f = write("empty.csv", "# nothing\n\n");
        assertThatThrownBy(() -> CsvSeriesReader.read(f))
                .isInstanceOf(GcLogFormatException.class).hasMessageContaining("found none");
    }

    @Test
    void looksLikeCsv_csvAndGcLogTold() throws IOException {
        assertThat(CsvSeriesReader.looksLikeCsv(write("x.csv", "timestamp_ms,used_bytes\n1,2\n"))).isTrue();
        assertThat(CsvSeriesReader.looksLikeCsv(write("y.csv", "# c\n1,2,3\n"))).isTrue();
        assertThat(CsvSeriesReader.looksLikeCsv(write("gc.log",
                "[0.005s][info][gc] Using G1\n[0.5s][info][gc] GC(0) Pause Young (Normal) 12M->1M(256M) 2.4ms\n")))
                .isFalse();
        assertThat(CsvSeriesReader.looksLikeCsv(write("empty.log", ""))).isFalse();
    }

    @Test
    void syntheticRssLeak_readAndJudged_leak() throws IOException {
        SyntheticSeries leak = SyntheticSeries.sample(LiveSet.linear(200L << 20, 50_000), 900, 5000, 8L << 20,
                2L << 30, 7);
        UsageSeries s = CsvSeriesReader.read(write("leak.csv", leak.csv("rss_bytes")));
        assertThat(s.size()).isEqualTo(181);
        assertThat(s.limitBytes()).isEqualTo(2L << 30);
        var finding = LeakAnalyzer.analyze("leak.csv", List.of(s)).findings().get(0);
        assertThat(finding.verdict()).as(finding.summary()).isEqualTo(Verdict.LEAK);
        assertThat(finding.summary()).startsWith("rss (rolling minimum) grows");
    }
}

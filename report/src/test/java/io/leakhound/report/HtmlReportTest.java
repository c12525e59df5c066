package io.leakhound.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.series.verdict.AlertLevel;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.series.verdict.PointQuality;
import io.leakhound.series.verdict.Trend;
import io.leakhound.series.verdict.UsageSeries;
import io.leakhound.series.verdict.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    @Test
    void leakingHeap_chartWithSawtoothBaselineTrendLimitsOnset() {
        String html = HtmlReport.render(Analyses.leakingHeap());
        assertThat(Pattern.compile("<svg ").matcher(html).results().count()).isEqualTo(2);
        // 300 events, before and after each: few enough to draw every point
        assertThat(SvgChart.countPolylinePoints(html, "raw")).isEqualTo(600);
        assertThat(Pattern.compile("<circle class=\"base\"").matcher(html).results().count()).isEqualTo(15);
        assertThat(html).contains("<line class=\"trend leak\"")
                .contains(">70 % warning</text>").contains(">85 % escalate</text>").contains(">95 % critical</text>")
                .contains(">max 256 MB</text>")
                .contains("growth from 00:01:12")
                .contains("keeps growing: this looks like a leak")
                .contains("12 lines not recognised were skipped")
                .contains("metaspace after each GC");
    }

    @Test
    void findingWithoutPoints_saysSoInsteadOfEmptyChart() {
        MemoryAnalysis a = Analyses.leakingHeap();
        MemoryAnalysis noEvents = new MemoryAnalysis(a.source(), a.span(), a.findings(), a.gc(), null, a.warnings());
        String html = HtmlReport.render(noEvents);
        assertThat(Pattern.compile("<svg ").matcher(html).results().count()).isEqualTo(1);
        assertThat(html).contains("No data points to chart for metaspace.");
    }

    @Test
    void yAxis_ticksShareTheUnitOfTheTop() {
        // 1.4 MB of data, 1.6 MB at the top: ticks 0, 0.5 MB, 1 MB, 1.5 MB, none in KB
        String svg = SvgChart.render(Analyses.flatMetaspace(1400 << 10), null, 0);
        assertThat(svg).contains(">0</text>", ">0.5 MB</text>", ">1 MB</text>", ">1.5 MB</text>")
                .doesNotContain(" KB</text>");
    }

    @Test
    void csvWithEpochTimes_axisAndOnsetFromFirstSample() {
        // 10 min of samples starting 2026-01-01T00:00Z; growth from 4 min after the first sample
        long start = 1_767_225_600_000L;
        UsageSeries.Builder b = UsageSeries.builder("rss");
        for (int i = 0; i <= 600; i++) {
            b.add(start + i * 1000L, (100L << 20) + Math.max(0, i - 240) * (100L << 10),
                    PointQuality.RAW);
        }
        Finding rss = new Finding("rss",
                Verdict.LEAK, 0.95, 360.0 * 100 * 1024 * 10, Duration.ofMinutes(4),
                null, -1, 135L << 20, AlertLevel.NONE, "rss grows", b.build(),
                new Trend(start + 240_000, 100.0 * (1 << 20), 360.0 * 100 * 1024 * 10));
        String svg = SvgChart.render(rss, null, 0);
        assertThat(svg).contains(">0:00</text>", ">10:00</text>", "time since first sample (m:ss)",
                "growth from 00:04:00");
    }

    @Test
    void render_selfContained_noScriptNoNetwork() {
        String html = HtmlReport.render(Analyses.leakingHeap());
        assertThat(html).doesNotContain("<script").doesNotContain("https://").doesNotContain("<link")
                .doesNotContain("@import").doesNotContain("url(http");
        // the only URL is the SVG namespace, which is an identifier, not fetched
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://");
    }

    @Test
    void render_textFromInput_escaped() {
        MemoryAnalysis a = Analyses.leakingHeap();
        MemoryAnalysis hostile = new MemoryAnalysis("<script>alert(1)</script>.log", a.span(), a.findings(), a.gc(),
                a.events(), List.of("line 3: <img src=x onerror=alert(1)>"));
        String html = HtmlReport.render(hostile);
        assertThat(html).doesNotContain("<script>").doesNotContain("<img")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;.log");
    }

    @Test
    void longLog_chartStaysSmall() {
        MemoryAnalysis a = Analyses.leakingHeap();
        MemoryAnalysis big = new MemoryAnalysis(a.source(), Duration.ofHours(14), a.findings(), a.gc(),
                Analyses.leakingSeries(100_000), a.warnings());
        String html = HtmlReport.render(big);
        assertThat(SvgChart.countPolylinePoints(html, "raw")).isBetween(1000, SvgChart.MAX_POINTS);
        assertThat(html.length()).isLessThan(200_000);
        assertThat(html).contains("(h:mm)");
    }

    @Test
    void csvSeries_baselineOnly_limitsOmittedWhenUnknown() {
        String html = HtmlReport.render(Analyses.stableCsv("rss.csv"));
        assertThat(SvgChart.countPolylinePoints(html, "raw")).isZero();
        assertThat(html).contains("<line class=\"trend stable\"").doesNotContain("% warning")
                .doesNotContain("GC pressure");
    }
}

package io.leakhound.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leakhound.series.verdict.AlertLevel;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.series.verdict.PointQuality;
import io.leakhound.series.verdict.Trend;
import io.leakhound.series.verdict.UsageSeries;
import io.leakhound.series.verdict.Verdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An analysis whose every finding is INCONCLUSIVE is "not enough data to judge" in every report, never a
 * green "no leak found", and the figures its verdict does not vouch for are unknown (null), not 0. The
 * finding carries the 0 growth and the flat trend the engine fills in for too little data.
 */
class InconclusiveReportsTest {

    private static MemoryAnalysis tooShort() {
        UsageSeries.Builder b = UsageSeries.builder("rss").limitBytes(-1);
        for (int i = 0; i < 3; i++) {
            b.add(i * 1000L, 100L << 20, PointQuality.RAW);
        }
        Finding rss = new Finding("rss", Verdict.INCONCLUSIVE, 0, 0, Duration.ZERO, Duration.ofHours(3), -1, 100L << 20,
                AlertLevel.NONE, "only 3 samples over 2 s: need at least 5 samples over 45 s", b.build(),
                new Trend(0, 100.0 * (1 << 20), 0));
        return new MemoryAnalysis("short.csv", Duration.ofSeconds(2), List.of(rss), null, null, List.of());
    }

    @Test
    void allInconclusive_text_saysNotEnoughDataToJudge_notNoLeak() {
        String text = TextReport.render(tooShort());
        assertThat(text).contains("=> not enough data to judge").doesNotContain("no leak found");
        assertThat(Conclusion.of(tooShort())).isEqualTo(Conclusion.NOT_ENOUGH_DATA);
    }

    @Test
    void allInconclusive_json_unknownFiguresAreNull_measuredOnesKept() throws Exception {
        JsonNode root = JsonReport.MAPPER.readTree(JsonReport.render(tooShort()));
        assertThat(root.get("conclusion").asText()).isEqualTo("NOT_ENOUGH_DATA");
        assertThat(root.get("leak").asBoolean()).isFalse();
        JsonNode f = root.at("/findings/0");
        for (String unknown : List.of("growthBytesPerHour", "onsetSeconds", "timeToExhaustion",
                "timeToExhaustionSeconds", "trend")) {
            assertThat(f.get(unknown)).as(unknown).isNotNull();
            assertThat(f.get(unknown).isNull()).as(unknown + " is null").isTrue();
        }
        assertThat(f.get("lastBaselineBytes").asLong()).isEqualTo(100L << 20);
    }

    @Test
    void allInconclusive_html_greyBannerAndUnknownGrowth() {
        String page = HtmlReport.render(tooShort());
        assertThat(page).contains("<p class=\"overall inconclusive\">not enough data to judge")
                .doesNotContain("overall no-leak");
        assertThat(page).contains("<dt>growth</dt><dd>unknown</dd>").contains("<dt>exhausted in</dt><dd>unknown</dd>");
    }

    @Test
    void oneJudgedFinding_besideInconclusive_isNoLeak() {
        MemoryAnalysis stable = Analyses.stableCsv("rss.csv");
        MemoryAnalysis mixed = new MemoryAnalysis("both", Duration.ofSeconds(299),
                List.of(stable.findings().get(0), tooShort().findings().get(0)), null, null, List.of());
        assertThat(Conclusion.of(mixed)).isEqualTo(Conclusion.NO_LEAK);
        assertThat(TextReport.render(mixed)).contains("=> no leak found (some findings are inconclusive)");
    }
}

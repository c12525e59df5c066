package io.leakhound.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextReportTest {

    @Test
    void leakingHeap_headerFindingsWarningsConclusion() {
        String text = TextReport.render(Analyses.leakingHeap());
        String[] lines = text.split("\n");
        assertThat(lines[0]).isEqualTo(
                "gc.log: 2 min 30 s, 300 GC events, pauses 0.8 % of the time (recently 1.2 %), 0 full GCs");
        assertThat(lines[1]).startsWith("LEAK    heap       heap after GC grows 8.8 GB/h since 00:01:12")
                .endsWith("[ESCALATE: 92 % of 256 MB after GC]");
        assertThat(lines[2]).startsWith("STABLE  metaspace  metaspace after GC is flat").doesNotContain("[");
        assertThat(lines[3]).isEqualTo("warning: 12 lines not recognised were skipped");
        assertThat(lines[4]).isEqualTo("=> leak found in heap");
        assertThat(lines).hasSize(5);
    }

    @Test
    void csvSeries_headerCountsSamples_noLeak() {
        String text = TextReport.render(Analyses.stableCsv("rss.csv"));
        assertThat(text).startsWith("rss.csv: 4 min 59 s, 300 samples\n")
                .contains("STABLE  rss  rss is flat at 100 MB")
                .endsWith("=> no leak found\n");
    }
}

package io.leakhound.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.series.Unit;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.series.verdict.Verdict;
import io.leakhound.series.history.Annotation;
import io.leakhound.store.Sample;
import io.leakhound.series.history.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict over a stored series, and the marker a growth is put down to. */
class WatchAnalysisTest {

    private static final long MB = 1L << 20;
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final Target NODE = new Target(1, Target.PROCESS, 4242, START, "node server.js", -1);

    /** RSS flat at 200 MB for 40 minutes, then 1 MB a minute more for 80 minutes, one sample a minute. */
    private static List<Sample> rssGrowingAfter40Minutes() {
        List<Sample> samples = new ArrayList<>();
        for (int minute = 0; minute <= 120; minute++) {
            long rss = 200 * MB + Math.max(0, minute - 40) * MB + (minute % 3) * 64 * 1024;
            samples.add(new Sample("rss", Unit.BYTES, START.plus(Duration.ofMinutes(minute)), rss, 2048 * MB));
        }
        return samples;
    }

    @Test
    void growthStartingAfterAMarker_findingSaysHowLongAfter() {
        Annotation deploy = new Annotation(START.plus(Duration.ofMinutes(38)), "deploy v1.4.2");

        MemoryAnalysis analysis = WatchAnalysis.analyze(NODE, List.of(), rssGrowingAfter40Minutes(), List.of(deploy));

        Finding rss = analysis.findings().get(0);
        assertThat(rss.verdict()).isEqualTo(Verdict.LEAK);
        assertThat(rss.onset()).isBetween(Duration.ofMinutes(38), Duration.ofMinutes(48));
        Duration after = Duration.between(deploy.at(), START.plus(rss.onset()));
        assertThat(rss.summary()).endsWith("; growth began " + io.leakhound.series.Human.duration(after)
                + " after 'deploy v1.4.2'");
    }

    @Test
    void boundedHistory_keepsAtMostItsCapacity_andJudgesTheSameGrowth() {
        WatchAnalysis.History bounded = new WatchAnalysis.History(NODE, 32);
        bounded.add(List.of(), rssGrowingAfter40Minutes());

        // 121 points into 32: thinned to 16 at the 33rd, then again, never above the capacity
        assertThat(bounded.keptPoints("rss")).isBetween(16, 32);
        assertThat(bounded.sampleCount()).isEqualTo(121);
        Finding unbounded = WatchAnalysis.analyze(NODE, List.of(), rssGrowingAfter40Minutes(), List.of())
                .findings().get(0);
        Finding thinned = bounded.analyze(List.of()).findings().get(0);
        assertThat(thinned.verdict()).isEqualTo(unbounded.verdict()).isEqualTo(Verdict.LEAK);
        // merging pairs into their minimum lowers no growth: 1 MB a minute = 60 MB/h, within 15 %
        assertThat(thinned.growthBytesPerHour()).isBetween(51.0 * MB, 69.0 * MB);
    }

    @Test
    void inMemoryJournal_keepsTheLatestOnly() throws Exception {
        InMemoryJournal journal = new InMemoryJournal(2);
        Target self = journal.target(Target.JVM, 7, START, "app", 64 * MB);
        for (int i = 0; i < 5; i++) {
            journal.addFinding(self.id(), new io.leakhound.store.StoredFinding(START.plusSeconds(i), "heap",
                    Verdict.STABLE, 0.5, 0, io.leakhound.series.verdict.AlertLevel.NONE, "finding " + i));
        }
        assertThat(journal.findings(self.id())).extracting(io.leakhound.store.StoredFinding::summary)
                .containsExactly("finding 3", "finding 4");
        assertThat(journal.target(Target.JVM, 7, START, "app", 64 * MB)).isSameAs(self);
    }

    @Test
    void markersLongBeforeOrAfterTheOnset_notMentioned() {
        List<Annotation> markers = List.of(new Annotation(START.plus(Duration.ofMinutes(5)), "config reload"),
                new Annotation(START.plus(Duration.ofMinutes(100)), "deploy v1.4.3"));

        MemoryAnalysis analysis = WatchAnalysis.analyze(NODE, List.of(), rssGrowingAfter40Minutes(), markers);

        assertThat(analysis.findings().get(0).verdict()).isEqualTo(Verdict.LEAK);
        assertThat(analysis.findings().get(0).summary()).doesNotContain("growth began");
    }

    @Test
    void markerBefore_latestWithinReachWins() {
        Instant began = START.plus(Duration.ofMinutes(30));
        Annotation early = new Annotation(began.minus(Duration.ofMinutes(9)), "first");
        Annotation late = new Annotation(began.minus(Duration.ofSeconds(40)), "second");
        Annotation tooEarly = new Annotation(began.minus(Duration.ofMinutes(11)), "too early");

        assertThat(io.leakhound.series.history.Markers.markerBefore(began, List.of(early, late, tooEarly))).isEqualTo(late);
        assertThat(io.leakhound.series.history.Markers.markerBefore(began, List.of(tooEarly))).isNull();
    }

    @Test
    void samplesOutOfOrder_droppedRatherThanFailingTheSeries() {
        List<Sample> samples = new ArrayList<>(rssGrowingAfter40Minutes());
        samples.add(60, new Sample("rss", Unit.BYTES, START.plus(Duration.ofMinutes(10)), 999 * MB, -1));

        MemoryAnalysis analysis = WatchAnalysis.analyze(NODE, List.of(), samples, List.of());

        assertThat(analysis.findings().get(0).verdict()).isEqualTo(Verdict.LEAK);
        assertThat(analysis.findings().get(0).baseline().size()).isPositive();
    }
}

package io.leakhound.series.gclog;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.series.Collector;
import io.leakhound.series.GcEvent;
import io.leakhound.series.GcKind;
import io.leakhound.series.MemoryChange;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The unified-logging parser on short snippets, each copied from a real log of the collector named. */
class UnifiedLogParserTest {

    private static final long K = 1024;
    private static final long M = 1024 * 1024;

    private final List<GcEvent> events = new ArrayList<>();
    private final UnifiedLogParser parser = new UnifiedLogParser(events::add, new WallClockOrigin());

    private List<GcEvent> parse(String... lines) {
        parser.startFile(Path.of("snippet.log"));
        long n = 0;
        for (String line : lines) {
            parser.accept(AsciiLine.of(line), ++n);
        }
        parser.endOfFile();
        return events;
    }

    @Test
    void g1GcDefault_youngPause_readsSizesPauseCauseAndStartTime() {
        parse("[0.018s][info][gc] Using G1",
                "[0.202s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 14M->12M(128M) 6.529ms");
        assertThat(parser.collector()).isEqualTo(Collector.G1);
        assertThat(events).hasSize(1);
        GcEvent e = events.get(0);
        assertThat(e.kind()).isEqualTo(GcKind.YOUNG);
        assertThat(e.name()).isEqualTo("Pause Young (Normal)");
        assertThat(e.cause()).isEqualTo("G1 Evacuation Pause");
        assertThat(e.gcId()).isZero();
        assertThat(e.heap()).isEqualTo(MemoryChange.of(14 * M, 12 * M, 128 * M));
        assertThat(e.pause()).isEqualTo(Duration.ofNanos(6_529_000));
        assertThat(e.duration()).isEqualTo(e.pause());
        // the line is written when the pause ends: it started 6.529 ms earlier
        assertThat(e.uptime()).isEqualTo(Duration.ofNanos(202_000_000 - 6_529_000));
        assertThat(e.metaspace()).isEqualTo(MemoryChange.UNKNOWN);
    }

    @Test
    void g1Kinds_mixedFullRemarkCleanupAndCycle_mapToOurKinds() {
        parse("[0.1s][info][gc] Using G1",
                "[1.0s][info][gc] GC(5) Pause Young (Concurrent Start) (G1 Humongous Allocation) 80M->80M(128M) 6.187ms",
                "[1.1s][info][gc] GC(6) Concurrent Mark Cycle",
                "[1.2s][info][gc] GC(6) Pause Remark 121M->121M(128M) 0.837ms",
                "[1.3s][info][gc] GC(6) Pause Cleanup 9M->9M(28M) 0.001ms",
                "[1.4s][info][gc] GC(6) Concurrent Mark Cycle 42.463ms",
                "[1.5s][info][gc] GC(7) Pause Young (Prepare Mixed) (G1 Evacuation Pause) 29M->28M(123M) 2.790ms",
                "[1.6s][info][gc] GC(8) Pause Young (Mixed) (G1 Evacuation Pause) 29M->20M(123M) 2.790ms",
                "[1.7s][info][gc] GC(9) Pause Full (System.gc()) 128M->8M(28M) 14.918ms",
                "[1.8s][info][gc] GC(10) Concurrent Undo Cycle 0.125ms");
        assertThat(events).extracting(GcEvent::kind).containsExactly(GcKind.YOUNG, GcKind.CONCURRENT_CYCLE,
                GcKind.CONCURRENT_CYCLE, GcKind.CONCURRENT_CYCLE, GcKind.YOUNG, GcKind.MIXED, GcKind.FULL,
                GcKind.CONCURRENT_CYCLE);
        assertThat(events.get(6).cause()).isEqualTo("System.gc()");
        GcEvent cycle = events.get(3);
        assertThat(cycle.name()).isEqualTo("Concurrent Mark Cycle");
        assertThat(cycle.isPause()).isFalse();
        assertThat(cycle.duration()).isEqualTo(Duration.ofNanos(42_463_000));
        assertThat(cycle.heap()).isEqualTo(MemoryChange.UNKNOWN);
    }

    @Test
    void g1Jdk11_initialMarkAndMixedPauses_areYoungAndMixed() {
        parse("[0.295s][info][gc] GC(5) Pause Initial Mark (G1 Evacuation Pause) 80M->80M(128M) 6.187ms",
                "[0.693s][info][gc] GC(50) Pause Mixed (G1 Evacuation Pause) 29M->28M(123M) 2.790ms",
                "[0.318s][info][gc] GC(11) To-space exhausted");
        assertThat(events).extracting(GcEvent::kind).containsExactly(GcKind.YOUNG, GcKind.MIXED);
        assertThat(events.get(0).name()).isEqualTo("Pause Initial Mark");
        assertThat(parser.collector()).isEqualTo(Collector.G1);
    }

    @Test
    void g1GcStar_detailLines_foldIntoTheSummaryEvent() {
        parse("[0.005s][info][gc,init] Heap Region Size: 1M",
                "[0.005s][info][gc,init] Heap Max Capacity: 256M",
                "[0.200s][info][gc,start     ] GC(0) Pause Young (Normal) (G1 Evacuation Pause)",
                "[0.207s][info][gc,phases    ] GC(0)   Evacuate Collection Set: 6.4ms",
                "[0.207s][info][gc,heap      ] GC(0) Eden regions: 14->0(8)",
                "[0.207s][info][gc,heap      ] GC(0) Old regions: 0->11",
                "[0.207s][info][gc,heap      ] GC(0) Humongous regions: 2->1",
                "[0.207s][info][gc,metaspace ] GC(0) Metaspace: 131K(320K)->135K(384K) NonClass: 126K(192K)->126K(192K)",
                "[0.207s][info][gc           ] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 14M->12M(128M) 7.033ms",
                "[0.207s][info][gc,cpu       ] GC(0) User=0.00s Sys=0.06s Real=0.01s");
        assertThat(parser.maxHeapBytes()).isEqualTo(256 * M);
        assertThat(events).hasSize(1);
        GcEvent e = events.get(0);
        // old generation = old + humongous regions, 1 MiB each
        assertThat(e.oldGen()).isEqualTo(MemoryChange.of(2 * M, 12 * M, -1));
        assertThat(e.metaspace()).isEqualTo(MemoryChange.of(131 * K, 135 * K, 384 * K));
        assertThat(parser.skippedLines()).isZero();
    }

    @Test
    void parallelGcStar_oldGenAndJdk11Metaspace_areRead() {
        parse("[0.022s][info][gc] Using Parallel",
                "[0.066s][info][gc,start    ] GC(3) Pause Full (Ergonomics)",
                "[0.066s][info][gc,heap     ] GC(3) PSYoungGen: 17920K(18944K)->0K(18944K) Eden: 16384K(16384K)->0K(16384K)",
                "[0.066s][info][gc,heap     ] GC(3) ParOldGen: 8K->2048K(44032K)",
                "[0.066s][info][gc,metaspace] GC(3) Metaspace: 3644K->3644K(1056768K)",
                "[0.066s][info][gc          ] GC(3) Pause Full (Ergonomics) 17M->2M(61M) 8.515ms");
        GcEvent e = events.get(0);
        assertThat(e.collector()).isEqualTo(Collector.PARALLEL);
        assertThat(e.kind()).isEqualTo(GcKind.FULL);
        assertThat(e.cause()).isEqualTo("Ergonomics");
        assertThat(e.oldGen()).isEqualTo(MemoryChange.of(8 * K, 2048 * K, 44032 * K));
        assertThat(e.metaspace()).isEqualTo(MemoryChange.of(3644 * K, 3644 * K, 1056768 * K));
    }

    @Test
    void serialGcStar_tenured_isTheOldGeneration() {
        parse("[0.058s][info][gc,heap     ] GC(3) DefNew: 18143K(19648K)->1018K(19648K) Eden: 17472K(17472K)->0K(17472K)",
                "[0.058s][info][gc,heap     ] GC(3) Tenured: 789K(43712K)->1123K(43712K)",
                "[0.058s][info][gc          ] GC(3) Pause Young (Allocation Failure) 18M->1M(61M) 0.232ms");
        assertThat(parser.collector()).isEqualTo(Collector.SERIAL);
        assertThat(events.get(0).oldGen()).isEqualTo(MemoryChange.of(789 * K, 1123 * K, 43712 * K));
        assertThat(events.get(0).kind()).isEqualTo(GcKind.YOUNG);
    }

    @Test
    void cmsUnified_initialMarkAndRemark_areConcurrentCyclePauses() {
        parse("[0.010s][info][gc] Using Concurrent Mark Sweep",
                "[0.500s][info][gc] GC(1) Pause Young (Allocation Failure) 20M->10M(60M) 3.000ms",
                "[0.600s][info][gc] GC(2) Pause Initial Mark 30M->30M(60M) 0.500ms",
                "[0.610s][info][gc] GC(2) Concurrent Mark 9.000ms",
                "[0.700s][info][gc] GC(2) Pause Remark 35M->35M(60M) 2.000ms",
                "[0.800s][info][gc] GC(2) Concurrent Sweep 20.000ms");
        assertThat(events).extracting(GcEvent::kind)
                .containsExactly(GcKind.YOUNG, GcKind.CONCURRENT_CYCLE, GcKind.CONCURRENT_CYCLE);
        assertThat(events).allMatch(e -> e.collector() == Collector.CMS);
    }

    @Test
    void zgcJdk17_cycleWithPercentages_isAConcurrentCycleWithItsPausesSummed() {
        parse("[0.008s][info][gc,init] Max Capacity: 256M",
                "[0.253s][info][gc,start    ] GC(5) Garbage Collection (Allocation Rate)",
                "[0.254s][info][gc,phases   ] GC(5) Pause Mark Start 0.006ms",
                "[0.255s][info][gc,phases   ] GC(5) Concurrent Mark 1.905ms",
                "[0.255s][info][gc,phases   ] GC(5) Pause Mark End 0.005ms",
                "[0.256s][info][gc,phases   ] GC(5) Pause Relocate Start 0.003ms",
                "[0.258s][info][gc,metaspace] GC(5) Metaspace: 12M used, 13M committed, 1088M reserved",
                "[0.283s][info][gc          ] GC(5) Garbage Collection (Allocation Rate) 120M(47%)->20M(8%)");
        assertThat(parser.collector()).isEqualTo(Collector.ZGC);
        GcEvent e = events.get(0);
        assertThat(e.kind()).isEqualTo(GcKind.CONCURRENT_CYCLE);
        assertThat(e.cause()).isEqualTo("Allocation Rate");
        assertThat(e.heap()).isEqualTo(MemoryChange.of(120 * M, 20 * M, 256 * M));
        assertThat(e.pause()).isEqualTo(Duration.ofNanos(14_000));
        // from the start line to the summary line
        assertThat(e.uptime()).isEqualTo(Duration.ofMillis(253));
        assertThat(e.duration()).isEqualTo(Duration.ofMillis(30));
        assertThat(e.metaspace()).isEqualTo(MemoryChange.of(12 * M, 12 * M, 13 * M));
    }

    @Test
    void zgcWithoutMaxCapacity_capacityComesFromThePercentage() {
        parse("[1.221s][info][gc] GC(0) Garbage Collection (Metadata GC Threshold) 10620M(5%)->8800M(4%)");
        // 10620M is 5 % of the heap: 212400M (the log's own rounding makes this approximate)
        assertThat(events.get(0).heap().capacityBytes()).isEqualTo(10620 * M * 100 / 5);
    }

    @Test
    void generationalZgc_majorAndMinor_areConcurrentCycleAndYoungWithSecondsDurations() {
        parse("[0.038s][info][gc] Using The Z Garbage Collector",
                "[0.155s][info][gc] GC(0) Major Collection (Warmup)",
                "[0.176s][info][gc] GC(2) Minor Collection (Allocation Rate)",
                "[0.184s][info][gc] GC(2) Minor Collection (Allocation Rate) 42M(66%)->22M(34%) 0.007s",
                "[0.184s][info][gc] GC(0) Major Collection (Warmup) 28M(44%)->22M(34%) 0.029s");
        assertThat(parser.collector()).isEqualTo(Collector.GENERATIONAL_ZGC);
        assertThat(events).extracting(GcEvent::kind).containsExactly(GcKind.YOUNG, GcKind.CONCURRENT_CYCLE);
        GcEvent major = events.get(1);
        assertThat(major.duration()).isEqualTo(Duration.ofMillis(29));
        assertThat(major.uptime()).isEqualTo(Duration.ofMillis(155));
        assertThat(major.isPause()).isFalse();
        assertThat(major.heap().afterBytes()).isEqualTo(22 * M);
    }

    @Test
    void generationalZgcWithHeapRows_majorCarriesTheOldGenerationsLiveAtMarkEnd_minorNone() {
        parse("[0.038s][info][gc] Using The Z Garbage Collector",
                "[14.709s][info][gc          ] GC(14) Major Collection (Proactive)",
                "[14.713s][info][gc,heap     ] GC(14) Y:      Live:         -                28M (11%)           6M (3%)            4M (2%)     ",
                "[14.729s][info][gc,heap     ] GC(14) O:      Live:         -                 9M (4%)            9M (4%)            9M (4%)     ",
                "[14.729s][info][gc          ] GC(14) Major Collection (Proactive) 190M(74%)->64M(25%) 0.021s",
                "[15.100s][info][gc,heap     ] GC(15) y:      Live:         -                 3M (1%)            2M (1%)            2M (1%)     ",
                "[15.104s][info][gc          ] GC(15) Minor Collection (High Usage) 234M(91%)->174M(68%) 0.007s");
        assertThat(events).extracting(GcEvent::liveBytes).containsExactly(9 * M, -1L);
        assertThat(events.get(0).heap().afterBytes()).isEqualTo(64 * M);
    }

    @Test
    void singleGenerationZgcWithHeapRows_cycleCarriesTheLiveHeapAtMarkEnd() {
        parse("[0.950s][info][gc,heap     ] GC(0)      Live:         -                65M (7%)           65M (7%)           65M (7%)             -                  -",
                "[0.951s][info][gc          ] GC(0) Garbage Collection (Warmup) 102M(10%)->80M(8%)");
        assertThat(events).singleElement().extracting(GcEvent::liveBytes).isEqualTo(65 * M);
    }

    @Test
    void shenandoahCycle_gathersPhasesUntilTheNextGcId() {
        parse("[0.020s][info][gc] Using Shenandoah",
                "[0.127s][info][gc] GC(0) Concurrent reset 0.034ms",
                "[0.129s][info][gc] GC(0) Pause Init Mark (unload classes) 0.043ms",
                "[0.134s][info][gc] GC(0) Concurrent marking (unload classes) 1.488ms",
                "[0.134s][info][gc] GC(0) Pause Final Mark (unload classes) 0.038ms",
                "[0.134s][info][gc] GC(0) Concurrent cleanup 22M->22M(64M) 0.009ms",
                "[0.135s][info][gc] GC(0) Concurrent evacuation 0.535ms",
                "[0.136s][info][gc] GC(0) Pause Final Update Refs 0.007ms",
                "[0.136s][info][gc] GC(0) Concurrent cleanup 22M->5M(64M) 0.013ms",
                "[0.146s][info][gc] Trigger: Learning 2 of 5. Free (38711K) is below initial threshold (45875K)",
                "[0.148s][info][gc] GC(1) Concurrent reset 1.507ms");
        assertThat(events).hasSize(2);
        GcEvent e = events.get(0);
        assertThat(e.collector()).isEqualTo(Collector.SHENANDOAH);
        assertThat(e.kind()).isEqualTo(GcKind.CONCURRENT_CYCLE);
        assertThat(e.heap()).isEqualTo(MemoryChange.of(22 * M, 5 * M, 64 * M));
        assertThat(e.pause()).isEqualTo(Duration.ofNanos(88_000));
        assertThat(e.uptime()).isEqualTo(Duration.ofNanos(127_000_000 - 34_000));
        // the second cycle is cut off by the end of the snippet: emitted without sizes
        assertThat(events.get(1).heap()).isEqualTo(MemoryChange.UNKNOWN);
    }

    @Test
    void shenandoahDegenerated_underTheNextGcId_isOneFullCollection() {
        parse("[286ms][info][gc] GC(5) Concurrent reset (unload classes) 0.008ms",
                "[286ms][info][gc] GC(5) Pause Init Mark (unload classes) 0.007ms",
                "[289ms][info][gc] GC(5) Concurrent marking (unload classes) 2.405ms",
                "[289ms][info][gc] Cancelling GC: Allocation Failure",
                "[294ms][info][gc] GC(6) Pause Degenerated GC (Mark) 30M->4M(32M) 3.987ms");
        assertThat(events).hasSize(1);
        GcEvent e = events.get(0);
        assertThat(e.kind()).isEqualTo(GcKind.FULL);
        assertThat(e.cause()).isEqualTo("Mark");
        assertThat(e.pause()).isEqualTo(Duration.ofNanos(3_987_000 + 7_000));
    }

    @Test
    void shenandoahFull_isFull() {
        parse("[43.948s][info][gc] GC(831) Pause Full (Allocation Failure) 7943M->6013M(8192M) 14289.335ms");
        assertThat(events.get(0).kind()).isEqualTo(GcKind.FULL);
        assertThat(events.get(0).pause()).isEqualTo(Duration.ofNanos(14_289_335_000L));
    }

    @Test
    void decorations_anyOrderPaddedOrNot_giveTheSameEvent() {
        String body = "GC(3) Pause Young (Normal) (G1 Evacuation Pause) 14M->12M(128M) 2.000ms";
        String[] styles = {
            "[12.345s][info][gc] ",
            "[12345ms][info ][gc,heap      ] ",
            "[12345000000ns] ",
            "[info][gc][12.345s] ",
            "[2024-01-01T10:00:00.123+0000][12.345s][4711][4712][info][gc] ",
            "[    12.345s][gc] ",
        };
        for (String style : styles) {
            events.clear();
            parse(style + body);
            assertThat(events).as(style).hasSize(1);
            assertThat(events.get(0).uptime()).as(style).isEqualTo(Duration.ofMillis(12_343));
        }
    }

    @Test
    void decorations_wallClockOnly_uptimeCountsFromTheFirstTime() {
        parse("[2024-01-01T10:00:00.000+0100][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 4M->1M(8M) 1.000ms",
                "[2024-01-01T10:00:05.000+0100][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 4M->1M(8M) 1.000ms");
        assertThat(events.get(0).wallClock()).isEqualTo(Instant.parse("2024-01-01T08:59:59.999Z"));
        assertThat(events.get(0).uptime()).isZero();
        assertThat(events.get(1).uptime()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void decorations_timemillisAndTimenanos_areNotTakenForUptime() {
        // timemillis is epoch ms; timenanos a monotonic clock: neither is the uptime when uptime is there
        parse("[1795469105114ms][0.226s][1427844762925ns][info][gc] GC(0) Pause Full (System.gc()) 4M->1M(8M) 1.000ms");
        assertThat(events.get(0).uptime()).isEqualTo(Duration.ofMillis(225));
        assertThat(events.get(0).wallClock()).isEqualTo(Instant.ofEpochMilli(1795469105113L));
    }

    @Test
    void noDecorations_eventsAreReadWithAWarning() {
        parse("Using Serial", "GC(0) Pause Young (Allocation Failure) 8M->1M(30M) 1.000ms");
        assertThat(events).hasSize(1);
        assertThat(parser.warnings()).singleElement().asString().contains("no time decorations");
    }

    @Test
    void commaDecimals_areRead() {
        parse("[1,297s][info][gc] GC(0) Pause Full (System.gc()) 10M->1M(128M) 7,061ms");
        assertThat(events.get(0).pause()).isEqualTo(Duration.ofNanos(7_061_000));
        assertThat(events.get(0).uptime()).isEqualTo(Duration.ofNanos(1_289_939_000));
    }

    @Test
    void cutLine_pauseWithoutItsDuration_isSkippedNotEmitted() {
        parse("[0.2s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 14M->12M(128M) 7.0");
        assertThat(events).isEmpty();
        assertThat(parser.skippedLines()).isEqualTo(1);
    }

    @Test
    void unknownLines_areCountedAsSkipped() {
        parse("[0.1s][info][safepoint] Application time: 0.1177031 seconds", "hello", "",
                "[0.2s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 14M->12M(128M) 7.0ms");
        assertThat(parser.skippedLines()).isEqualTo(3);
        assertThat(events).hasSize(1);
    }

    @Test
    void recognizes_unifiedLinesButNotJdk8OrJRockit() {
        assertThat(GcLogFormatSniffer.isUnifiedLine(AsciiLine.of("[0.018s][info][gc] Using G1"))).isTrue();
        assertThat(GcLogFormatSniffer.isUnifiedLine(AsciiLine.of("[0.018s] GC(0) Pause Young"))).isTrue();
        assertThat(GcLogFormatSniffer.isUnifiedLine(AsciiLine.of("GC(12) Pause Full (System.gc()) 1M->1M(2M) 1ms"))).isTrue();
        assertThat(GcLogFormatSniffer.isUnifiedLine(AsciiLine.of("[0.001s][info][os] Use of CLOCK_MONOTONIC is supported")))
                .isTrue();
        assertThat(GcLogFormatSniffer.isUnifiedLine(AsciiLine.of("[INFO ][memory ] GC mode: Generational"))).isFalse();
        assertThat(GcLogFormatSniffer.isUnifiedLine(
                AsciiLine.of("2.345: [GC (Allocation Failure) [PSYoungGen: 33280K->5104K(38400K)] 0.0054 secs]")))
                .isFalse();
        assertThat(GcLogFormatSniffer.isUnifiedLine(
                AsciiLine.of("[GC (Allocation Failure) [PSYoungGen: 33280K->5104K(38400K)] 0.0054 secs]"))).isFalse();
    }
}

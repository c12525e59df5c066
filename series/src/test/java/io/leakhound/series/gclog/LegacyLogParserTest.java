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

/** Exact fields of events parsed from short JDK 8 (and earlier) log snippets, one per collector. */
class LegacyLogParserTest {

    private static final long K = 1024;

    private final List<GcEvent> events = new ArrayList<>();
    private final LegacyLogParser parser = new LegacyLogParser(events::add, new WallClockOrigin());

    private List<GcEvent> feed(String... lines) {
        parser.startFile(Path.of("gc.log"));
        for (int i = 0; i < lines.length; i++) {
            parser.accept(lines[i], i + 1);
        }
        parser.endOfFile();
        return events;
    }

    @Test
    void parallel_youngAndErgonomicsFull_generationsAndMetaspace() {
        feed("CommandLine flags: -XX:InitialHeapSize=16777216 -XX:MaxHeapSize=268435456 -XX:+PrintGCDetails -XX:+UseParallelGC",
                "2014-09-11T07:37:08.511-0100: 25.224: [GC (Allocation Failure)",
                "Desired survivor size 11010048 bytes, new threshold 7 (max 15)",
                " [PSYoungGen: 66048K->9007K(76800K)] 66048K->18848K(251392K), 0.0062440 secs] [Times: user=0.03 sys=0.01, real=0.00 secs] ",
                "2014-09-11T07:37:09.511-0100: 26.224: [Full GC (Ergonomics) [PSYoungGen: 9007K->0K(76800K)] [ParOldGen: 9841K->18000K(174592K)] 18848K->18000K(251392K), [Metaspace: 3000K->2990K(1056768K)], 0.0500000 secs] [Times: user=0.10 sys=0.00, real=0.05 secs] ");
        assertThat(parser.maxHeapBytes()).isEqualTo(268435456L);
        assertThat(parser.collector()).isEqualTo(Collector.PARALLEL);
        assertThat(events).hasSize(2);
        GcEvent young = events.get(0);
        assertThat(young).isEqualTo(new GcEvent(Duration.ofMillis(25224), Instant.parse("2014-09-11T08:37:08.511Z"), -1,
                Collector.PARALLEL, GcKind.YOUNG, "PSYoungGen", "Allocation Failure",
                MemoryChange.of(66048 * K, 18848 * K, 251392 * K),
                // old = heap - young: 0 -> 18848-9007 = 9841 K of 251392-76800 = 174592 K
                MemoryChange.of(0, 9841 * K, 174592 * K), MemoryChange.UNKNOWN,
                Duration.ofNanos(6_244_000), Duration.ofNanos(6_244_000)));
        GcEvent full = events.get(1);
        assertThat(full.kind()).isEqualTo(GcKind.FULL);
        assertThat(full.name()).isEqualTo("Full GC");
        assertThat(full.cause()).isEqualTo("Ergonomics");
        assertThat(full.heap()).isEqualTo(MemoryChange.of(18848 * K, 18000 * K, 251392 * K));
        assertThat(full.oldGen()).isEqualTo(MemoryChange.of(9841 * K, 18000 * K, 174592 * K));
        assertThat(full.metaspace()).isEqualTo(MemoryChange.of(3000 * K, 2990 * K, 1056768 * K));
        assertThat(full.pause()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void cms_cycleWithInterleavedConcurrentModeFailure_marksSweepAndFull() {
        feed("83.126: [GC [1 CMS-initial-mark: 454489K(786432K)] 481652K(1022400K), 0.0506279 secs] [Times: user=0.08 sys=0.00, real=0.06 secs] ",
                "83.177: [CMS-concurrent-mark-start]",
                "88.476: [GC 88.476: [ParNew: 235968K->26176K(235968K), 0.1942054 secs] 690457K->520983K(1022400K), 0.1943261 secs] [Times: user=1.14 sys=0.02, real=0.19 secs] ",
                "90.063: [GC[YG occupancy: 135282 K (235968 K)]90.063: [Rescan (parallel) , 0.0385133 secs]90.102: [weak refs processing, 0.0021687 secs] [1 CMS-remark: 494807K(786432K)] 630090K(1022400K), 0.0408013 secs] [Times: user=0.28 sys=0.00, real=0.05 secs] ",
                "90.104: [CMS-concurrent-sweep-start]",
                "90.538: [CMS-concurrent-sweep: 0.434/0.436 secs] [Times: user=1.44 sys=0.03, real=0.44 secs] ",
                "364.157: [GC 364.157: [ParNew: 235968K->235968K(235968K), 0.0000430 secs]364.157: [CMSbailing out to foreground collection",
                "364.261: [CMS-concurrent-mark: 1.616/1.617 secs] [Times: user=5.08 sys=0.01, real=1.63 secs] ",
                "(concurrent mode failure): 702521K->594052K(786432K), 4.9052810 secs] 938489K->594052K(1022400K), [CMS Perm : 22623K->22606K(37688K)], 4.9054799 secs] [Times: user=5.02 sys=0.00, real=4.91 secs] ");
        assertThat(events).extracting(GcEvent::name)
                .containsExactly("CMS-initial-mark", "ParNew", "CMS-remark", "CMS-concurrent-sweep", "CMS");
        assertThat(events).extracting(GcEvent::kind).containsExactly(GcKind.CONCURRENT_CYCLE, GcKind.YOUNG,
                GcKind.CONCURRENT_CYCLE, GcKind.CONCURRENT_CYCLE, GcKind.FULL);
        assertThat(events).allMatch(e -> e.collector() == Collector.CMS);
        GcEvent initialMark = events.get(0);
        assertThat(initialMark.heap()).isEqualTo(MemoryChange.of(481652 * K, 481652 * K, 1022400 * K));
        assertThat(initialMark.oldGen()).isEqualTo(MemoryChange.of(454489 * K, 454489 * K, 786432 * K));
        GcEvent sweep = events.get(3);
        assertThat(sweep.uptime()).isEqualTo(Duration.ofMillis(90538));
        assertThat(sweep.pause()).isZero();
        assertThat(sweep.duration()).isEqualTo(Duration.ofMillis(436));
        // the next record starts with old = 938489 - 235968 = 702521 K: what the sweep left
        assertThat(sweep.oldGen()).isEqualTo(MemoryChange.of(-1, 702521 * K, 786432 * K));
        assertThat(sweep.heap().afterBytes()).isEqualTo(702521 * K);
        GcEvent failure = events.get(4);
        assertThat(failure.cause()).isEqualTo("concurrent mode failure");
        assertThat(failure.heap()).isEqualTo(MemoryChange.of(938489 * K, 594052 * K, 1022400 * K));
        assertThat(failure.oldGen()).isEqualTo(MemoryChange.of(702521 * K, 594052 * K, 786432 * K));
        assertThat(failure.metaspace()).isEqualTo(MemoryChange.of(22623 * K, 22606 * K, 37688 * K));
        assertThat(failure.pause()).isEqualTo(Duration.ofNanos(4_905_479_900L));
        assertThat(parser.skippedLines()).isZero();
    }

    @Test
    void serial_defNewThenTenured_youngAndFull() {
        feed("0.100: [GC 0.100: [DefNew: 2112K->64K(2112K), 0.0050000 secs] 2222K->1300K(8000K), 0.0051000 secs]",
                "0.200: [GC 0.200: [DefNew: 2112K->2112K(2112K), 0.0000100 secs]0.200: [Tenured: 5000K->3000K(5888K), 0.0300000 secs] 7112K->3000K(8000K), [Perm : 2000K->2000K(12288K)], 0.0302000 secs]");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).collector()).isEqualTo(Collector.SERIAL);
        assertThat(events.get(0).kind()).isEqualTo(GcKind.YOUNG);
        assertThat(events.get(0).heap()).isEqualTo(MemoryChange.of(2222 * K, 1300 * K, 8000 * K));
        assertThat(events.get(0).pause()).isEqualTo(Duration.ofNanos(5_100_000));
        GcEvent full = events.get(1);
        assertThat(full.kind()).isEqualTo(GcKind.FULL);
        assertThat(full.name()).isEqualTo("Tenured");
        assertThat(full.uptime()).isEqualTo(Duration.ofMillis(200));
        assertThat(full.oldGen()).isEqualTo(MemoryChange.of(5000 * K, 3000 * K, 5888 * K));
        assertThat(full.metaspace()).isEqualTo(MemoryChange.of(2000 * K, 2000 * K, 12288 * K));
    }

    @Test
    void g1Details_heapFromEdenLine_mixedRemarkCleanupFull() {
        feed("7.203: [GC pause (G1 Evacuation Pause) (mixed), 0.0024360 secs]",
                "   [Parallel Time: 2.1 ms, GC Workers: 8]",
                "      [GC Worker Start (ms): Min: 7203.2, Avg: 7203.3, Max: 7203.4, Diff: 0.3]",
                "7.204: [GC concurrent-cleanup-end, 0.0000111 secs]",
                "   [Eden: 24.0M(24.0M)->0.0B(13.0M) Survivors: 0.0B->3072.0K Heap: 25.0M(256.0M)->3.2M(256.0M)]",
                " [Times: user=0.02 sys=0.00, real=0.00 secs] ",
                "8.000: [GC remark 8.000: [Finalize Marking, 0.0001 secs] 8.000: [GC ref-proc, 0.0001 secs] 8.001: [Unloading, 0.0010 secs], 0.0050000 secs]",
                " [Times: user=0.00 sys=0.00, real=0.01 secs] ",
                "8.010: [GC cleanup 10M->9M(256M), 0.0010000 secs]",
                "9.000: [Full GC (Allocation Failure)  255M->200M(256M), 0.4000000 secs]",
                "   [Eden: 0.0B(13.0M)->0.0B(13.0M) Survivors: 0.0B->0.0B Heap: 255.5M(256.0M)->200.0M(256.0M)], [Metaspace: 3000K->2900K(1056768K)]",
                " [Times: user=0.50 sys=0.00, real=0.40 secs] ");
        assertThat(events).extracting(GcEvent::kind).containsExactly(GcKind.MIXED, GcKind.CONCURRENT_CYCLE,
                GcKind.CONCURRENT_CYCLE, GcKind.FULL);
        assertThat(events).allMatch(e -> e.collector() == Collector.G1);
        GcEvent mixed = events.get(0);
        assertThat(mixed.name()).isEqualTo("GC pause (mixed)");
        assertThat(mixed.cause()).isEqualTo("G1 Evacuation Pause");
        assertThat(mixed.heap()).isEqualTo(MemoryChange.of(25 * K * K, Math.round(3.2 * K * K), 256 * K * K));
        assertThat(mixed.pause()).isEqualTo(Duration.ofNanos(2_436_000));
        assertThat(events.get(1).name()).isEqualTo("GC remark");
        assertThat(events.get(1).heap()).isEqualTo(MemoryChange.UNKNOWN);
        assertThat(events.get(2).heap()).isEqualTo(MemoryChange.of(10 * K * K, 9 * K * K, 256 * K * K));
        GcEvent full = events.get(3);
        assertThat(full.heap()).isEqualTo(MemoryChange.of(Math.round(255.5 * K * K), 200 * K * K, 256 * K * K));
        assertThat(full.metaspace()).isEqualTo(MemoryChange.of(3000 * K, 2900 * K, 1056768 * K));
        assertThat(parser.skippedLines()).isZero();
    }

    @Test
    void g1Verbose_concurrentLineInsidePause_pauseKept() {
        feed("0.388: [GC pause (young) (initial-mark) 10080K->10080K(16M)0.390: [GC concurrent-mark-start]",
                ", 0.0013065 secs]");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).name()).isEqualTo("GC pause (young) (initial-mark)");
        assertThat(events.get(0).kind()).isEqualTo(GcKind.YOUNG);
        assertThat(events.get(0).heap()).isEqualTo(MemoryChange.of(10080 * K, 10080 * K, 16 * K * K));
        assertThat(events.get(0).pause()).isEqualTo(Duration.ofNanos(1_306_500));
    }

    @Test
    void verboseGc_withoutStamps_youngAndFullInOrder() {
        feed("[GC 1024K->512K(4096K), 0.0012 secs]", "[Full GC 1024K->256K(4096K), 0.01 secs]");
        assertThat(events).extracting(GcEvent::kind).containsExactly(GcKind.YOUNG, GcKind.FULL);
        assertThat(events.get(0).heap()).isEqualTo(MemoryChange.of(1024 * K, 512 * K, 4096 * K));
        assertThat(events.get(1).pause()).isEqualTo(Duration.ofMillis(10));
        assertThat(events).allMatch(e -> e.uptime().isZero() && e.wallClock() == null && e.collector() == Collector.UNKNOWN);
    }

    @Test
    void dateStampOnly_uptimeFromFirstWallClock() {
        feed("2022-08-01T17:16:33.170+0000: #0: [GC (Allocation Failure) [ParNew: 8678K->1081K(9792K), 0.0088699 secs] 8678K->8064K(31680K), 0.0106548 secs]",
                "2022-08-01T17:16:35.170+0000: #1: [GC (Allocation Failure) [ParNew: 9760K->1056K(9792K), 0.0089566 secs] 16743K->16701K(31680K), 0.0103324 secs]");
        assertThat(events).extracting(GcEvent::uptime).containsExactly(Duration.ZERO, Duration.ofSeconds(2));
        assertThat(events).extracting(GcEvent::gcId).containsExactly(0L, 1L);
        assertThat(events.get(1).wallClock()).isEqualTo(Instant.parse("2022-08-01T17:16:35.170Z"));
    }

    @Test
    void cmsPrintGcOnly_occupancyRecords_alternateInitialMarkAndRemark() {
        feed("0.423: [GC 41044K->41232K(83008K), 0.0526802 secs]",
                "0.477: [GC 46468K(83008K), 0.0039333 secs]",
                "0.585: [GC 50934K(83008K), 0.0049002 secs]");
        assertThat(events).extracting(GcEvent::name).containsExactly("GC", "CMS-initial-mark", "CMS-remark");
        assertThat(events.get(2).heap()).isEqualTo(MemoryChange.of(50934 * K, 50934 * K, 83008 * K));
    }

    @Test
    void tornRecord_droppedAndCounted_nextRecordParsed() {
        feed("1.0: [GC 1.0: [ParNew",
                "2.0: [GC 2.0: [ParNew: 100K->10K(200K), 0.0100000 secs] 500K->410K(1000K), 0.0100000 secs]",
                "2014-06-16T0,959: Application time: 0,0004470 seconds",
                ", 0,0854230 secs]");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).uptime()).isEqualTo(Duration.ofSeconds(2));
        assertThat(parser.droppedEvents()).isEqualTo(1);
        // The safepoint line is known output; the orphan ", 0,0854230 secs]" is not understood.
        assertThat(parser.skippedLines()).isEqualTo(1);
    }

    @Test
    void cmsScavengeBeforeRemark_youngOnRemarkLine_youngThenRemark() {
        feed("10.000: [GC (CMS Final Remark) [YG occupancy: 1000 K (2000 K)]10.000: [GC (CMS Final Remark) 10.000: [ParNew: 1000K->100K(2000K), 0.0500000 secs] 5000K->4200K(10000K), 0.0510000 secs] [Times: user=0.10 sys=0.00, real=0.05 secs] ",
                "10.051: [Rescan (parallel) , 0.0100000 secs]10.061: [weak refs processing, 0.0000500 secs][1 CMS-remark: 4100K(8000K)] 4200K(10000K), 0.0700000 secs] [Times: user=0.20 sys=0.00, real=0.07 secs] ");
        assertThat(events).extracting(GcEvent::name).containsExactly("ParNew", "CMS-remark");
        GcEvent young = events.get(0);
        assertThat(young.kind()).isEqualTo(GcKind.YOUNG);
        assertThat(young.heap()).isEqualTo(MemoryChange.of(5000 * K, 4200 * K, 10000 * K));
        assertThat(young.pause()).isEqualTo(Duration.ofMillis(51));
        GcEvent remark = events.get(1);
        assertThat(remark.oldGen()).isEqualTo(MemoryChange.of(4100 * K, 4100 * K, 8000 * K));
        assertThat(remark.pause()).isEqualTo(Duration.ofMillis(70));
        assertThat(parser.skippedLines()).isZero();
        assertThat(parser.droppedEvents()).isZero();
    }

    @Test
    void cmsYoungFailures_causeTellsPromotionFailureFromConcurrentModeFailure() {
        feed("1.0: [GC 1.0: [ParNew (promotion failed): 300K->200K(400K), 0.0800000 secs] 2600K->2700K(3000K), 0.0810000 secs] [Times: user=0.80 sys=0.00, real=0.08 secs] ",
                "GC locker: Trying a full collection because scavenge failed",
                "1.1: [Full GC 1.1: [CMS: 2500K->1300K(2600K), 4.0000000 secs] 2700K->1300K(3000K), [CMS Perm : 200K->190K(400K)], 4.0000000 secs] [Times: user=4.00 sys=0.00, real=4.00 secs] ",
                "9.0: [GC 9.0: [ParNew: 400K->400K(400K), 0.0000400 secs]9.0: [CMS (concurrent mode failure): 2500K->1200K(2600K), 5.0000000 secs] 2900K->1200K(3000K), [CMS Perm : 200K->190K(400K)], 5.0000000 secs] [Times: user=5.00 sys=0.00, real=5.00 secs] ",
                "12.0: [GC 12.0: [ParNew: 400K->400K(400K), 0.0000400 secs]12.0: [CMS: 2500K->1100K(2600K), 5.0000000 secs] 2900K->1100K(3000K), [CMS Perm : 200K->190K(400K)], 5.0000000 secs] [Times: user=5.00 sys=0.00, real=5.00 secs] ");
        assertThat(events).extracting(GcEvent::kind)
                .containsExactly(GcKind.YOUNG, GcKind.FULL, GcKind.FULL, GcKind.FULL);
        // The young collection that failed to promote did not collect the old generation: it stays YOUNG.
        assertThat(events).extracting(GcEvent::cause)
                .containsExactly("promotion failed", null, "concurrent mode failure", null);
        assertThat(parser.skippedLines()).isZero();
    }

    @Test
    void knownNonEventOutput_notCountedAsSkipped() {
        feed("CommandLine flags: -XX:+UseConcMarkSweepGC",
                "2.0: Application time: 0.5000000 seconds",
                "2.0: [CMS-concurrent-abortable-preclean-start]",
                " CMS: abort preclean due to time 7.0: [CMS-concurrent-abortable-preclean: 1.000/5.000 secs] [Times: user=1.00 sys=0.00, real=5.00 secs] ",
                "7.1: Total time for which application threads were stopped: 0.0001000 seconds",
                "Heap",
                " par new generation   total 19136K, used 1637K [0x106810000, 0x107cd0000, 0x107cd0000)",
                "  eden space 17024K,   9% used [0x106810000, 0x1069a9580, 0x1078b0000)",
                " concurrent mark-sweep generation total 107776K, used 33389K [0x107cd0000, 0x10e610000, 0x10e610000)");
        assertThat(parser.skippedLines()).isZero();
    }

    @Test
    void g1TidiedDetails_unindentedPhaseLines_notSkipped() {
        feed("3.793: [GC pause (G1 Evacuation Pause) (young)",
                "Desired survivor size 6815744 bytes, new threshold 15 (max 15)",
                ", 0.0266615 secs]",
                "[Parallel Time: 18.9 ms, GC Workers: 1]",
                "[GC Worker Start (ms):  3793.7]",
                "[Code Root Fixup: 0.3 ms]",
                "[Eden: 24.0M(24.0M)->0.0B(20.0M) Survivors: 0.0B->4096.0K Heap: 24.0M(256.0M)->5.0M(256.0M)]",
                "[Times: user=0.02 sys=0.00, real=0.03 secs] ");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).heap()).isEqualTo(MemoryChange.of(24 * 1024 * K, 5 * 1024 * K, 256 * 1024 * K));
        assertThat(parser.skippedLines()).isZero();
    }

    @Test
    void heapAtGcBlock_unbalancedBracketsIgnored() {
        feed("{Heap before GC invocations=1 (full 0):",
                " PSYoungGen      total 154112K, used 26428K [0x460c0000, 0x50cc0000, 0x50cc0000)",
                "  eden space 132096K, 20% used [0x460c0000,0x47a8f098,0x4e1c0000)",
                "2.998: [GC (System.gc()) [PSYoungGen: 26428K->4457K(154112K)] 26428K->4461K(502272K), 0.0103603 secs] [Times: user=0.01 sys=0.00, real=0.01 secs] ",
                "Heap after GC invocations=1 (full 0):",
                " ParOldGen       total 348160K, used 4K [0x10cc0000, 0x260c0000, 0x460c0000)",
                "}");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).cause()).isEqualTo("System.gc()");
        assertThat(events.get(0).heap()).isEqualTo(MemoryChange.of(26428 * K, 4461 * K, 502272 * K));
        assertThat(parser.skippedLines()).isZero();
    }

    @Test
    void recognizes_legacyLines_notUnified() {
        assertThat(LegacyLogParser.recognizes("[GC (Allocation Failure) [PSYoungGen: 1K->1K(2K)] 1K->1K(4K), 0.001 secs]")).isTrue();
        assertThat(LegacyLogParser.recognizes("2014-03-12T10:04:24.123+0100: 1.234: [GC 1.234: [ParNew: 1K->1K(2K), 0.1 secs]")).isTrue();
        assertThat(LegacyLogParser.recognizes("0.123: [Full GC (Ergonomics) [PSYoungGen: 1K->0K(2K)]")).isTrue();
        assertThat(LegacyLogParser.recognizes("7.203: [GC pause (G1 Evacuation Pause) (young), 0.0024360 secs]")).isTrue();
        assertThat(LegacyLogParser.recognizes("Java HotSpot(TM) 64-Bit Server VM (25.0-b65) for windows-amd64 JRE (1.8.0-ea-b123)")).isTrue();
        assertThat(LegacyLogParser.recognizes("CommandLine flags: -XX:MaxHeapSize=268435456")).isTrue();
        assertThat(LegacyLogParser.recognizes("90.104: [CMS-concurrent-sweep-start]")).isTrue();
        assertThat(LegacyLogParser.recognizes("[0.012s][info][gc] Using G1")).isFalse();
        assertThat(LegacyLogParser.recognizes("[2020-01-01T00:00:00.000+0000][gc,start] GC(1) Pause Young")).isFalse();
        assertThat(LegacyLogParser.recognizes("      [GC Worker Start (ms): Min: 7203.2]")).isFalse();
    }
}

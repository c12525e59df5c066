package io.leakhound.jfr.alloc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leakhound.jfr.JfrFile;
import io.leakhound.jfr.JfrFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code alloc} on the real recordings of {@code ../shared/corpus/jfr}, against their sources' expectations. */
class AllocationCorpusTest {

    /**
     * Jifa's TestJFRAnalyzer ({@code jifa_jfr_expected.tsv}): allocated bytes (MEM) and allocation count
     * (ALLOC) of the recording's one thread. Jifa reads the same events and weights (TLAB size, outside-TLAB
     * size; the sample's weight when the recording has samples) but leaves out events it cannot give a task:
     * our totals hold every event, so they are at least Jifa's and within half a percent of them.
     */
    @ParameterizedTest
    @CsvSource({
        "jifa/jfr.jfr, TLAB, 28609059912, 13674",
        "jifa/object-allocation-sample.jfr, OBJECT_ALLOCATION_SAMPLE, 12638637000, 327"})
    void jifa_allocationTotals_matchJifasWithinHalfAPercent(String file, AllocationProfile.AllocationEvents events,
            long jifaBytes, long jifaCount) throws IOException {
        AllocationProfile profile = AllocationProfile.read(JfrFile.open(corpus(file)));

        assertThat(profile.allocationEvents()).isEqualTo(events);
        assertThat(profile.allocatedBytes()).isBetween(jifaBytes, jifaBytes + jifaBytes / 200);
        assertThat(profile.allocationSamples()).isBetween(jifaCount, jifaCount + jifaCount / 100);
        assertThat((double) profile.classes().get(0).allocatedBytes() / profile.allocatedBytes()).isCloseTo(1.0, within(0.01));
    }

    /**
     * JMC's Allocations.class rule ({@code jmc_rule_baseline_memory.tsv}): the most allocated type, on the
     * recordings that hold one family of allocation events only (where JMC reads the events we read).
     */
    @ParameterizedTest
    @CsvSource({
        "jmc/rules/allocation_10s_before.jfr, java.lang.Integer, java.lang.Integer.valueOf",
        "jmc/rules/allocation_10s_fixed.jfr, java.util.HashMap$ValueIterator, java.util.HashMap$Values.iterator",
        "jmc/rules/autobox_allocation.jfr, java.lang.Integer, java.lang.Integer.valueOf",
        "jmc/rules/autobox_allocation_sample.jfr, byte[], java.util.Arrays.copyOfRangeByte",
        "jmc/rules/dominating_thread_allocation.jfr, byte[], Main$AllocatingThread.run",
        "jmc/rules/dominating_thread_allocation_sample.jfr, byte[], Main$AllocatingThread.run"})
    void jmc_mostAllocatedType_isJmcs(String file, String type, String topMethod) throws IOException {
        AllocationProfile profile = AllocationProfile.read(JfrFile.open(corpus(file)));

        ClassProfile first = profile.classes().get(0);
        assertThat(first.className()).isEqualTo(type);
        assertThat(first.growing()).isFalse();
        assertThat(first.sites()).anySatisfy(site -> assertThat(site.stack())
                .anySatisfy(frame -> assertThat(frame.className() + "." + frame.method()).isEqualTo(topMethod)));
    }

    /** Every recording of the corpus is profiled, or refused with a message naming the file. */
    @Test
    void everyRecording_profiledOrRefusedClearly() throws IOException {
        Path root = corpus("");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".jfr")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(30);
        int profiled = 0;
        for (Path file : files) {
            try {
                AllocationProfile profile = AllocationProfile.read(JfrFile.open(file));
                assertThat(profile.allocatedBytes()).isNotNegative();
                profiled++;
            } catch (JfrFormatException e) {
                assertThat(e.getMessage()).startsWith(file.toString());
            }
        }
        assertThat(profiled).isGreaterThan(files.size() / 2);
    }

    private static Path corpus(String relative) {
        String root = System.getProperty("leakhound.corpus");
        assumeTrue(root != null && Files.isDirectory(Path.of(root, "jfr")), "corpus not present");
        return Path.of(root, "jfr", relative);
    }
}

package io.leakhound.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leakhound.heap.HeapDiff.GrowthSuspect;
import io.leakhound.jfr.alloc.AllocationProfile;
import io.leakhound.jfr.alloc.AllocationProfile.AllocationEvents;
import io.leakhound.jfr.alloc.ClassProfile;
import io.leakhound.jfr.alloc.Frame;
import io.leakhound.jfr.alloc.Site;
import io.leakhound.jfr.alloc.SurvivorPath;
import io.leakhound.jfr.alloc.Survivors;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The alloc reports on a profile written out in the test: a growing {@code byte[]} kept by
 * {@code com.acme.Cache.put:42} (reached through {@code HashMap.putVal}) beside request buffers allocated far
 * more, and a class whose name needs escaping in HTML.
 */
class AllocationReportTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Frame PUT_VAL = new Frame("java.util.HashMap", "putVal", 631);
    private static final Frame CACHE_PUT = new Frame("com.acme.Cache", "put", 42);
    private static final Frame HANDLER = new Frame("com.acme.Handler", "handle", 7);
    private static final Frame READ = new Frame("com.acme.Handler", "read", 12);

    private static AllocationProfile profile() {
        Site kept = new Site(PUT_VAL, CACHE_PUT, List.of(PUT_VAL, new Frame("java.util.HashMap", "put", 610), CACHE_PUT,
                HANDLER), 1_000_000, 10, 120, 120 * 1040L, 100, 100 * 1040L);
        Site buffers = new Site(READ, READ, List.of(READ, HANDLER), 900_000_000, 900, 3, 3 * 65_552L, 0, 0);
        Survivors survivors = new Survivors(123, 120 * 1040L + 3 * 65_552L, T0.plusSeconds(1), T0.plusSeconds(99),
                Duration.ofSeconds(99), List.of(new SurvivorPath("Threads (Stack Variable)",
                        List.of("static com.acme.Cache.INSTANCE", "com.acme.Cache.map", "java.util.HashMap$Node[][*]",
                                "byte[]"), 100)));
        ClassProfile bytes = new ClassProfile("byte[]", 901_000_000, 910, List.of(kept, buffers), 0, survivors, true,
                "100 surviving samples allocated steadily");
        ClassProfile odd = new ClassProfile("com.acme.Weird<T>", 5_000, 1, List.of(new Site(HANDLER, HANDLER,
                List.of(HANDLER), 5_000, 1, 0, 0, 0, 0)), 0, null, false, "no sampled instance survives");
        return new AllocationProfile(Path.of("rec.jfr"), T0, T0.plusSeconds(100), AllocationEvents.OBJECT_ALLOCATION_SAMPLE,
                901_005_000, 911, true, 123, true, List.of(bytes, odd), List.of("a warning"));
    }

    @Test
    void diffSuspectWithUnsampledElements_allocationSites_theGrowingClassKeptThroughItsHolder() {
        // listeners too small to be sampled, holding byte[] payloads the recording saw survive under Cache.map
        GrowthSuspect suspect = new GrowthSuspect("com.acme.Cache.map", "java.util.HashMap", 1, "com.acme.Listener",
                List.of(10L, 1_000L), List.of(10_000L, 1_000_000L), 1e6, true, 0.5,
                List.of("static com.acme.Cache.INSTANCE", "com.acme.Cache.map"), 42);
        GrowthSuspect elsewhere = new GrowthSuspect("com.acme.Other.list", "java.util.ArrayList", 1, "com.acme.Listener",
                List.of(10L, 1_000L), List.of(10_000L, 1_000_000L), 1e6, true, 0.5, List.of("com.acme.Other.list"), 43);

        ClassProfile sites = AllocationSites.of(profile(), suspect).orElseThrow();

        assertThat(sites.className()).isEqualTo("byte[]");
        assertThat(AllocationSites.heading(sites, suspect))
                .isEqualTo("byte[] (kept alive through com.acme.Cache.map), growing in the recording");
        assertThat(AllocationSites.of(profile(), elsewhere)).as("no path through com.acme.Other.list").isEmpty();
    }

    @Test
    void text_growingClassFirst_keptLineWithJdkFrameCallersAndPath() {
        String text = AllocationTextReport.render(profile(), 20);

        assertThat(text).startsWith("rec.jfr: 1 min 40 s recorded; sites from jdk.ObjectAllocationSample (911 events, ")
                .contains("  1. byte[]: 100 surviving samples allocated steadily\n")
                // 100 kept of 1,040 bytes: 104,000 bytes, 101.6 KiB
                .contains("100 kept (102 KB)        allocated at com.acme.Cache.put:42\n")
                .contains("(in java.util.HashMap.putVal:631)\n")
                .contains("← com.acme.Handler.handle:7\n")
                .contains("path from a GC root (100 of them): Threads (Stack Variable)\n")
                .contains("→ java.util.HashMap$Node[][*]\n")
                .contains("Classes by allocated bytes (top 2 of 2)");
        // the buffers have no kept survivor: not a site of the growth
        assertThat(text.substring(0, text.indexOf("Classes by allocated"))).doesNotContain("com.acme.Handler.read:12");
        assertThat(text.substring(text.indexOf("Classes by allocated"))).contains("mostly at com.acme.Handler.read:12");
    }

    @Test
    void json_fieldsOfTheReadme() {
        JsonNode root = AllocationJsonReport.toTree(profile());

        assertThat(root.get("allocationEvents").asText()).isEqualTo("jdk.ObjectAllocationSample");
        assertThat(root.get("durationSeconds").asDouble()).isEqualTo(100.0);
        assertThat(root.get("growing").get(0).asText()).isEqualTo("byte[]");
        JsonNode site = root.get("classes").get(0).get("sites").get(0);
        assertThat(site.get("allocatingLine").asText()).isEqualTo("com.acme.Cache.put:42");
        assertThat(site.get("topFrame").get("method").asText()).isEqualTo("putVal");
        assertThat(site.get("applicationFrame").get("line").asInt()).isEqualTo(42);
        assertThat(site.get("settledSurvivorBytes").asLong()).isEqualTo(104_000);
        assertThat(site.get("stack").get(2).asText()).isEqualTo("com.acme.Cache.put:42");
        assertThat(root.get("classes").get(0).get("survivors").get("paths").get(0).get("chain").get(0).asText())
                .isEqualTo("static com.acme.Cache.INSTANCE");
        assertThat(root.get("classes").get(1).get("survivors").isNull()).isTrue();
        assertThat(root.get("warnings").get(0).asText()).isEqualTo("a warning");
    }

    @Test
    void html_selfContainedEscapedWithBarsAndPath() {
        String page = AllocationHtmlReport.render(profile(), 20);

        assertThat(page).startsWith("<!DOCTYPE html>").doesNotContain("<script").doesNotContain("Weird<T>")
                .contains("com.acme.Weird&lt;T&gt;")
                .contains("GROWING 1").contains("1 growing class")
                .contains("<svg class=\"bars\"")
                .contains("<code>static com.acme.Cache.INSTANCE</code>")
                .contains("<li>a warning</li>");
    }

    /**
     * Before, a class the recording could not see grow had its sites ranked by allocated bytes in the diff, so
     * the request buffers (garbage) came before the cache's leaking site although the dumps prove byte[] grows.
     */
    @Test
    void diffSuspectWhoseClassTheRecordingSawNoGrowthIn_sitesRankedByKeptSamples_orSaysTheyAreNot() {
        Site kept = new Site(PUT_VAL, CACHE_PUT, List.of(PUT_VAL, CACHE_PUT, HANDLER), 1_000_000, 10, 120, 120 * 1040L,
                100, 100 * 1040L);
        Site buffers = new Site(READ, READ, List.of(READ, HANDLER), 900_000_000, 900, 3, 3 * 65_552L, 0, 0);
        GrowthSuspect suspect = new GrowthSuspect("static com.acme.Cache.INSTANCE", "com.acme.Cache", 1, "byte[]",
                List.of(100L, 9_000L), List.of(1L << 20, 90L << 20), null, true, 0.9,
                List.of("static com.acme.Cache.INSTANCE"), 0x10, List.of());

        ClassProfile notGrowing = new ClassProfile("byte[]", 901_000_000, 910, List.of(buffers, kept), 0, null, false,
                "too few surviving samples to tell");
        ClassProfile ranked = AllocationSites.of(withClass(notGrowing), suspect).orElseThrow();
        assertThat(ranked.sites().get(0).application()).isEqualTo(CACHE_PUT);
        assertThat(AllocationSites.heading(ranked, suspect)).isEqualTo("byte[]; sites ranked by samples kept alive");
        StringBuilder text = new StringBuilder();
        AllocationTextReport.sites(text, ranked, AllocationSites.byKept(ranked), "");
        assertThat(text.toString()).startsWith("100 kept (");

        Site noneKept = new Site(CACHE_PUT, CACHE_PUT, List.of(CACHE_PUT), 1_000_000, 10, 0, 0, 0, 0);
        ClassProfile nothingKept = new ClassProfile("byte[]", 901_000_000, 910, List.of(buffers, noneKept), 0, null,
                false, "no sampled instance survives");
        ClassProfile byBytes = AllocationSites.of(withClass(nothingKept), suspect).orElseThrow();
        assertThat(byBytes.sites().get(0)).isEqualTo(buffers);
        assertThat(AllocationSites.heading(byBytes, suspect))
                .endsWith("ranked by allocated bytes only: the recording kept no sample of it alive");
    }

    private static AllocationProfile withClass(ClassProfile c) {
        return new AllocationProfile(Path.of("rec.jfr"), T0, T0.plusSeconds(100), AllocationEvents.OBJECT_ALLOCATION_SAMPLE,
                c.allocatedBytes(), c.allocationSamples(), true, 0, true, List.of(c), List.of());
    }
}

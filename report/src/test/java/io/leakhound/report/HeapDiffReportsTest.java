package io.leakhound.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakhound.heap.HeapDiff;
import io.leakhound.heap.HeapDiff.ClassDelta;
import io.leakhound.heap.HeapDiff.Dump;
import io.leakhound.heap.HeapDiff.GrowthSuspect;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** The diff renderers on diffs whose every figure is given here, so every line of output is known. */
class HeapDiffReportsTest {

    private static final long MB = 1L << 20;
    private static final String MODEL = "64-bit JVM layout with compressed oops";

    private static Dump dump(String source, String time, long reachableBytes) {
        return new Dump(source, Instant.parse(time), 2_000_000, 1_500_000, reachableBytes, MODEL, List.of());
    }

    /** An ArrayList under a static field that went from 1,204 to 9,870 listeners in 17 minutes. */
    private static GrowthSuspect listeners(List<Long> counts, List<Long> retained, Double perHour, boolean everyInterval,
                                           long holders) {
        return new GrowthSuspect("static com.acme.EventBus.LISTENERS", "java.util.ArrayList", holders,
                "com.acme.OrderListener", counts, retained, perHour, everyInterval, 0.035,
                List.of("static com.acme.EventBus.LISTENERS", "java.util.ArrayList.elementData"), 0x7f3a2c10L);
    }

    private static GrowthSuspect twoDumpSuspect() {
        // 1.2 MB -> 9.6 MB is +8.4 MB in 17 min: 8.4 * 60 / 17 = 29.6 MB/h
        return listeners(List.of(1_204L, 9_870L), List.of(1_258_291L, 10_066_330L), 8_808_039 * 60.0 / 17, true, 1);
    }

    private static List<ClassDelta> classes() {
        return List.of(
                new ClassDelta("com.acme.OrderListener", List.of(1_204L, 9_870L), List.of(19_264L, 157_920L),
                        List.of(1_200_000L, 9_800_000L)),
                new ClassDelta("<lambda & friends>", List.of(3L, 5L), List.of(48L, 80L), List.of(48L, 80L)),
                new ClassDelta("java.lang.String", List.of(900L, 800L), List.of(21_600L, 19_200L),
                        List.of(40_000L, 36_000L)));
    }

    private static HeapDiff twoDumps(List<GrowthSuspect> suspects, List<String> warnings) {
        return new HeapDiff(List.of(dump("before.hprof", "2026-01-01T00:00:00Z", 180 * MB),
                dump("after.hprof", "2026-01-01T00:17:00Z", 240 * MB)), 17 * 60, classes(), suspects, warnings);
    }

    @Test
    void sentence_twoDumps_countsRetainedGrowthAndRate() {
        assertThat(GrowthSentence.of(twoDumpSuspect(), 2)).isEqualTo("static com.acme.EventBus.LISTENERS"
                + " (java.util.ArrayList) grew from 1,204 to 9,870 com.acme.OrderListener: retained 1.2 MB → 9.6 MB"
                + " (+8.4 MB, 29.6 MB/h)");
    }

    @Test
    void sentence_threeDumpsSeveralHolders_saysHolderCountAndEveryInterval() {
        GrowthSuspect s = new GrowthSuspect("thread pool-1-thread-1", "java.lang.ThreadLocal$ThreadLocalMap", 4,
                "byte[]", List.of(4L, 40L, 400L), List.of(MB, 10 * MB, 100 * MB), null, true, 0.8, List.of(), 0x10);
        assertThat(GrowthSentence.of(s, 3)).isEqualTo("thread pool-1-thread-1 in 4 objects of this path grew from 4"
                + " to 400 byte[]: retained 1 MB → 100 MB (+99 MB); grew in every interval of 3 dumps");
    }

    @Test
    void sentence_sameCountNotEveryInterval_saysAsManyAndNotEveryInterval() {
        GrowthSuspect s = listeners(List.of(10L, 10L, 10L), List.of(MB, 3 * MB, 2 * MB), 3600.0, false, 1);
        assertThat(GrowthSentence.of(s, 3)).isEqualTo("static com.acme.EventBus.LISTENERS (java.util.ArrayList)"
                + " holds 10 com.acme.OrderListener, as many as before, retained 1 MB → 2 MB (+1 MB, 3.52 KB/h);"
                + " not in every interval of 3 dumps");
    }

    @Test
    void json_contractFields_namesAndValues() throws Exception {
        JsonNode root = new ObjectMapper().readTree(HeapDiffJsonReport.render(twoDumps(List.of(twoDumpSuspect()),
                List.of("w"))));
        assertThat(root.get("elapsedSeconds").asDouble()).isEqualTo(1020.0);
        assertThat(root.get("dumps")).hasSize(2);
        assertThat(root.get("dumps").get(1).get("timestamp").asText()).isEqualTo("2026-01-01T00:17:00Z");
        assertThat(root.get("dumps").get(0).get("reachableBytes").asLong()).isEqualTo(180 * MB);
        // every changed class, not only the top rows
        assertThat(root.get("classes")).hasSize(3);
        JsonNode c = root.get("classes").get(0);
        assertThat(c.get("class").asText()).isEqualTo("com.acme.OrderListener");
        assertThat(c.get("countBefore").asLong()).isEqualTo(1_204);
        assertThat(c.get("countAfter").asLong()).isEqualTo(9_870);
        assertThat(c.get("shallowBytesBefore").asLong()).isEqualTo(19_264);
        assertThat(c.get("shallowBytesAfter").asLong()).isEqualTo(157_920);
        assertThat(c.get("retainedBytesAfter").asLong()).isEqualTo(9_800_000);
        JsonNode s = root.get("suspects").get(0);
        assertThat(s.get("summary").asText()).isEqualTo(GrowthSentence.of(twoDumpSuspect(), 2));
        assertThat(s.get("path")).hasSize(2);
        assertThat(s.get("path").get(1).asText()).isEqualTo("java.util.ArrayList.elementData");
        assertThat(s.get("holderReference").asText()).isEqualTo("static com.acme.EventBus.LISTENERS");
        assertThat(s.get("holderClass").asText()).isEqualTo("java.util.ArrayList");
        assertThat(s.get("elementClass").asText()).isEqualTo("com.acme.OrderListener");
        assertThat(s.get("countBefore").asLong()).isEqualTo(1_204);
        assertThat(s.get("countAfter").asLong()).isEqualTo(9_870);
        assertThat(s.get("retainedBytesBefore").asLong()).isEqualTo(1_258_291);
        assertThat(s.get("retainedBytesAfter").asLong()).isEqualTo(10_066_330);
        assertThat(s.get("growthBytes").asLong()).isEqualTo(10_066_330 - 1_258_291);
        assertThat(s.get("growthBytesPerHour").isIntegralNumber()).isTrue();
        assertThat(s.get("growthBytesPerHour").asLong()).isEqualTo(Math.round(8_808_039 * 60.0 / 17));
        assertThat(s.get("holderAddress").asText()).isEqualTo("0x7f3a2c10");
        assertThat(s.get("holderObjectId").asLong()).isEqualTo(0x7f3a2c10L);
        assertThat(s.get("holderCount").asLong()).isEqualTo(1);
        assertThat(s.get("grewInEveryInterval").asBoolean()).isTrue();
        assertThat(s.get("growthFraction").asDouble()).isEqualTo(0.035);
        assertThat(s.get("retainedBytes")).hasSize(2);
        assertThat(root.get("warnings").get(0).asText()).isEqualTo("w");
    }

    @Test
    void json_noRate_growthBytesPerHourNull() throws Exception {
        GrowthSuspect s = listeners(List.of(1L, 2L), List.of(MB, 2 * MB), null, true, 1);
        JsonNode root = new ObjectMapper().readTree(HeapDiffJsonReport.render(twoDumps(List.of(s), List.of())));
        assertThat(root.get("suspects").get(0).has("growthBytesPerHour")).isTrue();
        assertThat(root.get("suspects").get(0).get("growthBytesPerHour").isNull()).isTrue();
    }

    @Test
    void text_suspect_headerSentencePathAndClassTable() {
        String text = HeapDiffTextReport.render(twoDumps(List.of(twoDumpSuspect()), List.of("a warning")), 2);
        assertThat(text).startsWith("2 dumps, 17 min 00 s apart; live heap 180 MB → 240 MB (+60 MB)\n"
                + "  1. before.hprof  2026-01-01T00:00:00Z  2,000,000 objects, 180 MB reachable\n"
                + "  2. after.hprof   2026-01-01T00:17:00Z  2,000,000 objects, 240 MB reachable\n");
        assertThat(text).contains("Growth suspects\n  1. " + GrowthSentence.of(twoDumpSuspect(), 2) + "\n"
                + "       static com.acme.EventBus.LISTENERS\n       → java.util.ArrayList.elementData\n");
        assertThat(text).contains("top 2 of 3 that changed", "com.acme.OrderListener", "<lambda & friends>")
                .doesNotContain("java.lang.String").doesNotContain("a warning");
        assertThat(text.lines().filter(l -> l.endsWith("com.acme.OrderListener")).findFirst().orElseThrow())
                .matches(" +1,204 +9,870 +18.8 KB +154 KB +1.14 MB +9.35 MB  com.acme.OrderListener");
    }

    @Test
    void text_noSuspect_saysNothingGrew() {
        assertThat(HeapDiffTextReport.render(twoDumps(List.of(), List.of()), 20))
                .contains("Nothing grew materially").doesNotContain("Growth suspects");
    }

    @Test
    void html_twoDumps_wellFormedEscapedWithBarPair() throws Exception {
        String page = HeapDiffHtmlReport.render(twoDumps(List.of(twoDumpSuspect()), List.of("timestamps <equal>")), 20);
        assertThat(page).startsWith("<!DOCTYPE html>").doesNotContain("<script", "http://", "https://");
        assertThat(page).contains("&lt;lambda &amp; friends&gt;").doesNotContain("<lambda");
        assertThat(page).contains("GROWTH 1", "1 growth suspect", "timestamps &lt;equal&gt;",
                "<li><code>java.util.ArrayList.elementData</code></li>", "before: before.hprof", "after: after.hprof",
                "<svg class=\"bars\"", "+8.4 MB");
        assertThat(page).doesNotContain("svg class=\"chart growth\"");
        assertWellFormed(page);
    }

    @Test
    void html_threeDumps_lineChartWithOnePointPerDump() throws Exception {
        GrowthSuspect s = listeners(List.of(1L, 2L, 3L), List.of(MB, 2 * MB, 4 * MB), 3.0 * MB, true, 1);
        HeapDiff d = new HeapDiff(List.of(dump("a.hprof", "2026-01-01T00:00:00Z", 100 * MB),
                dump("b.hprof", "2026-01-01T00:30:00Z", 100 * MB), dump("c.hprof", "2026-01-01T01:00:00Z", 100 * MB)),
                3600, classes(), List.of(s), List.of());
        String page = HeapDiffHtmlReport.render(d, 20);
        assertThat(page).contains("svg class=\"chart growth\"", "00:30:00", "01:00:00", "grew in every interval of 3 dumps");
        assertThat(page.split("<circle class=\"dot\"", -1)).hasSize(4);
        // the last point, 4 MB, is the top of the plot
        assertThat(page).contains("cy=\"16.0\" r=\"4\"><title>c.hprof: 4 MB</title>");
        assertWellFormed(page);
    }

    @Test
    void html_noSuspect_saysNothingGrew() throws Exception {
        String page = HeapDiffHtmlReport.render(twoDumps(List.of(), List.of()), 20);
        assertThat(page).contains("nothing grew materially").doesNotContain("GROWTH 1");
        assertWellFormed(page);
    }

    /**
     * Parses the page's body as XML: balanced tags and escaped text. (The head's void {@code <meta>} tags and
     * HTML's named entity {@code &middot;} are HTML, not XML, so they are left out.)
     */
    private static void assertWellFormed(String page) throws Exception {
        String xml = page.substring(page.indexOf("<body>"), page.indexOf("</body>") + 7).replace("&middot;", "·");
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}

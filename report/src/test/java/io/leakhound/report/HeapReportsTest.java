package io.leakhound.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakhound.heap.GcRootKind;
import io.leakhound.heap.HeapAnalysis;
import io.leakhound.heap.HeapAnalysis.ClassRow;
import io.leakhound.heap.HeapAnalysis.Dominator;
import io.leakhound.heap.HeapAnalysis.ObjectRef;
import io.leakhound.heap.LeakSuspect;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The heap renderers on an analysis whose every figure is given here, so every line of output is known. */
class HeapReportsTest {

    private static final long MB = 1L << 20;
    private static final ObjectRef LIST = new ObjectRef(0x7f3a2c10L, "java.util.ArrayList");
    private static final ObjectRef ELEMENTS = new ObjectRef(0x7f3a2c30L, "java.lang.Object[]");

    private static LeakSuspect listeners() {
        return new LeakSuspect(LeakSuspect.Kind.SINGLE_OBJECT, 142 * MB, 0.71, LIST, ELEMENTS, LIST,
                "static com.acme.EventBus.LISTENERS", "com.acme.OrderListener", 74_812, 141 * MB,
                List.of("static com.acme.EventBus.LISTENERS", "java.util.ArrayList.elementData"));
    }

    private static HeapAnalysis analysis(List<LeakSuspect> suspects) {
        List<ClassRow> histogram = List.of(
                new ClassRow("com.acme.OrderListener", 74_812, 1_795_488, 141 * MB),
                new ClassRow("java.util.ArrayList", 10, 240, 142 * MB),
                new ClassRow("<unknown class>", 3, 48, 48));
        Dominator child = new Dominator(ELEMENTS.objectId(), ELEMENTS.className(), 299_264, 142 * MB - 24, 0.71,
                List.of(), List.of());
        List<Dominator> dominators = List.of(
                new Dominator(LIST.objectId(), LIST.className(), 24, 142 * MB, 0.71,
                        List.of("static com.acme.EventBus.LISTENERS"), List.of(child)),
                new Dominator(0x10, "java.lang.Thread", 120, MB, 0.005, List.of("thread main"), List.of()));
        return new HeapAnalysis("dump.hprof", "JAVA PROFILE 1.0.2", 8, Instant.parse("2026-01-02T03:04:05Z"),
                "64-bit JVM layout with compressed oops", 1_234_567, 4_321, 2_345,
                Map.of(GcRootKind.STICKY_CLASS, 2_300, GcRootKind.JAVA_FRAME, 45), 210 * MB, 1_100_000, 200 * MB,
                134_567, 10 * MB, histogram, dominators, suspects, List.of("the dump is truncated at byte 1234"));
    }

    @Test
    void sentence_holderOfElements_namesFieldCollectionCountAndShare() {
        assertThat(SuspectSentence.of(listeners())).isEqualTo("static com.acme.EventBus.LISTENERS (java.util.ArrayList)"
                + " holds 74,812 com.acme.OrderListener retaining 142 MB (71 % of the heap)");
    }

    @Test
    void sentence_leaf_retainsWithoutElements() {
        ObjectRef array = new ObjectRef(0x20, "byte[]");
        LeakSuspect leaf = new LeakSuspect(LeakSuspect.Kind.SINGLE_OBJECT, MB, 0.87, array, array, array,
                "Main$DumpedStuff.bigArray", "byte[]", 1, MB, List.of("static Main.stuff", "Main$DumpedStuff.bigArray"));
        assertThat(SuspectSentence.of(leaf)).isEqualTo("Main$DumpedStuff.bigArray (byte[]) retains 1 MB (87 % of the heap)");
    }

    @Test
    void sentence_classInstances_countAndBiggestHolder() {
        ObjectRef thread = new ObjectRef(0x30, "java.lang.Thread");
        LeakSuspect threads = new LeakSuspect(LeakSuspect.Kind.CLASS_INSTANCES, 40 * MB, 0.2, thread, thread, thread,
                "thread main", "java.lang.Thread", 1_200, 40 * MB, List.of("thread main"));
        assertThat(SuspectSentence.of(threads)).isEqualTo(
                "1,200 instances of java.lang.Thread retain 40 MB (20 % of the heap); the biggest is held by thread main");
    }

    @Test
    void sentence_rootNamingItsClass_classNotRepeated() {
        ObjectRef cache = new ObjectRef(0x40, "com.acme.Cache");
        LeakSuspect local = new LeakSuspect(LeakSuspect.Kind.SINGLE_OBJECT, 5 * MB, 0.5, cache, cache, cache,
                "local variable in thread main (com.acme.Cache)", "com.acme.Entry", 2, 4 * MB, List.of());
        assertThat(SuspectSentence.of(local)).isEqualTo(
                "local variable in thread main (com.acme.Cache) holds 2 com.acme.Entry retaining 5 MB (50 % of the heap)");
    }

    @Test
    void json_topRows_numbersAndAddresses() throws Exception {
        JsonNode root = new ObjectMapper().readTree(HeapJsonReport.render(analysis(List.of(listeners())), 1));
        assertThat(root.get("objects").asLong()).isEqualTo(1_234_567);
        assertThat(root.get("gcRootsByKind").get("JAVA_FRAME").asInt()).isEqualTo(45);
        assertThat(root.get("histogram")).hasSize(1);
        assertThat(root.get("histogramClasses").asInt()).isEqualTo(3);
        assertThat(root.get("dominators")).hasSize(1);
        JsonNode dominator = root.get("dominators").get(0);
        assertThat(dominator.get("address").asText()).isEqualTo("0x7f3a2c10");
        assertThat(dominator.get("objectId").asLong()).isEqualTo(0x7f3a2c10L);
        assertThat(dominator.get("children").get(0).get("class").asText()).isEqualTo("java.lang.Object[]");
        JsonNode suspect = root.get("suspects").get(0);
        assertThat(suspect.get("retainedBytes").isIntegralNumber()).isTrue();
        assertThat(suspect.get("retainedFraction").asDouble()).isEqualTo(0.71);
        assertThat(suspect.get("accumulationPoint").get("class").asText()).isEqualTo("java.lang.Object[]");
        assertThat(suspect.get("path")).hasSize(2);
        assertThat(root.get("timestamp").asText()).isEqualTo("2026-01-02T03:04:05Z");
    }

    @Test
    void text_suspectPathHistogramDominators_noWarnings() {
        String text = HeapTextReport.render(analysis(List.of(listeners())), 2);
        assertThat(text).startsWith("dump.hprof: 1,234,567 objects, 4,321 classes, 2,345 GC roots; 200 MB reachable,"
                + " 10 MB unreachable\n");
        assertThat(text).contains("  1. static com.acme.EventBus.LISTENERS (java.util.ArrayList) holds 74,812",
                "\n       static com.acme.EventBus.LISTENERS\n       → java.util.ArrayList.elementData\n",
                "top 2 of 3", "java.util.ArrayList @ 0x7f3a2c10  via static com.acme.EventBus.LISTENERS");
        assertThat(text).doesNotContain("<unknown class>").doesNotContain("truncated");
    }

    @Test
    void text_noSuspect_saysSo() {
        assertThat(HeapTextReport.render(analysis(List.of()), 20)).contains("No leak suspect");
    }

    @Test
    void html_selfContained_escapesNames_showsWarningsAndNestedChildren() {
        String page = HeapHtmlReport.render(analysis(List.of(listeners())), 20);
        assertThat(page).startsWith("<!DOCTYPE html>").doesNotContain("<script", "http://", "https://");
        assertThat(page).contains("&lt;unknown class&gt;").doesNotContain("<unknown class>");
        assertThat(page).contains("<svg class=\"bars\"", "SUSPECT 1", "the dump is truncated at byte 1234",
                "<li><code>java.util.ArrayList.elementData</code></li>", "1 leak suspect");
        // the Object[] is nested under the ArrayList that dominates it
        assertThat(page.indexOf("<ul>\n<li><span class=\"size\">142 MB")).isPositive();
    }
}

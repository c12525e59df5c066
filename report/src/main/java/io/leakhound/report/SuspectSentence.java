package io.leakhound.report;

import io.leakhound.heap.LeakSuspect;
import io.leakhound.series.Human;
import java.util.Locale;

/**
 * A leak suspect in one sentence for a person, composed from its structured fields, so that every renderer
 * (text, JSON {@code summary}, HTML) says the same thing:
 * <ul>
 *   <li>a holder of many elements: {@code static com.acme.EventBus.LISTENERS (java.util.ArrayList) holds
 *       74,812 com.acme.OrderListener retaining 142 MB (71 % of the heap)};</li>
 *   <li>a leaf, one big object that is its own element: {@code Main$DumpedStuff.bigArray (byte[]) retains
 *       1 MB (87 % of the heap)};</li>
 *   <li>a class's instances: {@code 1,200 instances of java.lang.Thread retain 40 MB (20 % of the heap); the
 *       biggest is held by thread main}.</li>
 * </ul>
 * Costs nothing.
 */
final class SuspectSentence {

    private SuspectSentence() {
    }

    static String of(LeakSuspect s) {
        String share = Human.bytes(s.retainedBytes()) + " (" + Human.percent(s.retainedFraction()) + " of the heap)";
        if (s.kind() == LeakSuspect.Kind.CLASS_INSTANCES) {
            return count(s.elementCount()) + " instances of " + s.elementClass() + " retain " + share
                    + "; the biggest is held by " + s.holderReference();
        }
        String holder = holder(s.holderReference(), s.holder().className(), s.holderInside());
        if (isLeaf(s)) {
            return holder + " retains " + share;
        }
        return holder + " holds " + count(s.elementCount()) + " " + s.elementClass() + " retaining " + share;
    }

    /**
     * The holder as a sentence names it: its reference, then its class in parentheses unless the reference
     * already says what the holder is: a root described with its class ({@code local variable in thread main
     * (com.acme.Cache)}), a class ({@code class com.acme.Registry}) or a thread ({@code thread main}); a field
     * ({@code static com.acme.EventBus.LISTENERS}) does not. Shared with {@link GrowthSentence}.
     */
    static String holder(String reference, String className) {
        return holder(reference, className, java.util.List.of());
    }

    /**
     * As {@link #holder(String, String)}, with the collections a wrapper holds after its class:
     * {@code static Outer$Registry.ENTRIES (java.util.Collections$SynchronizedRandomAccessList over java.util.ArrayList)}.
     */
    static String holder(String reference, String className, java.util.List<String> inside) {
        if (!inside.isEmpty()) {
            className = className + " over " + String.join(" over ", inside);
        }
        boolean namesItsClass = reference.endsWith("(" + className + ")") || reference.startsWith("class ")
                || reference.startsWith("thread ") || reference.startsWith("object ");
        return namesItsClass ? reference : reference + " (" + className + ")";
    }

    /** A single object that holds no elements: the accumulation point is its own (only) element. */
    static boolean isLeaf(LeakSuspect s) {
        return s.elementCount() == 1 && s.elementClass().equals(s.accumulationPoint().className());
    }

    /** A count with thousands separators, as people write them in English: {@code 74,812}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}

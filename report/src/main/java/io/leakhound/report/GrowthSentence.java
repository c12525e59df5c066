package io.leakhound.report;

import io.leakhound.heap.HeapDiff.GrowthSuspect;
import io.leakhound.series.Human;

/**
 * A growth suspect in one sentence for a person, composed from its structured fields so that every renderer
 * (text, JSON {@code summary}, HTML) says the same thing:
 * <pre>
 * static com.acme.EventBus.LISTENERS (java.util.ArrayList) grew from 1,204 to 9,870 com.acme.OrderListener:
 * retained 1.2 MB → 9.6 MB (+8.4 MB, 30 MB/h); grew in every interval of 3 dumps
 * </pre>
 * With several holders of one path (a ThreadLocal's value in every pooled thread) it says how many, since
 * the figures are their sum; with three or more dumps it says whether the holder grew between every two,
 * the stronger evidence. Costs nothing.
 */
final class GrowthSentence {

    private GrowthSentence() {
    }

    /**
     * @param dumps how many dumps were compared (the number of values per suspect)
     */
    static String of(GrowthSuspect s, int dumps) {
        StringBuilder out = new StringBuilder(200);
        out.append(SuspectSentence.holder(s.holderReference(), s.holderClass(), s.holderInside()));
        if (s.holderCount() > 1) {
            out.append(" in ").append(SuspectSentence.count(s.holderCount())).append(" objects of this path");
        }
        if (s.countBefore() == s.countAfter()) {
            // the same elements got bigger: say so rather than "grew from 12 to 12"
            out.append(" holds ").append(SuspectSentence.count(s.countAfter())).append(' ').append(s.elementClass())
                    .append(", as many as before, ");
        } else {
            out.append(s.countAfter() > s.countBefore() ? " grew from " : " went from ")
                    .append(SuspectSentence.count(s.countBefore())).append(" to ")
                    .append(SuspectSentence.count(s.countAfter())).append(' ').append(s.elementClass()).append(": ");
        }
        out.append("retained ").append(Human.bytes(s.retainedBytesBefore())).append(" → ")
                .append(Human.bytes(s.retainedBytesAfter())).append(" (").append(signed(s.growthBytes()));
        if (s.growthBytesPerHour() != null) {
            out.append(", ").append(Human.ratePerHour(s.growthBytesPerHour()));
        }
        out.append(')');
        if (dumps >= 3) {
            out.append(s.grewInEveryInterval() ? "; grew in every interval of " : "; not in every interval of ")
                    .append(dumps).append(" dumps");
        }
        return out.toString();
    }

    /** A byte difference with its sign: {@code +8.4 MB}, {@code -120 KB}, {@code 0 B}. */
    static String signed(long bytes) {
        return (bytes > 0 ? "+" : "") + Human.bytes(bytes);
    }
}

package io.leakhound.series.verdict;

import io.leakhound.series.Human;
import io.leakhound.series.Unit;

/** How a finding names its resource in a sentence ("heap after GC", "live threads grow"...). */
final class FindingText {

    private FindingText() {
    }

    static String subject(String resource) {
        return switch (resource) {
            case "heap" -> "heap after GC";
            case "metaspace" -> "metaspace after GC";
            case "permgen" -> "PermGen after GC";
            case "threads" -> "live threads";
            case "classes" -> "loaded classes";
            case "direct" -> "direct buffer memory";
            default -> resource + " (rolling minimum)";
        };
    }

    /** Whether the subject is a plural ("live threads grow"). */
    static boolean plural(String resource) {
        return resource.equals("threads") || resource.equals("classes");
    }

    static String is(String resource) {
        return plural(resource) ? "are" : "is";
    }

    static String limitName(String resource) {
        return resource.equals("heap") ? "heap" : resource + " limit";
    }

    static String ofLimit(long amount, long limit, Unit unit) {
        return limit > 0
                ? String.format(" (%d %% of %s)", Math.round(100.0 * amount / limit), Human.amount(limit, unit))
                : "";
    }
}

package io.leakhound.fleet;

import java.util.ArrayList;
import java.util.List;

/**
 * One metric with the label matchers that pick a resource out of it, e.g. {@code jvm_memory_used_bytes} with
 * {@code area="heap"}; summed per instance, and, with {@code positiveOnly}, without the series that report
 * -1 for "undefined" (Micrometer's maximum of a pool with no limit).
 */
public record MetricSelector(String name, List<String> matchers, boolean positiveOnly) {

    public MetricSelector {
        matchers = List.copyOf(matchers);
    }

    static MetricSelector of(String name, String... matchers) {
        return new MetricSelector(name, List.of(matchers), false);
    }

    MetricSelector positive() {
        return new MetricSelector(name, matchers, true);
    }

    /** The PromQL of one value per instance, its series summed, with the user's selector matchers added. */
    String perInstance(List<String> userMatchers) {
        return perInstance("sum", userMatchers);
    }

    /** The same with another aggregation: {@code max} for a value every series of an instance repeats. */
    String perInstance(String aggregation, List<String> userMatchers) {
        return aggregation + " by (job, instance) (" + selector(userMatchers) + (positiveOnly ? " > 0" : "") + ")";
    }

    /** The instant-vector selector itself: {@code name{its matchers, the user's}}. */
    String selector(List<String> userMatchers) {
        List<String> all = new ArrayList<>(matchers);
        all.addAll(userMatchers);
        return PrometheusApi.selector(name, all);
    }
}

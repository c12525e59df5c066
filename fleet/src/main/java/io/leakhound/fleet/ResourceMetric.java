package io.leakhound.fleet;

import io.leakhound.series.Unit;
import java.util.List;

/**
 * Where one resource of an instance is read in one naming convention: the alternatives in order of
 * preference (a post-GC series before plain usage, a current name before an older one), each with the series
 * of its limit, if any. The first alternative an instance has data for is the one it is judged on.
 */
public record ResourceMetric(String resource, Unit unit, List<Alternative> alternatives) {

    /**
     * One series to judge the resource on, and the alternatives for its limit (empty: no known limit).
     *
     * @param afterGc whether the series is already the usage after a collection (else only its rolling minima
     *                approximate that, as the alerting rules take them)
     */
    public record Alternative(MetricSelector value, List<MetricSelector> limits, boolean afterGc) {

        public Alternative {
            limits = List.copyOf(limits);
        }
    }

    public ResourceMetric {
        alternatives = List.copyOf(alternatives);
    }

    static ResourceMetric bytes(String resource, Alternative... alternatives) {
        return new ResourceMetric(resource, Unit.BYTES, List.of(alternatives));
    }

    static ResourceMetric count(String resource, MetricSelector... values) {
        return new ResourceMetric(resource, Unit.COUNT,
                java.util.Arrays.stream(values).map(v -> new Alternative(v, List.of(), false)).toList());
    }

    static Alternative of(MetricSelector value, MetricSelector... limits) {
        return new Alternative(value, List.of(limits), false);
    }

    /** An alternative whose series is the usage after the last collection. */
    static Alternative afterGc(MetricSelector value, MetricSelector... limits) {
        return new Alternative(value, List.of(limits), true);
    }
}

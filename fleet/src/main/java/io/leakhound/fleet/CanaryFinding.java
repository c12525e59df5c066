package io.leakhound.fleet;

import io.leakhound.series.Unit;

/**
 * One resource compared between canary and baseline.
 *
 * @param canaryGrowthBytesPerHour   the median growth of the canary's judged instances (a count per hour for a
 *                                   {@link Unit#COUNT} resource); null when none could be judged
 * @param baselineGrowthBytesPerHour the same of the baseline's
 * @param pValue                     the one-sided Mann-Whitney p-value across instances, canary above the
 *                                   baseline (below, for {@link CanaryVerdict#BETTER}); null when not compared
 * @param canaryInstances            the canary's instances judged on this resource
 * @param baselineInstances          the baseline's
 */
public record CanaryFinding(String resource, Unit unit, CanaryVerdict verdict, Double canaryGrowthBytesPerHour,
                            Double baselineGrowthBytesPerHour, Double pValue, int canaryInstances,
                            int baselineInstances, String summary) {
}

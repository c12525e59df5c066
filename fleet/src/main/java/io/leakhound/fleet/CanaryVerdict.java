package io.leakhound.fleet;

/** Did the canary change a resource's memory behaviour against its baseline? */
public enum CanaryVerdict {
    /** The canary's instances grow, clearly faster than the baseline's. */
    WORSE,
    /** No difference the instances can show. */
    SAME,
    /** The baseline's instances grow, clearly faster than the canary's: the new version fixed something. */
    BETTER,
    /** Too few instances, or too short a window, to compare (the summary says what is missing). */
    INCONCLUSIVE
}

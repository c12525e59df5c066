package io.leakhound.fleet;

import io.leakhound.series.verdict.Finding;

/**
 * The verdict on one resource of one instance, from the engine that judges a GC log or a watch.
 *
 * @param finding   the engine's finding over the lifetime it was judged on (the last one that could be judged)
 * @param metric    the series it was judged on, e.g. {@code jvm_memory_used_after_last_gc_bytes}
 * @param lifetimes the lifetimes of the process in the window (restarts + 1); each was judged on its own
 * @param summary   the finding's sentence, and with restarts what they had in common
 */
public record FleetFinding(Finding finding, String metric, int lifetimes, String summary) {
}

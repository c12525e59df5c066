package io.leakhound.watch;

/**
 * Acts on each verdict pass of a watch, such as the automatic capture. Called on the sampling thread: it must
 * return at once and do slow work on a thread of its own.
 */
public interface EvaluationListener {

    void onEvaluation(Evaluation evaluation);

    /** The watch is ending: finish or abandon what is in progress, before the summary is written. */
    default void finish() {
    }
}

package io.leakhound.agent;

import io.leakhound.series.history.Capture;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.watch.Evaluation;
import io.leakhound.watch.EvaluationListener;
import io.leakhound.watch.WatchEvent;
import io.leakhound.watch.WatchSink;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the agent knows now, shared by the watch (which writes it) and the endpoints (which read it): the latest
 * verdict pass, the captures by final state, the memory pressure. Also the watch's sink: each event updates the
 * state and the notable ones are logged (a change of verdict, an alert, a capture's progress).
 *
 * <p>Holds one {@link MemoryAnalysis} (the engine's output over the bounded series) and a few counters.
 * Thread-safe: written by the sampling and capture threads, read by the HTTP threads.
 */
final class AgentState implements WatchSink, EvaluationListener {

    private final MemoryPressure pressure;
    private volatile MemoryAnalysis analysis;
    private final Map<Capture.State, AtomicLong> captures = new EnumMap<>(Capture.State.class);

    AgentState(MemoryPressure pressure) {
        this.pressure = pressure;
        for (Capture.State s : Capture.State.values()) {
            if (s.isFinal()) {
                captures.put(s, new AtomicLong());
            }
        }
    }

    MemoryPressure pressure() {
        return pressure;
    }

    /** The latest verdict pass, or null before the first. */
    MemoryAnalysis analysis() {
        return analysis;
    }

    /** Keeps each verdict pass of the watch; returns at once. */
    @Override
    public void onEvaluation(Evaluation evaluation) {
        this.analysis = evaluation.analysis();
    }

    /** How many captures ended in each final state (done, refused, failed, abandoned). */
    Map<Capture.State, Long> captures() {
        Map<Capture.State, Long> counts = new EnumMap<>(Capture.State.class);
        captures.forEach((state, n) -> counts.put(state, n.get()));
        return counts;
    }

    @Override
    public void accept(WatchEvent event) {
        try {
            if (event instanceof WatchEvent.FindingChanged f) {
                AgentLog.info(f.finding().verdict() + " " + f.finding().resource() + ": " + f.finding().summary());
            } else if (event instanceof WatchEvent.AlertChanged a) {
                AgentLog.warn("alert " + a.alert().resource() + ": " + a.alert().message());
            } else if (event instanceof WatchEvent.CaptureChanged c) {
                captureChanged(c.capture());
            } else if (event instanceof WatchEvent.Message m) {
                AgentLog.info(m.text());
            }
        } catch (RuntimeException e) {
            AgentLog.warn("an event could not be handled: " + e);
        }
    }

    private void captureChanged(Capture c) {
        if (c.state().isFinal()) {
            captures.get(c.state()).incrementAndGet();
        }
        AgentLog.info("capture #" + c.id() + " (" + c.trigger() + ") " + c.state() + ": " + c.message());
        if (c.holder() != null) {
            AgentLog.info("  holder: " + c.holder());
            if (c.path() != null) {
                AgentLog.info("  path: " + c.path().replace("\n", " "));
            }
        }
    }

    @Override
    public void close() {
    }
}

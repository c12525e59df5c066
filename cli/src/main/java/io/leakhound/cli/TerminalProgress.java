package io.leakhound.cli;

import io.leakhound.heap.HeapIndex;
import java.io.PrintWriter;

/**
 * The progress line of a long analysis on a terminal: {@code reading objects 42 %}, rewritten in place with
 * a carriage return, and wiped by {@link #clear()} so the report starts on a clean line. Writes only when
 * the phase or the whole percentage changes, so the analysis's hot loop pays a comparison per call.
 */
final class TerminalProgress implements HeapIndex.Progress {

    private final PrintWriter err;
    private String phase = "";
    private int percent = -1;
    private int width;

    TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void update(String phase, long done, long total) {
        // phases without a measure of their own report (0, 1): show the phase alone
        int now = total > 1 ? (int) Math.min(100, done * 100 / total) : -1;
        if (now == percent && phase.equals(this.phase)) {
            return;
        }
        this.phase = phase;
        this.percent = now;
        String line = now < 0 ? phase + "..." : phase + " " + now + " %";
        err.print('\r' + line + " ".repeat(Math.max(0, width - line.length())));
        err.flush();
        width = line.length();
    }

    /** Wipes the line, if one was written. */
    void clear() {
        if (width > 0) {
            err.print('\r' + " ".repeat(width) + '\r');
            err.flush();
            width = 0;
        }
    }
}

package io.leakhound.guard;

/** Told when the guard's level changes; runs on the guard's own thread, never the GC's nor a request's. */
@FunctionalInterface
public interface PressureListener {
    void changed(PressureLevel from, PressureLevel to);
}

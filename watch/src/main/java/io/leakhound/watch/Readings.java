package io.leakhound.watch;

import io.leakhound.series.GcEvent;
import io.leakhound.store.Sample;
import java.util.List;

/** What a probe read since its last poll: complete GC events (uptimes since the process started) and samples. */
public record Readings(List<GcEvent> gcEvents, List<Sample> samples) {

    public static final Readings NONE = new Readings(List.of(), List.of());

    public Readings {
        gcEvents = List.copyOf(gcEvents);
        samples = List.copyOf(samples);
    }

    public boolean isEmpty() {
        return gcEvents.isEmpty() && samples.isEmpty();
    }
}

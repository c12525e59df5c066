package io.leakhound.jfr;

import io.leakhound.series.Collector;
import io.leakhound.series.GcSeries;
import io.leakhound.series.verdict.UsageSeries;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The memory of one JVM as its JFR recordings show it, ready for the verdict engine.
 *
 * @param files        the recordings read, in the order given
 * @param collector    the collector that ran (from the first collection), {@link Collector#UNKNOWN} without any
 * @param events       one GC event per GC id, in time order, uptimes counted from the JVM's start
 * @param maxHeapBytes the maximum heap (jdk.GCHeapConfiguration, else the reserved heap), or -1 when unknown
 * @param samples      the sampled series present, in this order where present: {@code classes} and
 *                     {@code threads} (counts), {@code direct}, {@code rss}, {@code container} (bytes)
 * @param jvmStart     when the JVM started (jdk.JVMInformation), or null when the recording does not say; then
 *                     uptimes count from the start of the recording
 * @param eventsRead   how many events of the memory types were read (for messages and tests)
 * @param warnings     things a person should know (a truncated file, a missing event type)
 */
public record JfrMemory(
        List<Path> files,
        Collector collector,
        GcSeries events,
        long maxHeapBytes,
        List<UsageSeries> samples,
        Instant jvmStart,
        long eventsRead,
        List<String> warnings) {

    public JfrMemory {
        files = List.copyOf(files);
        samples = List.copyOf(samples);
        warnings = List.copyOf(warnings);
    }

    /** The sample series of {@code resource}, or null when the recording has none. */
    public UsageSeries sample(String resource) {
        for (UsageSeries s : samples) {
            if (s.resource().equals(resource)) {
                return s;
            }
        }
        return null;
    }
}

/**
 * JDK Flight Recorder recordings: {@link io.leakhound.jfr.JfrFile} checks a recording chunk by chunk and hands
 * its events to the caller through the JDK's own {@code jdk.jfr.consumer} parser;
 * {@link io.leakhound.jfr.JfrMemoryReader} turns them into the GC events and sampled series
 * ({@link io.leakhound.jfr.JfrMemory}) that the verdict engine judges.
 */
package io.leakhound.jfr;

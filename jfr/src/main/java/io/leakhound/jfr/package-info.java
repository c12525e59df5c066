/**
 * JDK Flight Recorder recordings: {@link io.leakhound.jfr.JfrFile} checks a recording chunk by chunk and hands
 * its events to the caller through the JDK's own {@code jdk.jfr.consumer} parser.
 */
package io.leakhound.jfr;

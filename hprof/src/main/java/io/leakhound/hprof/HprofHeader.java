package io.leakhound.hprof;

import java.time.Instant;

/**
 * The header every HPROF file starts with.
 *
 * @param format         the format string, such as {@code JAVA PROFILE 1.0.2}
 * @param identifierSize bytes in an object or string identifier: 4 or 8
 * @param timestamp      when the dump was written
 * @param length         bytes the header takes; the first record starts here
 */
public record HprofHeader(String format, int identifierSize, Instant timestamp, long length) {
}

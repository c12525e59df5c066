package io.leakhound.cli;

import io.leakhound.demo.DemoMode;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a demo mode as people type it: {@code listener-leak}, {@code LISTENER_LEAK}, {@code Listener_Leak}. */
final class DemoModeConverter implements ITypeConverter<DemoMode> {

    @Override
    public DemoMode convert(String value) {
        String normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (DemoMode mode : DemoMode.values()) {
            if (mode.name().equals(normalized)) {
                return mode;
            }
        }
        throw new TypeConversionException("unknown demo mode '" + value + "'; expected one of " + names());
    }

    /** The modes as the help shows them: {@code listener-leak, unbounded-cache, ...}. */
    static String names() {
        return Arrays.stream(DemoMode.values()).map(DemoModeConverter::name).collect(Collectors.joining(", "));
    }

    static String name(DemoMode mode) {
        return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** For picocli's completion and help: every mode's name. */
    static final class Candidates implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(DemoMode.values()).map(DemoModeConverter::name).iterator();
        }
    }
}

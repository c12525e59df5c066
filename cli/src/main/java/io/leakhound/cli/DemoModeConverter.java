package io.leakhound.cli;

import io.leakhound.demo.DemoMode;
import java.util.Arrays;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a demo mode as people type it: {@code listener-leak}, {@code LISTENER_LEAK}, {@code Listener_Leak}. */
final class DemoModeConverter implements ITypeConverter<DemoMode> {

    @Override
    public DemoMode convert(String value) {
        try {
            return DemoMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** For picocli's completion and help: every mode's name. */
    static final class Candidates implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(DemoMode.values()).map(DemoMode::displayName).iterator();
        }
    }
}

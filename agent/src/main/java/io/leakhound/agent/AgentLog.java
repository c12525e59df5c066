package io.leakhound.agent;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The agent's log: one line per event on the host's standard error, {@code leakhound-agent HH:mm:ss message}. Not
 * {@code java.util.logging} or a logging library: those are the application's to configure, and an agent must not
 * be silenced or reformatted by the host's settings, nor change them.
 */
final class AgentLog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private AgentLog() {
    }

    static void info(String message) {
        write(message);
    }

    static void warn(String message) {
        write("WARNING " + message);
    }

    private static void write(String message) {
        try {
            System.err.println("leakhound-agent " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS).format(TIME) + " "
                    + message);
        } catch (Throwable t) {
            // a closed or broken stderr: the agent goes on silent rather than failing the host
        }
    }
}

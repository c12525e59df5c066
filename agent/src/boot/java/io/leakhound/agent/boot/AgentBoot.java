package io.leakhound.agent.boot;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;

/**
 * The agent jar's entry point, compiled for Java 8 (and so loadable by any JVM that takes a {@code -javaagent}):
 * on Java 17 and later it hands over to {@code io.leakhound.agent.LeakhoundAgent}; on an older JVM it logs one line
 * and returns. A premain class the JVM cannot load (the rest of the agent is Java 17 bytecode) would make the JVM
 * abort at start ("processing of -javaagent failed"): the host must start with or without the agent, never not at
 * all. Java 8 source on purpose: no newer API in this file.
 */
public final class AgentBoot {

    static final int LEAKHOUND_JAVA = 17;

    private AgentBoot() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        handOver("premain", args, instrumentation);
    }

    public static void agentmain(String args, Instrumentation instrumentation) {
        handOver("agentmain", args, instrumentation);
    }

    private static void handOver(String entry, String args, Instrumentation instrumentation) {
        try {
            String version = System.getProperty("java.specification.version", "0");
            if (feature(version) < LEAKHOUND_JAVA) {
                System.err.println("leakhound-agent WARNING not started: this JVM runs Java " + version
                        + " and the agent needs Java " + LEAKHOUND_JAVA + " or later; watch it from outside instead"
                        + " (leakhound watch PID reads it over JMX)");
                return;
            }
            Method m = Class.forName("io.leakhound.agent.LeakhoundAgent").getMethod(entry, String.class,
                    Instrumentation.class);
            m.invoke(null, args, instrumentation);
        } catch (Throwable t) {
            try {
                System.err.println("leakhound-agent WARNING not started: " + t);
            } catch (Throwable ignored) {
                // nothing is thrown into the host, not even from a broken standard error
            }
        }
    }

    /** 1.8 -> 8, 17 -> 17; 0 when unreadable. */
    static int feature(String specVersion) {
        try {
            String[] parts = specVersion.split("\\.");
            int first = Integer.parseInt(parts[0]);
            return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
        } catch (RuntimeException e) {
            return 0;
        }
    }
}

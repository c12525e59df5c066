package io.leakhound.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The options of {@code -javaagent:leakhound-agent.jar=OPTIONS}: {@code key=value} pairs separated by {@code ,} or
 * {@code ;}, e.g. {@code port=9464,bind=0.0.0.0,thresholds=0.7/0.85/0.95}. A value never contains either
 * separator: the three thresholds are separated by {@code /}, so {@code thresholds=0.7,0.85,0.95} is refused
 * (with a message saying so) rather than read as something else.
 *
 * @param port       the HTTP port of {@code /metrics} and {@code /health}; 0 for none (no server)
 * @param bind       the address the server listens on ({@code 127.0.0.1}: this host only)
 * @param thresholds the memory-pressure thresholds WARNING, ESCALATE, CRITICAL as fractions of the limit, rising
 * @param dumpDir    where the automatic capture writes its heap dumps
 * @param capture    whether a heap LEAK triggers the two dumps and their diff
 * @param otlp       the OTLP/HTTP metrics endpoint to push to, or null for none
 * @param interval   how often the verdict engine judges the series
 * @param keepDumps  whether the dumps stay on disk after the diff
 */
public record AgentOptions(int port, String bind, double[] thresholds, Path dumpDir, boolean capture, String otlp,
                           Duration interval, boolean keepDumps) {

    public static final int DEFAULT_PORT = 9464;
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    private static final double[] DEFAULT_THRESHOLDS = {0.70, 0.85, 0.95};

    /** The option names, in the order the documentation gives them. */
    public static final java.util.List<String> NAMES = java.util.List.of("port", "bind", "thresholds", "dumpDir",
            "capture", "otlp", "interval", "keepDumps");

    public AgentOptions {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(dumpDir, "dumpDir");
        Objects.requireNonNull(interval, "interval");
        thresholds = thresholds.clone();
    }

    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }

    /** The defaults: port 9464 on 127.0.0.1, thresholds 0.70/0.85/0.95, capture on into the temp folder. */
    public static AgentOptions defaults() {
        return parse("");
    }

    /**
     * Reads the agent's argument string (null or empty: the defaults).
     *
     * @throws IllegalArgumentException naming the option and what was expected, for an unknown option, a pair
     *                                  without {@code =}, a value out of range, or an option given twice
     */
    public static AgentOptions parse(String args) {
        Map<String, String> given = new LinkedHashMap<>();
        if (args != null && !args.isBlank()) {
            for (String pair : args.split("[,;]")) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("'" + pair.trim() + "' is not key=value; options are "
                            + String.join(", ", NAMES) + ", separated by ',' or ';' (the thresholds by '/': "
                            + "thresholds=0.70/0.85/0.95)");
                }
                String key = pair.substring(0, eq).trim();
                String canonical = canonical(key);
                if (canonical == null) {
                    throw new IllegalArgumentException("unknown option '" + key + "'; the options are "
                            + String.join(", ", NAMES));
                }
                if (given.put(canonical, pair.substring(eq + 1).trim()) != null) {
                    throw new IllegalArgumentException("option '" + canonical + "' is given twice");
                }
            }
        }
        int port = given.containsKey("port") ? port(given.get("port")) : DEFAULT_PORT;
        String bind = given.getOrDefault("bind", DEFAULT_BIND);
        if (bind.isEmpty()) {
            throw new IllegalArgumentException("bind must be an address, e.g. bind=0.0.0.0, got an empty value");
        }
        double[] thresholds = given.containsKey("thresholds") ? thresholds(given.get("thresholds"))
                : DEFAULT_THRESHOLDS;
        Path dumpDir = given.containsKey("dumpDir") ? Path.of(nonEmpty("dumpDir", given.get("dumpDir")))
                : Path.of(System.getProperty("java.io.tmpdir"), "leakhound-captures");
        boolean capture = !given.containsKey("capture") || onOff("capture", given.get("capture"));
        String otlp = given.containsKey("otlp") ? otlp(given.get("otlp")) : null;
        Duration interval = given.containsKey("interval") ? interval(given.get("interval")) : DEFAULT_INTERVAL;
        boolean keepDumps = given.containsKey("keepDumps") && onOff("keepDumps", given.get("keepDumps"));
        return new AgentOptions(port, bind, thresholds, dumpDir.toAbsolutePath().normalize(), capture, otlp,
                interval, keepDumps);
    }

    /** The option's name as documented, matched without regard to case; null when it is none. */
    private static String canonical(String key) {
        for (String name : NAMES) {
            if (name.equalsIgnoreCase(key)) {
                return name;
            }
        }
        return null;
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("port must be a number from 0 (no server) to 65535, got '" + value + "'");
    }

    static double[] thresholds(String value) {
        String[] parts = value.split("/");
        if (parts.length != 3) {
            throw new IllegalArgumentException("thresholds must be three fractions separated by '/', rising, e.g."
                    + " thresholds=0.70/0.85/0.95, got '" + value + "'");
        }
        double[] t = new double[3];
        for (int i = 0; i < 3; i++) {
            try {
                t[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("threshold '" + parts[i] + "' is not a number (thresholds="
                        + value + ")");
            }
            if (!(t[i] > 0 && t[i] <= 1)) {
                throw new IllegalArgumentException("thresholds are fractions in (0, 1], got " + parts[i]
                        + " (thresholds=" + value + ")");
            }
        }
        if (!(t[0] < t[1] && t[1] < t[2])) {
            throw new IllegalArgumentException("thresholds must rise: WARNING < ESCALATE < CRITICAL, got " + value);
        }
        return t;
    }

    private static boolean onOff(String key, String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes":
                return true;
            case "off", "false", "no":
                return false;
            default:
                throw new IllegalArgumentException(key + " must be on or off, got '" + value + "'");
        }
    }

    private static String otlp(String value) {
        if (!value.startsWith("http://") && !value.startsWith("https://")) {
            throw new IllegalArgumentException("otlp must be an http:// or https:// URL of an OTLP/HTTP metrics"
                    + " endpoint (e.g. otlp=http://collector:4318/v1/metrics), got '" + value + "'");
        }
        return value;
    }

    /** {@code 5s}, {@code 500ms}, {@code 1m}; at least 1 s (the JFR period's resolution). */
    static Duration interval(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            } else {
                d = Duration.ofSeconds(Long.parseLong(v));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("interval must be a duration such as 5s or 1m, got '" + value + "'");
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("interval must be at least 1s, got '" + value + "'");
        }
        return d;
    }

    private static String nonEmpty(String key, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(key + " must not be empty");
        }
        return value;
    }
}

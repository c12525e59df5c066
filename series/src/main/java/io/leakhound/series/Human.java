package io.leakhound.series;

import java.time.Duration;
import java.util.Locale;

/**
 * The one place where sizes, durations, rates and fractions are written for people: the engine's summaries and every renderer (text,
 * HTML, the CLI's messages) formats through here so that "256 MB" and "3 min 40 s" read the same everywhere.
 * Binary units (1 MB = 2<sup>20</sup> bytes), as the JVM's {@code -Xmx} and GC logs count them. Costs nothing.
 */
public final class Human {

    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};

    private Human() {
    }

    /**
     * A byte count with a binary unit and about three significant digits: {@code 512 B}, {@code 1.5 KB},
     * {@code 410 MB}, {@code 12.3 GB}. Negative counts keep their sign (a shrinking baseline).
     */
    public static String bytes(long bytes) {
        if (bytes == Long.MIN_VALUE) {
            return "-8 EB";
        }
        if (bytes < 0) {
            return "-" + bytes(-bytes);
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        // 1023.7 KB would print as "1024 KB": move up a unit instead
        if (Math.round(value) >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return number(value) + " " + UNITS[unit];
    }

    /**
     * A byte count in a given unit, for the ticks of one axis, which must all share a unit:
     * {@code inUnit(1280 << 10, 2)} is {@code 1.25 MB}.
     *
     * @param unit 0 for B, 1 for KB, 2 for MB, 3 for GB...
     */
    public static String inUnit(long bytes, int unit) {
        if (bytes == 0) {
            return "0";
        }
        double value = bytes / Math.pow(1024, unit);
        return number(value) + " " + UNITS[unit];
    }

    /** The unit {@link #bytes(long)} would use for this count: 0 for B, 1 for KB, 2 for MB... */
    public static int unitOf(long bytes) {
        int unit = 0;
        long b = Math.abs(bytes);
        while (b >= 1024 && unit < UNITS.length - 1) {
            b /= 1024;
            unit++;
        }
        return unit;
    }

    /** A growth rate: {@code 410 MB/h}; below 1 KB/h it is written in bytes. */
    public static String ratePerHour(double bytesPerHour) {
        return bytes(Math.round(bytesPerHour)) + "/h";
    }

    /** A number of things with thousands separators: {@code 1,200}; negative counts keep their sign. */
    public static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /** An amount in its unit: {@link #bytes(long)} for bytes, {@link #count(long)} for counts. */
    public static String amount(long amount, Unit unit) {
        return unit == Unit.COUNT ? count(amount) : bytes(amount);
    }

    /** A growth rate in its unit: {@code 410 MB/h}, or {@code 1,200/h} for a count. */
    public static String ratePerHour(double perHour, Unit unit) {
        return amount(Math.round(perHour), unit) + "/h";
    }

    /**
     * A duration a person reads at once, at most two units: {@code 850 ms}, {@code 42 s}, {@code 3 min 40 s},
     * {@code 2 h 05 min}, {@code 3 d 04 h}.
     */
    public static String duration(Duration duration) {
        if (duration.isNegative()) {
            return "-" + duration(duration.negated());
        }
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        long seconds = Math.round(millis / 1000.0);
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min " + two(seconds % 60) + " s";
        }
        long roundedMinutes = Math.round(seconds / 60.0);
        long hours = roundedMinutes / 60;
        if (hours < 24) {
            return hours + " h " + two(roundedMinutes % 60) + " min";
        }
        long roundedHours = Math.round(roundedMinutes / 60.0);
        return roundedHours / 24 + " d " + two(roundedHours % 24) + " h";
    }

    /** A point in time since the start as a clock: {@code 00:01:12}; days are added as hours ({@code 27:00:00}). */
    public static String clock(Duration sinceStart) {
        if (sinceStart.isNegative()) {
            return "-" + clock(sinceStart.negated());
        }
        long seconds = sinceStart.getSeconds();
        return two(seconds / 3600) + ":" + two(seconds / 60 % 60) + ":" + two(seconds % 60);
    }

    /** A fraction as a percentage with sensible precision: {@code 87 %}, {@code 1.3 %}, {@code 0.04 %}. */
    public static String percent(double fraction) {
        if (Double.isNaN(fraction)) {
            return "n/a";
        }
        double p = fraction * 100;
        double abs = Math.abs(p);
        if (abs == 0) {
            return "0 %";
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.0f %%", p);
        }
        if (abs >= 0.1) {
            return String.format(Locale.ROOT, "%.1f %%", p);
        }
        return String.format(Locale.ROOT, "%.2f %%", p);
    }

    // three significant digits, no trailing ".0"
    private static String number(double value) {
        String s;
        if (value >= 100) {
            s = String.format(Locale.ROOT, "%.0f", value);
        } else if (value >= 10) {
            s = String.format(Locale.ROOT, "%.1f", value);
        } else {
            s = String.format(Locale.ROOT, "%.2f", value);
        }
        if (s.indexOf('.') >= 0) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    private static String two(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }
}

package io.leakhound.series.verdict;

import java.time.Duration;
import java.util.Locale;

/** How the engine's summaries write sizes, rates and times for a person. */
final class Format {

    private static final double MB = 1024.0 * 1024.0;

    private Format() {
    }

    /** {@code 42 MB}, {@code 3.5 MB}, {@code 1.2 GB}, {@code 800 KB}. */
    static String bytes(double bytes) {
        double abs = Math.abs(bytes);
        if (abs >= 1024 * MB) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (1024 * MB));
        }
        if (abs >= 10 * MB) {
            return String.format(Locale.ROOT, "%d MB", Math.round(bytes / MB));
        }
        if (abs >= MB) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / MB);
        }
        return String.format(Locale.ROOT, "%d KB", Math.round(bytes / 1024));
    }

    /** {@code 410 MB/h}. */
    static String rate(double bytesPerHour) {
        return bytes(bytesPerHour) + "/h";
    }

    /** {@code 3 min 40 s}, {@code 2 h 5 min}, {@code 8 s}, {@code 4 d 2 h}. */
    static String duration(Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        if (s < 86_400) {
            return (s / 3600) + " h" + ((s % 3600) / 60 == 0 ? "" : " " + (s % 3600) / 60 + " min");
        }
        return (s / 86_400) + " d" + ((s % 86_400) / 3600 == 0 ? "" : " " + (s % 86_400) / 3600 + " h");
    }

    /** {@code 00:01:12}: a time since the start of the log. */
    static String clock(Duration d) {
        long s = d.getSeconds();
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
    }
}

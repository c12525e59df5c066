package io.leakhound.agent;

import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.MemoryAnalysis;
import io.leakhound.series.verdict.Trend;
import io.leakhound.series.verdict.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The body of {@code GET /health}: {@code status}, {@code pressure}, {@code usedFraction}, {@code limitBytes} and the
 * {@code findings} in the same shape as {@code analyze --json}'s (docs/json.md). Written by hand: the agent carries
 * no JSON library into the host, and the {@code report} module that renders that contract is not among its
 * dependencies; {@code HealthJsonTest} holds each finding equal to the report's own rendering, so the two cannot
 * drift apart.
 */
final class HealthJson {

    /** The overall state: DOWN at CRITICAL pressure, DEGRADED at WARNING or ESCALATE or with a LEAK, else UP. */
    enum Status { UP, DEGRADED, DOWN }

    private HealthJson() {
    }

    static Status status(int pressureLevel, MemoryAnalysis analysis) {
        if (pressureLevel >= 3) {
            return Status.DOWN;
        }
        if (pressureLevel >= 1 || (analysis != null && analysis.hasLeak())) {
            return Status.DEGRADED;
        }
        return Status.UP;
    }

    static String render(Status status, MemoryPressure pressure, MemoryAnalysis analysis) {
        StringBuilder b = new StringBuilder(512);
        b.append("{\"status\":").append(string(status.name()));
        b.append(",\"pressure\":").append(string(pressure.levelName()));
        b.append(",\"usedFraction\":").append(number(round(pressure.usedFraction(), 4)));
        long limit = pressure.limitBytes();
        b.append(",\"limitBytes\":").append(limit > 0 ? Long.toString(limit) : "null");
        b.append(",\"findings\":[");
        List<Finding> findings = analysis == null ? List.of() : analysis.findings();
        for (int i = 0; i < findings.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            finding(b, findings.get(i));
        }
        b.append("]}");
        return b.toString();
    }

    /** One finding, field for field as {@code report}'s {@code JsonReport.finding}. */
    static void finding(StringBuilder b, Finding f) {
        boolean judged = f.verdict() != Verdict.INCONCLUSIVE;
        Double growth = judged && Double.isFinite(f.growthBytesPerHour()) ? f.growthBytesPerHour() : null;
        Duration onset = judged ? f.onset() : null;
        Duration exhaustion = judged ? f.timeToExhaustion() : null;
        Trend trend = judged ? f.trend() : null;
        b.append("{\"resource\":").append(string(f.resource()));
        b.append(",\"unit\":").append(string(f.unit().name()));
        b.append(",\"verdict\":").append(string(f.verdict().name()));
        b.append(",\"confidence\":").append(number(round(f.confidence(), 4)));
        b.append(",\"growthBytesPerHour\":").append(growth == null ? "null" : Long.toString(Math.round(growth)));
        b.append(",\"onsetSeconds\":").append(onset == null ? "null" : number(seconds(onset)));
        b.append(",\"timeToExhaustion\":").append(exhaustion == null ? "null"
                : string(Duration.ofMillis(exhaustion.toMillis()).toString()));
        b.append(",\"timeToExhaustionSeconds\":").append(exhaustion == null ? "null" : number(seconds(exhaustion)));
        b.append(",\"limitBytes\":").append(f.limitBytes() > 0 ? Long.toString(f.limitBytes()) : "null");
        b.append(",\"lastBaselineBytes\":").append(f.lastBaselineBytes() >= 0 ? Long.toString(f.lastBaselineBytes())
                : "null");
        b.append(",\"usedFraction\":").append(f.limitBytes() > 0 && f.lastBaselineBytes() >= 0
                ? number(round((double) f.lastBaselineBytes() / f.limitBytes(), 4)) : "null");
        b.append(",\"alert\":").append(string(f.alert().name()));
        b.append(",\"summary\":").append(string(f.summary()));
        b.append(",\"baselinePoints\":").append(f.baseline().size());
        b.append(",\"exhaustedAtSeconds\":").append(f.exhausted() ? number(seconds(f.exhaustedAt())) : "null");
        if (trend == null) {
            b.append(",\"trend\":null");
        } else {
            b.append(",\"trend\":{\"originSeconds\":").append(number(trend.originMillis() / 1000.0));
            b.append(",\"interceptBytes\":").append(Math.round(trend.interceptBytes()));
            b.append(",\"slopeBytesPerHour\":").append(Math.round(trend.slopeBytesPerHour())).append('}');
        }
        b.append('}');
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static double round(double value, int digits) {
        if (!Double.isFinite(value)) {
            return value; // NaN stays unknown (null), not 0
        }
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    /** A JSON number, or null for NaN and infinities (which JSON has not). */
    static String number(double d) {
        if (!Double.isFinite(d)) {
            return "null";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        return Double.toString(d);
    }

    /** A JSON string with the escapes RFC 8259 requires. */
    static String string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}

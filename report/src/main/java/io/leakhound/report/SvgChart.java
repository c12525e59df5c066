package io.leakhound.report;

import io.leakhound.series.GcSeries;
import io.leakhound.series.Human;
import io.leakhound.series.Unit;
import io.leakhound.series.verdict.AlertLevel;
import io.leakhound.series.verdict.Finding;
import io.leakhound.series.verdict.LeakAnalyzer;
import io.leakhound.series.verdict.PointQuality;
import io.leakhound.series.verdict.Trend;
import io.leakhound.series.verdict.UsageSeries;
import io.leakhound.series.verdict.Verdict;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One inline SVG chart for one finding: usage before and after each GC (the sawtooth, for heap and
 * metaspace when the events are known), the post-GC baseline points the verdict was computed from, the
 * fitted trend, the 70/85/95 % alert lines and the maximum, and a marker at the onset of growth. Long
 * series are thinned by {@link MinMaxDownsampler} so a chart never holds more than a few thousand points
 * (a few hundred KB of SVG at most). Time is in the series' own base (uptime of the JVM for GC logs).
 * Optional {@linkplain Marker markers} put moments on the time axis (a person's annotations, alert changes,
 * captures of a watch's history).
 */
final class SvgChart {

    static final int WIDTH = 1100;
    static final int HEIGHT = 430;
    private static final int LEFT = 78;
    private static final int RIGHT = 168;
    private static final int TOP = 46;
    private static final int BOTTOM = 48;
    private static final int PLOT_W = WIDTH - LEFT - RIGHT;
    private static final int PLOT_H = HEIGHT - TOP - BOTTOM;
    /** Points of one polyline at most: enough for a smooth sawtooth at 1100 px. */
    static final int MAX_POINTS = 2000;

    private static final long[] TIME_STEPS_SECONDS = {
        1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200,
        86400, 172800, 604800, 1209600, 2592000};

    private final Finding finding;
    private final int id;
    private long[] rawMillis = new long[0];
    private long[] rawBytes = new long[0];
    private int rawSize;
    private double xMin;
    private double xMax;
    /**
     * Time zero of the axis labels and the onset: JVM start for GC logs (whose times are uptimes), the first
     * sample for plain series (whose times may be epoch milliseconds).
     */
    private long timeOrigin;
    private double yMax;
    private List<Marker> markers = List.of();

    /**
     * A moment on the time axis: a vertical line with a label.
     *
     * @param millis when, in the series' time base (since JVM start for GC events)
     * @param label  the text shown at the line's top, e.g. {@code deploy v1.4.2}
     * @param kind   the CSS class: {@code annotation}, {@code alert} or {@code capture}
     */
    record Marker(long millis, String label, String kind) {
    }

    private SvgChart(Finding finding, int id) {
        this.finding = finding;
        this.id = id;
    }

    /**
     * The chart as an {@code <svg>} element.
     *
     * @param finding the finding to draw
     * @param events  the GC events for the sawtooth, or null (CSV input): then only the baseline is drawn
     * @param id      a number unique in the page (for the clip path's id)
     */
    static String render(Finding finding, GcSeries events, int id) {
        return render(finding, events, id, List.of());
    }

    /** The chart with markers; those before the series start (down to time 0) widen the axis to show them. */
    static String render(Finding finding, GcSeries events, int id, List<Marker> markers) {
        SvgChart chart = new SvgChart(finding, id);
        chart.markers = markers;
        chart.collectRaw(events);
        chart.computeRanges();
        return chart.draw(events != null);
    }

    /** What the grey line shows, for the legend; null when there is none. */
    private String rawLabel() {
        if (rawSize == 0) {
            return null;
        }
        return "heap".equals(finding.resource()) ? "heap before and after each GC" : finding.resource() + " after each GC";
    }

    private void collectRaw(GcSeries events) {
        if (events == null || events.isEmpty()) {
            return;
        }
        boolean heap = "heap".equals(finding.resource());
        boolean metaspace = LeakAnalyzer.METASPACE.equals(finding.resource()) || LeakAnalyzer.PERMGEN.equals(finding.resource());
        if (!heap && !metaspace) {
            return;
        }
        int n = events.size();
        rawMillis = new long[heap ? 2 * n : n];
        rawBytes = new long[rawMillis.length];
        for (int i = 0; i < n; i++) {
            long t = events.uptimeMillis(i);
            if (heap) {
                long after = events.heapAfter(i);
                if (after < 0) {
                    continue;
                }
                long before = events.heapBefore(i);
                if (before >= 0) {
                    add(t, before);
                }
                add(t, after);
            } else {
                long after = events.metaspaceAfter(i);
                if (after >= 0) {
                    add(t, after);
                }
            }
        }
        // events are in time order but a concurrent phase may be reported late: keep the line monotone in time
        for (int i = 1; i < rawSize; i++) {
            if (rawMillis[i] < rawMillis[i - 1]) {
                rawMillis[i] = rawMillis[i - 1];
            }
        }
    }

    private void add(long millis, long bytes) {
        rawMillis[rawSize] = millis;
        rawBytes[rawSize] = bytes;
        rawSize++;
    }

    private void computeRanges() {
        UsageSeries base = finding.baseline();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long top = 0;
        if (rawSize > 0) {
            first = rawMillis[0];
            last = rawMillis[rawSize - 1];
            for (int i = 0; i < rawSize; i++) {
                top = Math.max(top, rawBytes[i]);
            }
        }
        if (base.size() > 0) {
            first = Math.min(first, base.millis(0));
            last = Math.max(last, base.millis(base.size() - 1));
            for (int i = 0; i < base.size(); i++) {
                top = Math.max(top, base.usedBytes(i));
            }
        }
        if (first == Long.MAX_VALUE) {
            first = 0;
            last = 1000;
        }
        if (finding.onset() != null && !isRaw(base)) {
            last = Math.max(last, finding.onset().toMillis());
        }
        if (isRaw(base)) {
            timeOrigin = first;
            xMin = first;
        } else {
            // a log that starts near process start reads best from 0
            xMin = first <= (last - first) / 10 ? 0 : first;
        }
        for (Marker m : markers) {
            if (m.millis() >= 0 && m.millis() < xMin && m.millis() <= last) {
                xMin = m.millis();
            }
        }
        xMax = Math.max(last, xMin + 1000);
        long limit = finding.limitBytes();
        if (limit > 0 && top >= 0.35 * limit) {
            yMax = Math.max(limit * 1.04, top * 1.04);
        } else {
            // an empty byte axis still spans 64 KB; a count axis (threads, classes) at least ten things
            yMax = Math.max(top * 1.15, finding.unit() == Unit.COUNT ? 10 : 64 << 10);
        }
    }

    private String draw(boolean hasEvents) {
        StringBuilder s = new StringBuilder(64 * 1024);
        s.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"")
                .append(Html.escape(finding.resource() + " over time")).append("\">\n");
        s.append("<defs><clipPath id=\"plot").append(id).append("\"><rect x=\"").append(LEFT).append("\" y=\"")
                .append(TOP).append("\" width=\"").append(PLOT_W).append("\" height=\"").append(PLOT_H)
                .append("\"/></clipPath></defs>\n");
        s.append("<rect class=\"plot\" x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(PLOT_W).append("\" height=\"").append(PLOT_H).append("\"/>\n");
        drawYAxis(s);
        drawXAxis(s, hasEvents);
        String hiddenLimits = drawLimits(s);
        s.append("<g clip-path=\"url(#plot").append(id).append(")\">\n");
        drawRaw(s);
        drawTrend(s);
        drawBaseline(s);
        s.append("</g>\n");
        drawOnset(s);
        drawMarkers(s);
        drawLegend(s, hiddenLimits);
        s.append("</svg>\n");
        return s.toString();
    }

    private void drawYAxis(StringBuilder s) {
        // every tick in the unit of the top of the axis, so labels read 0, 0.25 MB, 0.5 MB... not 256 KB, 0.5 MB
        boolean count = finding.unit() == Unit.COUNT;
        int unit = count ? 0 : Human.unitOf((long) yMax);
        // a count axis steps by whole things
        double step = count ? Math.max(1, Math.ceil(niceStep(yMax / 6, 1))) : niceStep(yMax / 6, Math.pow(1024, unit));
        s.append("<g class=\"axis\">\n");
        for (int k = 0; k * step <= yMax + 1e-6; k++) {
            double v = k * step;
            double y = py(v);
            s.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + PLOT_W)
                    .append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y)).append("\"/>");
            s.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(f(y + 4))
                    .append("\" text-anchor=\"end\">").append(Html.escape(count ? Human.count(Math.round(v)) : Human.inUnit(Math.round(v), unit)))
                    .append("</text>\n");
        }
        s.append("</g>\n");
    }

    private void drawXAxis(StringBuilder s, boolean hasEvents) {
        double rangeSeconds = (xMax - xMin) / 1000;
        long step = TIME_STEPS_SECONDS[TIME_STEPS_SECONDS.length - 1];
        for (long candidate : TIME_STEPS_SECONDS) {
            if (rangeSeconds / candidate <= 9) {
                step = candidate;
                break;
            }
        }
        boolean hours = xMax - timeOrigin >= 3_600_000;
        s.append("<g class=\"axis\">\n");
        long firstTick = (long) Math.ceil((xMin - timeOrigin) / 1000 / step) * step;
        for (long t = firstTick; timeOrigin + t * 1000.0 <= xMax; t += step) {
            double x = px(timeOrigin + t * 1000.0);
            s.append("<line class=\"tick\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"")
                    .append(TOP + PLOT_H).append("\" y2=\"").append(TOP + PLOT_H + 5).append("\"/>");
            s.append("<text x=\"").append(f(x)).append("\" y=\"").append(TOP + PLOT_H + 20)
                    .append("\" text-anchor=\"middle\">").append(timeLabel(t, hours)).append("</text>\n");
        }
        String title = (hasEvents ? "time since JVM start" : isRaw(finding.baseline()) ? "time since first sample" : "time")
                + (hours ? " (h:mm)" : " (m:ss)");
        s.append("<text class=\"title\" x=\"").append(LEFT + PLOT_W / 2).append("\" y=\"").append(HEIGHT - 8)
                .append("\" text-anchor=\"middle\">").append(title).append("</text>\n");
        s.append("</g>\n");
    }

    static String timeLabel(long seconds, boolean hours) {
        if (hours) {
            long minutes = seconds / 60;
            return minutes / 60 + ":" + two(minutes % 60);
        }
        return seconds / 60 + ":" + two(seconds % 60);
    }

    // the 70/85/95 % lines and the maximum; returns a note naming those above the visible range, or null
    private String drawLimits(StringBuilder s) {
        long limit = finding.limitBytes();
        if (limit <= 0) {
            return null;
        }
        StringBuilder hidden = new StringBuilder();
        AlertLevel[] levels = {AlertLevel.WARNING, AlertLevel.ESCALATE, AlertLevel.CRITICAL};
        for (AlertLevel level : levels) {
            double v = limit * level.threshold();
            if (v > yMax) {
                hidden.append(hidden.length() == 0 ? "" : "/").append(Math.round(level.threshold() * 100));
                continue;
            }
            double y = py(v);
            String cls = "limit " + level.name().toLowerCase(Locale.ROOT);
            s.append("<line class=\"").append(cls).append("\" x1=\"").append(LEFT).append("\" x2=\"")
                    .append(LEFT + PLOT_W).append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y))
                    .append("\"/>");
            s.append("<text class=\"").append(cls).append("\" x=\"").append(LEFT + PLOT_W + 6).append("\" y=\"")
                    .append(f(y + 4)).append("\">").append(Math.round(level.threshold() * 100)).append(" % ")
                    .append(level.name().toLowerCase(Locale.ROOT)).append("</text>\n");
        }
        if (limit <= yMax) {
            double y = py(limit);
            s.append("<line class=\"limit max\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + PLOT_W)
                    .append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y)).append("\"/>");
            s.append("<text class=\"limit max\" x=\"").append(LEFT + PLOT_W + 6).append("\" y=\"").append(f(y + 4))
                    .append("\">max ").append(Html.escape(Human.amount(limit, finding.unit()))).append("</text>\n");
        }
        return hidden.length() == 0 ? null
                : hidden + " % lines of the " + Human.amount(limit, finding.unit()) + " maximum are above this range";
    }

    private void drawRaw(StringBuilder s) {
        if (rawSize == 0) {
            return;
        }
        int[] keep = MinMaxDownsampler.keep(rawMillis, rawBytes, rawSize, MAX_POINTS);
        s.append("<polyline class=\"raw\" points=\"");
        for (int k : keep) {
            s.append(f(px(rawMillis[k]))).append(',').append(f(py(rawBytes[k]))).append(' ');
        }
        s.append("\"/>\n");
    }

    private void drawBaseline(StringBuilder s) {
        UsageSeries base = finding.baseline();
        if (base.size() == 0) {
            return;
        }
        long[] millis = base.millisArray();
        long[] used = base.usedBytesArray();
        int[] keep = MinMaxDownsampler.keep(millis, used, millis.length, MAX_POINTS);
        // with few points, dots alone; with many, a thin line joins them so the shape stays readable
        if (keep.length > 1) {
            s.append("<polyline class=\"baseline-line\" points=\"");
            for (int k : keep) {
                s.append(f(px(millis[k]))).append(',').append(f(py(used[k]))).append(' ');
            }
            s.append("\"/>\n");
        }
        double r = keep.length > 400 ? 1.6 : 2.8;
        for (int k : keep) {
            String cls = base.quality(k) == PointQuality.AFTER_PARTIAL_COLLECTION ? "base partial" : "base";
            s.append("<circle class=\"").append(cls).append("\" cx=\"").append(f(px(millis[k]))).append("\" cy=\"")
                    .append(f(py(used[k]))).append("\" r=\"").append(r).append("\"/>");
        }
        s.append('\n');
    }

    private void drawTrend(StringBuilder s) {
        Trend trend = finding.trend();
        if (trend == null) {
            return;
        }
        UsageSeries base = finding.baseline();
        double start = base.size() > 0 ? Math.max(trend.originMillis(), base.millis(0)) : trend.originMillis();
        start = Math.max(start, xMin);
        double end = xMax;
        if (start >= end) {
            return;
        }
        // keep the segment within a sane band so the clip path, not huge coordinates, cuts it
        double lo = -0.5 * yMax;
        double hi = 1.5 * yMax;
        double slopePerMilli = trend.slopeBytesPerHour() / 3_600_000.0;
        double v0 = trend.at((long) start);
        double v1 = trend.at((long) end);
        if (slopePerMilli != 0) {
            if (v1 > hi) {
                end = start + (hi - v0) / slopePerMilli;
            } else if (v1 < lo) {
                end = start + (lo - v0) / slopePerMilli;
            }
            if (end <= start) {
                return;
            }
            v1 = v0 + slopePerMilli * (end - start);
        }
        s.append("<line class=\"trend ").append(verdictClass(finding.verdict())).append("\" x1=\"")
                .append(f(px(start))).append("\" y1=\"").append(f(py(v0))).append("\" x2=\"").append(f(px(end)))
                .append("\" y2=\"").append(f(py(v1))).append("\"/>\n");
    }

    private void drawOnset(StringBuilder s) {
        Duration onset = finding.onset();
        if (onset == null) {
            return;
        }
        double t = timeOrigin + onset.toMillis();
        if (t < xMin || t > xMax) {
            return;
        }
        double x = px(t);
        s.append("<line class=\"onset\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"")
                .append(TOP).append("\" y2=\"").append(TOP + PLOT_H).append("\"/>");
        boolean leftSide = x > LEFT + PLOT_W * 0.75;
        s.append("<text class=\"onset\" x=\"").append(f(leftSide ? x - 6 : x + 6)).append("\" y=\"").append(TOP + PLOT_H - 8)
                .append("\" text-anchor=\"").append(leftSide ? "end" : "start").append("\">growth from ")
                .append(Human.clock(onset)).append("</text>\n");
    }

    // labels step down in three rows so that markers close in time stay readable
    private void drawMarkers(StringBuilder s) {
        int row = 0;
        for (Marker m : markers) {
            if (m.millis() < xMin || m.millis() > xMax) {
                continue;
            }
            double x = px(m.millis());
            String cls = "marker " + m.kind();
            s.append("<g class=\"").append(Html.escape(cls)).append("\"><title>").append(Html.escape(m.label()))
                    .append("</title><line x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"")
                    .append(TOP).append("\" y2=\"").append(TOP + PLOT_H).append("\"/>");
            boolean leftSide = x > LEFT + PLOT_W * 0.75;
            s.append("<text x=\"").append(f(leftSide ? x - 4 : x + 4)).append("\" y=\"").append(TOP + 14 + 15 * row)
                    .append("\" text-anchor=\"").append(leftSide ? "end" : "start").append("\">")
                    .append(Html.escape(m.label())).append("</text></g>\n");
            row = (row + 1) % 3;
        }
    }

    private void drawLegend(StringBuilder s, String hiddenLimits) {
        StringBuilder items = new StringBuilder();
        double x = LEFT;
        double y = 22;
        String raw = rawLabel();
        if (raw != null) {
            items.append(legendLine(x, y, "raw", raw));
            x += 30 + raw.length() * 6.6 + 22;
        }
        String base = isRaw(finding.baseline()) ? "samples" : "post-GC baseline";
        if (finding.baseline().size() > 0) {
            items.append("<circle class=\"base key\" cx=\"").append(f(x + 10)).append("\" cy=\"").append(f(y))
                    .append("\" r=\"3.2\"/><text x=\"").append(f(x + 22)).append("\" y=\"").append(f(y + 4))
                    .append("\">").append(base).append("</text>");
            x += 22 + base.length() * 6.6 + 22;
            if (hasPartialPoints()) {
                String partial = "after young GC";
                items.append("<circle class=\"base partial key\" cx=\"").append(f(x + 10)).append("\" cy=\"")
                        .append(f(y)).append("\" r=\"3.2\"/><text x=\"").append(f(x + 22)).append("\" y=\"")
                        .append(f(y + 4)).append("\">").append(partial).append("</text>");
                x += 22 + partial.length() * 6.6 + 22;
            }
        }
        if (finding.trend() != null) {
            items.append(legendLine(x, y, "trend " + verdictClass(finding.verdict()), "trend"));
            x += 30 + 5 * 6.6 + 22;
        }
        if (finding.limitBytes() > 0 && hiddenLimits == null) {
            items.append(legendLine(x, y, "limit escalate", "70 / 85 / 95 % of max"));
            x += 30 + 21 * 6.6 + 22;
        }
        if (finding.onset() != null) {
            items.append(legendLine(x, y, "onset", "onset of growth"));
        }
        s.append("<g class=\"legend\">").append(items).append("</g>\n");
        if (hiddenLimits != null) {
            s.append("<text class=\"note\" x=\"").append(LEFT + PLOT_W).append("\" y=\"").append(TOP - 6)
                    .append("\" text-anchor=\"end\">").append(Html.escape(hiddenLimits)).append("</text>\n");
        }
    }

    private static String legendLine(double x, double y, String cls, String label) {
        return "<line class=\"" + cls + "\" x1=\"" + f(x) + "\" x2=\"" + f(x + 24) + "\" y1=\"" + f(y) + "\" y2=\""
                + f(y) + "\"/><text x=\"" + f(x + 30) + "\" y=\"" + f(y + 4) + "\">" + Html.escape(label) + "</text>";
    }

    private boolean hasPartialPoints() {
        UsageSeries base = finding.baseline();
        for (int i = 0; i < base.size(); i++) {
            if (base.quality(i) == PointQuality.AFTER_PARTIAL_COLLECTION) {
                return true;
            }
        }
        return false;
    }

    /** Whether the points are plain samples with no GC information (a CSV series). */
    static boolean isRaw(UsageSeries series) {
        return series.size() > 0 && series.quality(0) == PointQuality.RAW;
    }

    /** Whether there is anything to draw for this finding. */
    static boolean hasData(Finding finding, GcSeries events) {
        SvgChart chart = new SvgChart(finding, 0);
        chart.collectRaw(events);
        return chart.rawSize > 0 || finding.baseline().size() > 0;
    }

    static String verdictClass(Verdict verdict) {
        return verdict.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private double px(double millis) {
        return LEFT + (millis - xMin) / (xMax - xMin) * PLOT_W;
    }

    private double py(double bytes) {
        return TOP + PLOT_H - bytes / yMax * PLOT_H;
    }

    /** A step of 1, 2, 2.5 or 5 times a power of ten of {@code unit} (bytes per KB, MB...), at least {@code raw}. */
    static double niceStep(double raw, double unit) {
        double scaled = raw / unit;
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(scaled, 1e-9))));
        double[] mantissas = {1, 2, 2.5, 5, 10};
        for (double m : mantissas) {
            if (m * magnitude >= scaled) {
                return m * magnitude * unit;
            }
        }
        return 10 * magnitude * unit;
    }

    // one decimal is finer than a pixel; Locale.ROOT keeps the dot
    private static String f(double v) {
        long tenths = Math.round(v * 10);
        long whole = tenths / 10;
        long frac = Math.abs(tenths % 10);
        if (frac == 0) {
            return Long.toString(whole);
        }
        return (tenths < 0 && whole == 0 ? "-" : "") + whole + "." + frac;
    }

    private static String two(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }

    // for tests: the number of points the sawtooth polyline holds
    static int countPolylinePoints(String svg, String cls) {
        int at = svg.indexOf("<polyline class=\"" + cls + "\" points=\"");
        if (at < 0) {
            return 0;
        }
        int start = svg.indexOf("points=\"", at) + 8;
        int end = svg.indexOf('"', start);
        String pts = svg.substring(start, end).trim();
        return pts.isEmpty() ? 0 : (int) Arrays.stream(pts.split(" ")).count();
    }
}

package io.leakhound.series.verdict;

import io.leakhound.series.Human;
import io.leakhound.series.Unit;
import java.time.Duration;
import java.util.Arrays;

/**
 * Decides LEAK / BOUNDED_GROWTH / STABLE / INCONCLUSIVE for one resource from its post-GC points.
 *
 * <p>Two views of the points are used, because no single one is both robust and honest:
 * <ul>
 *   <li>the <em>windowed minima</em>: the lowest point in each of a few dozen time windows. Load spikes
 *       shorter than a window vanish, and the thinned points are few and independent enough for
 *       Theil–Sen and Mann–Kendall;</li>
 *   <li>the <em>retained envelope</em>: at each point, the lowest value seen at that point or any later
 *       one. Whatever a later cleaning collection gave back was not retained, so the envelope rises only
 *       with memory that survived every later collection: promoted garbage that a full, mixed or
 *       concurrent collection removed (the sawtooth of a healthy service) leaves it flat. It is trusted up
 *       to the last cleaning collection; after that it is an upper bound only.</li>
 * </ul>
 * A LEAK needs a significant (Mann–Kendall, p &lt; {@value #ALPHA}) and material (at least
 * {@value #MIN_GROWTH_OF_LIMIT} of the limit, and three times the noise) rise of the windowed minima after
 * the onset, confirmed by the retained envelope wherever cleaning collections allow it, that does not level
 * off. A leak that starts late is material when its rate over the whole log would be, and what it added
 * is half the floor and more than two steps of the log's resolution; its trend may be weaker (p &lt; 5 %)
 * when the whole series rises strongly. Growth that levels off is BOUNDED_GROWTH; so is growth with a knee (fast, then under half as fast)
 * where no cleaning collection ran: that is how a cache that filled and now evicts looks while its evicted
 * entries pile up in the old generation.
 *
 * <p>What no log can tell: garbage that young collections keep promoting at a steady rate, with no cleaning
 * collection in the whole log, looks exactly like a leak of that rate (a cache whose fill rate equals its
 * eviction rate, a Parallel service promoting medium-lived objects). The engine then says LEAK, with a
 * lower confidence, because it cannot rule one out.
 *
 * <p>Cost: O(n) over the points plus O(m³) on at most {@value #MAX_WINDOWS} thinned points.
 */
final class GrowthJudge {

    /** Shorter than this, promoted garbage and a warm-up look too much like growth (a demo runs a minute). */
    static final long MIN_SPAN_MILLIS = 45_000;
    static final int MIN_POINTS = 5;
    static final int MAX_WINDOWS = 40;
    static final double ALPHA = 0.01;
    /** Growth below this share of the limit over the analysed span is not material. */
    static final double MIN_GROWTH_OF_LIMIT = 0.02;
    /** Growth below this share of the starting level is not material (used when the limit is unknown). */
    static final double MIN_GROWTH_OF_LEVEL = 0.10;
    /** A late slope under this share of the early slope is growth that levels off. */
    static final double LEVELLING_RATIO = 0.3;
    /** A baseline above this share of the limit has run out of room to grow: deceleration there is no plateau. */
    static final double CEILING = 0.85;
    /** A knee must cut the deviations of one line to this share, */
    static final double KNEE_COST = 0.5;
    /** and the slope after it must be under this share of the slope before it. */
    static final double KNEE_RATIO = 0.5;
    /** A knee earlier than this share of the span is the service starting up. */
    static final double KNEE_EARLIEST = 0.05;
    /**
     * Counts (live threads, loaded classes) have no byte floor; growth of a count is material from this share
     * of the level, and never under {@value #MIN_COUNT_GROWTH} things. Why these numbers: a service's thread
     * count is flat to the thread once its pools are up, and each thread costs a stack (hundreds of KB
     * touched, 1 MB reserved) and a kernel task, so a leak of a few threads a minute (6 and more over a
     * two-minute recording, on the 20 to 60 threads of a typical service) is material. A pool that grows to
     * its bound rises too, but then stays flat and is judged BOUNDED_GROWTH. Loaded classes number 3,000 to
     * 30,000 in a service; lazy loading adds a few hundred, under a tenth, mostly while it warms up, whereas a
     * class-loader leak reloads whole sets of classes again and again (thousands an hour). Three things is the
     * smallest rise that is more than two steps of a count's resolution (one).
     */
    static final double MIN_COUNT_GROWTH_OF_LEVEL = 0.10;
    static final long MIN_COUNT_GROWTH = 3;

    private GrowthJudge() {
    }

    static Finding judge(String resource, PostGcBaseline p, long limitBytes) {
        return judge(resource, p, limitBytes, Unit.BYTES);
    }

    /** @param limitBytes the maximum in {@code unit}, or -1 when unknown */
    static Finding judge(String resource, PostGcBaseline p, long limitBytes, Unit unit) {
        int n = p.size;
        long span = n == 0 ? 0 : p.millis[n - 1] - p.millis[0];
        // n periodic samples stand for n periods, not n - 1: a recording's direct-buffer statistics come every
        // 5 s, so a 50 s recording holds 9 or 10 of them, the first a period after its start
        long covered = p.rawSamples && n > 1 ? span + medianGap(p.millis) : span;
        UsageSeries.Builder baselineOut = UsageSeries.builder(resource).limitBytes(limitBytes).unit(unit);
        if (n < MIN_POINTS || covered < MIN_SPAN_MILLIS) {
            for (int i = 0; i < n; i++) {
                baselineOut.add(p.millis[i], p.bytes[i], quality(p, i));
            }
            long last = n == 0 ? -1 : p.bytes[n - 1];
            String noun = p.rawSamples ? "samples" : "collections";
            String summary;
            if (n < MIN_POINTS && covered < MIN_SPAN_MILLIS) {
                String counted = n == 1 ? noun.substring(0, noun.length() - 1) : noun;
                summary = String.format("only %d %s over %s: need at least %d %s over %d s", n, counted,
                        Human.duration(Duration.ofMillis(span)), MIN_POINTS,
                        p.rawSamples ? "samples" : "post-GC points", MIN_SPAN_MILLIS / 1000);
            } else if (n < MIN_POINTS) {
                summary = String.format("only %d %s with %s figures: need at least %d", n, noun, resource, MIN_POINTS);
            } else {
                summary = String.format("%d %s span only %s: need at least %d s to tell growth from noise", n, noun,
                        Human.duration(Duration.ofMillis(covered)), MIN_SPAN_MILLIS / 1000);
            }
            return new Finding(resource, Verdict.INCONCLUSIVE, 0, 0, null, null, limitBytes, last,
                    alert(last, limitBytes), summary, baselineOut.build(), null, unit);
        }

        // windowed minima: the thinned baseline
        long gap = medianGap(p.millis);
        // windows of at least two collections, so that one unlucky collection does not stand for a window,
        // but never so wide that fewer than eight windows remain
        long window = Math.min(Math.max(span / MAX_WINDOWS, gap), span / 8);
        int[] picked = windowMinima(p, window);
        int m = picked.length;
        double[] tb = new double[m];
        double[] vb = new double[m];
        for (int k = 0; k < m; k++) {
            tb[k] = p.millis[picked[k]];
            vb[k] = p.bytes[picked[k]];
            baselineOut.add(p.millis[picked[k]], p.bytes[picked[k]], quality(p, picked[k]));
        }
        UsageSeries baseline = baselineOut.build();
        long[] retained = suffixMinima(p.bytes);
        // the level now: the lower of the last two thinned points (the last point alone may sit on a spike)
        long levelNow = (long) Math.min(vb[m - 1], m >= 2 ? vb[m - 2] : vb[m - 1]);

        if (m < MIN_POINTS) {
            return new Finding(resource, Verdict.INCONCLUSIVE, 0, 0, null, null, limitBytes, levelNow,
                    alert(levelNow, limitBytes),
                    String.format("only %d independent post-GC windows over %s: need at least %d",
                            m, Human.duration(Duration.ofMillis(span)), MIN_POINTS),
                    baseline, null, unit);
        }

        int onsetK = OnsetDetector.onset(tb, vb);
        double[] tg = Arrays.copyOfRange(tb, onsetK, m);
        double[] vg = Arrays.copyOfRange(vb, onsetK, m);
        TheilSen.Fit fit = TheilSen.fit(tg, vg);
        MannKendall.Result mk = MannKendall.test(vg);
        double slopePerMs = fit.slope();
        double growthSpanMs = tb[m - 1] - tg[0];
        double growth = slopePerMs * growthSpanMs;
        double noise = noise(tg, vg, fit);
        double startLevel = Math.max(1, fit.at(tg[0]));
        // without a limit, a share of the level, but never less than a megabyte (metaspace of a small
        // service is a few hundred kilobytes: a few classes loaded late are no leak)
        // Where every collection cleans the whole heap (ZGC, Shenandoah), no promoted garbage can pile up
        // and pass for growth, so half as much growth is material there.
        double ofLimit = p.everyPointCleans && !p.rawSamples ? MIN_GROWTH_OF_LIMIT / 2 : MIN_GROWTH_OF_LIMIT;
        double floor = limitBytes > 0 ? ofLimit * limitBytes
                : unit == Unit.COUNT ? Math.max(MIN_COUNT_GROWTH_OF_LEVEL * startLevel, MIN_COUNT_GROWTH)
                : Math.max(MIN_GROWTH_OF_LEVEL * startLevel, 1 << 20);
        double minGrowth = Math.max(floor, 3 * noise);
        // the smallest step the log can show (1 MB in -Xlog:gc lines, 2 MB pages in ZGC): a rise of one or
        // two steps, or a flat stretch of one step, says nothing
        long resolution = resolution(p.bytes);
        double slopePerHour = slopePerMs * 3_600_000.0;
        // GC logs count from the JVM's start (as their uptimes do); plain samples from their first point
        long origin = p.rawSamples ? p.millis[0] : 0;
        Duration onset = onsetK > 0 ? Duration.ofMillis((long) tg[0] - origin) : null;
        Trend trend = new Trend((long) tg[0], fit.intercept(), slopePerHour);

        // A leak that starts late has had little time to grow when the log ends: judge its materiality by its
        // rate over the whole log (what it would have added had it run from the start), as long as what it did
        // add is at least half the floor, above the noise and more than two steps of the log's resolution.
        // What it added is measured from the flat level before the onset: the first point after the onset
        // may still sit on that level (a collection that ran before the leak had added a whole step).
        double spanMs = tb[m - 1] - tb[0];
        double added = onsetK > 0
                ? Math.max(growth, fit.at(tb[m - 1]) - TheilSen.median(Arrays.copyOf(vb, onsetK), onsetK))
                : growth;
        boolean material = growth >= minGrowth
                || (onsetK > 0 && added >= Math.max(floor / 2, 3 * noise) && added > 2 * resolution
                        && slopePerMs * spanMs >= minGrowth);
        // A late onset leaves few points after it for the trend test: there a weaker trend after the onset
        // (p < 5 %) will do when the whole series rises strongly (p < ALPHA / 10), the points after the onset
        // standing above the flat level before it.
        boolean trending = mk.rises(ALPHA)
                || (onsetK > 0 && mk.rises(5 * ALPHA) && MannKendall.test(vb).rises(ALPHA / 10));
        boolean rises = trending && slopePerMs > 0 && material;
        if (!rises) {
            // growth that happened and stopped (a warm-up, a cache that filled): judged on the retained
            // envelope, which the sawtooth of promoted garbage does not disturb
            if (grewThenLevelled(p, picked, retained, tb, minGrowth)) {
                return bounded(resource, unit, slopePerHour, null, limitBytes, levelNow, baseline, trend, levelNow);
            }
            double conf = mk.pValue() > 0.2 || slopePerMs <= 0 ? 0.9 : 0.7;
            // report what was retained, not the rise of garbage between cleaning collections
            double retainedSlope = retainedSlopePerHour(p, picked, retained, tb);
            if (retainedSlope < slopePerHour) {
                // the line a chart draws must say the same: through the level now, at the retained slope
                slopePerHour = retainedSlope;
                trend = new Trend(p.millis[n - 1], levelNow, slopePerHour);
            }
            // a rise that is significant but too small to matter still leaves some doubt
            if (slopePerMs > 0 && growth >= minGrowth / 2) {
                conf = 0.6;
            }
            String summary = String.format("%s %s stable at %s%s", subject(resource), is(resource),
                    Human.amount(levelNow, unit), ofLimit(levelNow, limitBytes, unit));
            return finding(resource, unit, Verdict.STABLE, conf, slopePerHour, null, limitBytes, levelNow, summary,
                    baseline, trend);
        }

        // Confirm with the retained envelope up to the last point it can be trusted at.
        int trustedEnd = trustedEnd(p);
        int onsetIdx = firstAtOrAfter(p.millis, (long) tg[0]);
        double confirmSpan = trustedEnd < 0 ? 0 : p.millis[trustedEnd] - p.millis[onsetIdx];
        boolean confirmable = confirmSpan >= 0.3 * growthSpanMs && confirmSpan >= 20_000;
        double confidence = confidence(mk, growth, minGrowth);
        // a baseline near the limit has no room left to grow: flattening there is exhaustion, not a plateau
        boolean atCeiling = limitBytes > 0
                && Math.max(vb[m - 1], retained[Math.max(0, trustedEnd)]) >= CEILING * limitBytes;
        if (confirmable) {
            double kept = retained[trustedEnd] - retained[onsetIdx];
            double expected = slopePerMs * confirmSpan;
            if (kept < 0.4 * expected && !atCeiling) {
                if (kept >= minGrowth) {
                    // some of it stayed (a warm-up, a cache that filled), the rest was garbage
                    return bounded(resource, unit, kept / confirmSpan * 3_600_000.0, onset, limitBytes, levelNow,
                            baseline, trend, retained[trustedEnd]);
                }
                // what was really retained grows at this rate (over the whole trusted part), the rest was garbage
                slopePerHour = Math.min(kept / confirmSpan * 3_600_000.0,
                        retainedSlopePerHour(p, picked, retained, tb));
                trend = new Trend(p.millis[onsetIdx], retained[onsetIdx], slopePerHour);
                String summary = String.format("%s %s stable at %s%s: it rises between collections but falls"
                                + " back whenever a collection cleans the whole heap", subject(resource), is(resource),
                        Human.amount(retained[trustedEnd], unit), ofLimit(retained[trustedEnd], limitBytes, unit));
                return finding(resource, unit, Verdict.STABLE, 0.8, slopePerHour, null, limitBytes, levelNow, summary,
                        baseline, trend);
            }
            if (!atCeiling && levelsOff(p, retained, onsetIdx, trustedEnd, resolution)) {
                return bounded(resource, unit, slopePerHour, onset, limitBytes, levelNow, baseline, trend,
                        retained[trustedEnd]);
            }
        } else {
            confidence *= 0.85;
            // No cleaning collection tells retained memory from promoted garbage here. A cache that fills and
            // then evicts shows a knee: fast growth while it fills, then only the slower pile-up of evicted
            // entries. A leak (even on top of promoted garbage) keeps its pace, or speeds up when it starts late.
            if (!atCeiling && decelerates(tg, vg, minGrowth)) {
                String summary = String.format("%s grew fast, then slowed to %s at %s%s; no collection that cleans"
                                + " the whole heap ran to confirm the rest: most likely a cache that filled and now"
                                + " evicts, not a leak", subject(resource),
                        Human.ratePerHour(lateSlopePerHour(tg, vg), unit), Human.amount(levelNow, unit),
                        ofLimit(levelNow, limitBytes, unit));
                return finding(resource, unit, Verdict.BOUNDED_GROWTH, 0.6, slopePerHour, onset, limitBytes, levelNow,
                        summary, baseline, trend);
            }
        }
        if (!atCeiling && levelsOff(tg, vg, resolution)) {
            return bounded(resource, unit, slopePerHour, onset, limitBytes, levelNow, baseline, trend, levelNow);
        }
        return leak(resource, unit, confidence, slopePerHour, onset, limitBytes, levelNow, baseline, trend);
    }

    private static Finding leak(String resource, Unit unit, double confidence, double slopePerHour, Duration onset,
                                long limitBytes, long levelNow, UsageSeries baseline, Trend trend) {
        Duration tte = null;
        if (limitBytes > 0 && slopePerHour > 0) {
            double hours = Math.max(0, limitBytes - levelNow) / slopePerHour;
            tte = Duration.ofMillis((long) (hours * 3_600_000));
        }
        StringBuilder s = new StringBuilder();
        s.append(subject(resource)).append(plural(resource) ? " grow " : " grows ")
                .append(Human.ratePerHour(slopePerHour, unit));
        if (onset != null) {
            s.append(" since ").append(Human.clock(onset));
        }
        s.append(String.format(" (confidence %.2f)", confidence));
        if (tte != null && tte.getSeconds() < 1) {
            s.append("; the ").append(Human.amount(limitBytes, unit)).append(' ').append(limitName(resource))
                    .append(" is already exhausted");
        } else if (tte != null) {
            s.append("; at this rate the ").append(Human.amount(limitBytes, unit)).append(' ')
                    .append(limitName(resource)).append(" is exhausted in ").append(Human.duration(tte));
        }
        return new Finding(resource, Verdict.LEAK, confidence, slopePerHour, onset, tte, limitBytes, levelNow,
                alert(levelNow, limitBytes), s.toString(), baseline, trend, unit);
    }

    private static Finding bounded(String resource, Unit unit, double slopePerHour, Duration onset, long limitBytes,
                                   long levelNow, UsageSeries baseline, Trend trend, long plateau) {
        String summary = String.format("%s grew, then levelled off at about %s%s: bounded growth (a cache"
                        + " filling up, a warm-up), not a leak", subject(resource), Human.amount(plateau, unit),
                ofLimit(plateau, limitBytes, unit));
        return finding(resource, unit, Verdict.BOUNDED_GROWTH, 0.75, slopePerHour, onset, limitBytes, levelNow, summary,
                baseline, trend);
    }

    private static Finding finding(String resource, Unit unit, Verdict verdict, double confidence, double slopePerHour,
                                   Duration onset, long limitBytes, long levelNow, String summary,
                                   UsageSeries baseline, Trend trend) {
        return new Finding(resource, verdict, confidence, slopePerHour, onset, null, limitBytes, levelNow,
                alert(levelNow, limitBytes), summary, baseline, trend, unit);
    }

    static AlertLevel alert(long bytes, long limitBytes) {
        return limitBytes > 0 && bytes >= 0 ? AlertLevel.forUsage((double) bytes / limitBytes) : AlertLevel.NONE;
    }

    private static PointQuality quality(PostGcBaseline p, int i) {
        if (p.rawSamples) {
            return PointQuality.RAW;
        }
        return p.reset[i] ? PointQuality.AFTER_FULL_COLLECTION : PointQuality.AFTER_PARTIAL_COLLECTION;
    }

    // 0.5 for a bare pass of the tests, towards 0.99 for a strong, large, clean rise
    private static double confidence(MannKendall.Result mk, double growth, double minGrowth) {
        double strength = Math.min(1, Math.max(0, mk.tau()));
        double size = Math.min(1, growth / (3 * minGrowth));
        return Math.min(0.99, 0.5 + 0.25 * strength + 0.25 * size - mk.pValue());
    }

    /** The last index where the retained envelope is trustworthy, or -1. */
    static int trustedEnd(PostGcBaseline p) {
        int n = p.size;
        if (p.everyPointCleans) {
            // every point is a reset, but the last few have few later points to correct them
            long cut = p.millis[0] + (long) ((p.millis[n - 1] - p.millis[0]) * 0.85);
            int i = n - 1;
            while (i > 0 && p.millis[i] > cut) {
                i--;
            }
            return i;
        }
        for (int i = n - 1; i >= 0; i--) {
            if (p.reset[i]) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the retained envelope between two indices rises in its first half and stays flat in its second. */
    private static boolean levelsOff(PostGcBaseline p, long[] retained, int from, int to, long resolution) {
        long mid = (p.millis[from] + p.millis[to]) / 2;
        int midIdx = firstAtOrAfter(p.millis, mid);
        double first = (retained[midIdx] - retained[from]) / (double) Math.max(1, p.millis[midIdx] - p.millis[from]);
        double second = (retained[to] - retained[midIdx]) / (double) Math.max(1, p.millis[to] - p.millis[midIdx]);
        // at the first half's pace the second half must have risen by more than two steps of the log's
        // resolution for its flatness to mean anything: a slow rise in coarse steps is flat between steps
        double expectedSecond = first * (p.millis[to] - p.millis[midIdx]);
        return first > 0 && second < LEVELLING_RATIO * first && expectedSecond > 2 * resolution;
    }

    /**
     * Whether the thinned baseline levels off: its last half grows at under {@value #LEVELLING_RATIO} of the
     * average rate from its first fifth to its last fifth. Medians of the fifths, not single points, so a
     * spike at either end does not decide; Theil–Sen for the last half, so a few wild points do not either.
     */
    static boolean levelsOff(double[] t, double[] v, long resolution) {
        int m = t.length;
        if (m < 6) {
            return false;
        }
        int fifth = Math.max(1, m / 5);
        double overall = (level(v, m - fifth, m) - level(v, 0, fifth))
                / (level(t, m - fifth, m) - level(t, 0, fifth));
        int half = m / 2;
        double late = TheilSen.fit(Arrays.copyOfRange(t, half, m), Arrays.copyOfRange(v, half, m)).slope();
        return overall > 0 && late < LEVELLING_RATIO * overall && overall * (t[m - 1] - t[half]) > 2 * resolution;
    }

    /**
     * The smallest positive step between two post-GC values: the log's resolution (1 MB where -Xlog:gc
     * prints whole megabytes, 2 MB where ZGC allocates in 2 MB pages, 1 KB in -Xlog:gc* detail). O(n log n).
     */
    static long resolution(long[] bytes) {
        long[] sorted = bytes.clone();
        Arrays.sort(sorted);
        long step = Long.MAX_VALUE;
        for (int i = 1; i < sorted.length; i++) {
            long d = sorted[i] - sorted[i - 1];
            if (d > 0 && d < step) {
                step = d;
            }
        }
        return step == Long.MAX_VALUE ? 0 : step;
    }

    private static double retainedSlopePerHour(PostGcBaseline p, int[] picked, long[] retained, double[] tb) {
        int trusted = trustedEnd(p);
        int m = picked.length;
        while (trusted >= 0 && m > 0 && picked[m - 1] > trusted) {
            m--;
        }
        if (m < 2 || tb[m - 1] == tb[0]) {
            return Double.POSITIVE_INFINITY;
        }
        double[] r = new double[m];
        for (int k = 0; k < m; k++) {
            r[k] = retained[picked[k]];
        }
        return TheilSen.fit(Arrays.copyOf(tb, m), r).slope() * 3_600_000.0;
    }

    static boolean grewThenLevelled(PostGcBaseline p, int[] picked, long[] retained, double[] tb,
                                            double minGrowth) {
        int trusted = trustedEnd(p);
        int m = picked.length;
        if (trusted >= 0 && p.millis[trusted] - p.millis[0] >= 0.5 * (p.millis[p.size - 1] - p.millis[0])) {
            while (m > 0 && picked[m - 1] > trusted) {
                m--;
            }
        }
        if (m < 6) {
            return false;
        }
        double[] t = Arrays.copyOf(tb, m);
        double[] r = new double[m];
        for (int k = 0; k < m; k++) {
            r[k] = retained[picked[k]];
        }
        // the envelope never falls, so its second point is its early level (the first may predate the
        // application's start), and it needs no medians: compare its rise over each half of the time
        if (r[m - 1] - r[1] < minGrowth) {
            return false;
        }
        int mid = Math.max(2, firstAtOrAfter(t, (t[1] + t[m - 1]) / 2));
        double first = (r[mid] - r[1]) / Math.max(1, t[mid] - t[1]);
        double second = (r[m - 1] - r[mid]) / Math.max(1, t[m - 1] - t[mid]);
        return first > 0 && second < LEVELLING_RATIO * first;
    }

    /**
     * Whether the thinned baseline is better described by two lines meeting at a knee than by one line, the
     * second under half as steep as the first. The knee must come after the start-up of the service
     * (at least {@value #KNEE_EARLIEST} of the span in) and the growth before it must be material
     * ({@code minGrowth} twice over, and a sixth of the growth after it): a service that starts up and then
     * leaks also grows fast for a few seconds first.
     */
    static boolean decelerates(double[] t, double[] v, double minGrowth) {
        int m = t.length;
        if (m < 10) {
            return false;
        }
        TheilSen.Fit all = TheilSen.fit(t, v);
        double costAll = 0;
        for (int i = 0; i < m; i++) {
            costAll += Math.abs(v[i] - all.at(t[i]));
        }
        double span = t[m - 1] - t[0];
        double bestCost = Double.POSITIVE_INFINITY;
        int bestK = -1;
        TheilSen.Fit bestA = null;
        TheilSen.Fit bestB = null;
        for (int k = 4; k <= m - 5; k++) {
            TheilSen.Fit a = TheilSen.fit(Arrays.copyOfRange(t, 0, k + 1), Arrays.copyOfRange(v, 0, k + 1));
            TheilSen.Fit b = TheilSen.fit(Arrays.copyOfRange(t, k, m), Arrays.copyOfRange(v, k, m));
            double c = 0;
            for (int i = 0; i < m; i++) {
                c += Math.abs(v[i] - (i <= k ? a.at(t[i]) : b.at(t[i])));
            }
            if (c < bestCost) {
                bestCost = c;
                bestK = k;
                bestA = a;
                bestB = b;
            }
        }
        if (bestK < 0 || bestA.slope() <= 0 || bestCost > KNEE_COST * costAll) {
            return false;
        }
        double before = bestA.slope() * (t[bestK] - t[0]);
        double after = Math.max(0, bestB.slope()) * (t[m - 1] - t[bestK]);
        return t[bestK] - t[0] >= KNEE_EARLIEST * span
                && bestB.slope() < KNEE_RATIO * bestA.slope()
                && before >= 2 * minGrowth
                && before >= after / 6;
    }

    private static double lateSlopePerHour(double[] t, double[] v) {
        int half = t.length / 2;
        return TheilSen.fit(Arrays.copyOfRange(t, half, t.length), Arrays.copyOfRange(v, half, t.length)).slope()
                * 3_600_000.0;
    }

    private static double level(double[] v, int from, int to) {
        double[] part = Arrays.copyOfRange(v, from, to);
        return TheilSen.median(part, part.length);
    }

    private static double noise(double[] t, double[] v, TheilSen.Fit fit) {
        double[] r = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            r[i] = Math.abs(v[i] - fit.at(t[i]));
        }
        return 1.4826 * TheilSen.median(r, r.length);
    }

    static long[] suffixMinima(long[] v) {
        long[] s = new long[v.length];
        long min = Long.MAX_VALUE;
        for (int i = v.length - 1; i >= 0; i--) {
            min = Math.min(min, v[i]);
            s[i] = min;
        }
        return s;
    }

    /** Index of the lowest point in each window of {@code window} ms (empty windows give no point). */
    static int[] windowMinima(PostGcBaseline p, long window) {
        int[] out = new int[p.size];
        int m = 0;
        int i = 0;
        long start = p.millis[0];
        while (i < p.size) {
            long end = start + window;
            int best = -1;
            while (i < p.size && p.millis[i] < end) {
                if (best < 0 || p.bytes[i] < p.bytes[best]) {
                    best = i;
                }
                i++;
            }
            if (best >= 0) {
                out[m++] = best;
            }
            start = end;
        }
        return Arrays.copyOf(out, m);
    }

    private static long medianGap(long[] t) {
        if (t.length < 2) {
            return 0;
        }
        double[] gaps = new double[t.length - 1];
        for (int i = 1; i < t.length; i++) {
            gaps[i - 1] = t[i] - t[i - 1];
        }
        return (long) TheilSen.median(gaps, gaps.length);
    }

    private static int firstAtOrAfter(double[] t, double value) {
        int i = 0;
        while (i < t.length - 1 && t[i] < value) {
            i++;
        }
        return i;
    }

    private static int firstAtOrAfter(long[] t, long millis) {
        int i = Arrays.binarySearch(t, millis);
        if (i < 0) {
            return Math.min(t.length - 1, -i - 1);
        }
        while (i > 0 && t[i - 1] == millis) {
            i--;
        }
        return i;
    }

    private static String subject(String resource) {
        return switch (resource) {
            case "heap" -> "heap after GC";
            case "metaspace" -> "metaspace after GC";
            case "threads" -> "live threads";
            case "classes" -> "loaded classes";
            case "direct" -> "direct buffer memory";
            default -> resource + " (rolling minimum)";
        };
    }

    /** Whether the subject is a plural ("live threads grow"). */
    private static boolean plural(String resource) {
        return resource.equals("threads") || resource.equals("classes");
    }

    private static String is(String resource) {
        return plural(resource) ? "are" : "is";
    }

    private static String limitName(String resource) {
        return resource.equals("heap") ? "heap" : resource + " limit";
    }

    private static String ofLimit(long amount, long limit, Unit unit) {
        return limit > 0
                ? String.format(" (%d %% of %s)", Math.round(100.0 * amount / limit), Human.amount(limit, unit))
                : "";
    }
}

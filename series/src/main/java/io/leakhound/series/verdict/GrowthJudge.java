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
    /** A baseline above this share of the limit has run out of room to grow: deceleration there is no plateau. */
    static final double CEILING = 0.85;
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

    /**
     * @param limitBytes the maximum in {@code unit}, or -1 when unknown
     */
    static Finding judge(String resource, PostGcBaseline p, long limitBytes, Unit unit) {
        Finding whole = judgeGrowth(resource, p, limitBytes, unit);
        int exhausted = HeapExhaustion.find(p, limitBytes);
        if (exhausted < 0) {
            return whole;
        }
        // judged up to the first collection at the limit: what came after is the aftermath of the error
        Finding upTo = judgeGrowth(resource, HeapExhaustion.upTo(p, exhausted + 1), limitBytes, unit);
        Finding ranOut = HeapExhaustion.leakThatRanOut(resource, p, exhausted, limitBytes, unit, upTo, whole);
        return ranOut != null ? ranOut : whole;
    }

    private static Finding judgeGrowth(String resource, PostGcBaseline p, long limitBytes, Unit unit) {
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
        long[] retained = RetainedEnvelope.suffixMinima(p.bytes);
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
        // With two cleaning collections or more, the baseline less the promoted garbage each gave back: there the
        // sawtooth of that garbage, which would otherwise count as noise and hide a slow leak under a fast pile-up
        // of garbage, is gone.
        int onsetIdx = RetainedEnvelope.firstAtOrAfter(p.millis, (long) tg[0]);
        double[][] lessGarbage = RetainedEnvelope.withoutPromotedGarbage(p, retained, onsetIdx,
                Arrays.copyOfRange(picked, onsetK, m));
        boolean material = growth >= minGrowth
                || (onsetK > 0 && added >= Math.max(floor / 2, 3 * noise) && added > 2 * resolution
                        && slopePerMs * spanMs >= minGrowth)
                || keptGrowthIsMaterial(lessGarbage, floor);
        // A late onset leaves few points after it for the trend test: there a weaker trend after the onset
        // (p < 5 %) will do when the whole series rises strongly (p < ALPHA / 10), the points after the onset
        // standing above the flat level before it.
        boolean trending = mk.rises(ALPHA)
                || (onsetK > 0 && mk.rises(5 * ALPHA) && MannKendall.test(vb).rises(ALPHA / 10));
        // A line after the onset that starts below the level before it is the baseline filling up again after a
        // collection gave back more than the level it fell from (garbage of a spike, promoted before a full
        // collection): only what it stands above that level now is memory kept, and that must be material.
        boolean refills = false;
        if (onsetK > 0) {
            double before = TheilSen.median(Arrays.copyOf(vb, onsetK), onsetK);
            refills = fit.at(tg[0]) < before - Math.max(3 * noise, 2 * resolution)
                    && fit.at(tb[m - 1]) - before < minGrowth;
        }
        // A rise that only climbs back to where the series already was is no growth: the rising half of a daily
        // traffic cycle after its falling half (a late onset that ends no higher than the level before it), or a
        // whole cycle, whose fitted line slopes by its phase though it ends where it began. A leak ends above
        // everything before its onset by what it added. Only for plain samples, which such cycles fill; a GC
        // log's baseline holds promoted garbage that the next cleaning collection gives back, and is no level to
        // beat.
        boolean returnsToEarlierLevel = false;
        if (p.rawSamples) {
            double earlier = onsetK > 0 ? Arrays.stream(vb, 0, onsetK).max().orElse(Double.NEGATIVE_INFINITY)
                    : Math.min(vb[0], vb[1]);
            // the level reached: the fitted line's end, or the points themselves where the line overshoots them
            // (a line fitted from the trough of a cycle runs above its flattening top)
            double reached = Math.min(fit.at(tb[m - 1]), levelNow);
            // by as much as a late onset must add to count (see material above)
            returnsToEarlierLevel = reached - earlier < Math.max(floor / 2, 3 * noise);
        }
        boolean rises = trending && slopePerMs > 0 && material && !refills && !returnsToEarlierLevel;
        if (!rises) {
            // growth that happened and stopped (a warm-up, a cache that filled): judged on the retained
            // envelope, which the sawtooth of promoted garbage does not disturb
            if (RetainedEnvelope.grewThenLevelled(p, picked, retained, tb, minGrowth)) {
                return Findings.bounded(resource, unit, slopePerHour, null, limitBytes, levelNow, baseline, trend, levelNow);
            }
            double conf = mk.pValue() > 0.2 || slopePerMs <= 0 ? 0.9 : 0.7;
            // report what was retained, not the rise of garbage between cleaning collections
            double retainedSlope = RetainedEnvelope.retainedSlopePerHour(p, picked, retained, tb);
            if (retainedSlope < slopePerHour) {
                // the line a chart draws must say the same: through the level now, at the retained slope
                slopePerHour = retainedSlope;
                trend = new Trend(p.millis[n - 1], levelNow, slopePerHour);
            }
            // a rise that is significant but too small to matter still leaves some doubt
            if (slopePerMs > 0 && growth >= minGrowth / 2) {
                conf = 0.6;
            }
            String summary = String.format("%s %s stable at %s%s", FindingText.subject(resource), FindingText.is(resource),
                    Human.amount(levelNow, unit), FindingText.ofLimit(levelNow, limitBytes, unit));
            return Findings.finding(resource, unit, Verdict.STABLE, conf, slopePerHour, null, limitBytes, levelNow, summary,
                    baseline, trend);
        }

        // Confirm with the retained envelope up to the last point it can be trusted at.
        int trustedEnd = RetainedEnvelope.trustedEnd(p);
        double confirmSpan = trustedEnd < 0 ? 0 : p.millis[trustedEnd] - p.millis[onsetIdx];
        boolean confirmable = confirmSpan >= 0.3 * growthSpanMs && confirmSpan >= 20_000;
        double confidence = confidence(mk, growth, minGrowth);
        // a baseline near the limit has no room left to grow: flattening there is exhaustion, not a plateau
        boolean atCeiling = limitBytes > 0
                && Math.max(vb[m - 1], retained[Math.max(0, trustedEnd)]) >= CEILING * limitBytes;
        // With cleaning collections in the run, the baseline drops at each of them by the garbage it gave back,
        // which reads as slowing down (and its envelope as levelling off): growth slows only if it also slows
        // once that garbage is taken off.
        boolean keptSlows = !confirmable || lessGarbage == null || lessGarbage[0].length < 10
                || Deceleration.levelsOff(lessGarbage[0], lessGarbage[1], resolution)
                || Deceleration.slowsDown(lessGarbage[0], lessGarbage[1], resolution)
                || Deceleration.keepsSlowing(lessGarbage[0], lessGarbage[1], resolution, false);
        if (confirmable) {
            double kept = retained[trustedEnd] - retained[onsetIdx];
            double expected = slopePerMs * confirmSpan;
            if (kept < 0.4 * expected && !atCeiling) {
                if (kept >= minGrowth) {
                    // some of it stayed (a warm-up, a cache that filled), the rest was garbage
                    return Findings.bounded(resource, unit, kept / confirmSpan * 3_600_000.0, onset, limitBytes, levelNow,
                            baseline, trend, retained[trustedEnd]);
                }
                // what was really retained grows at this rate (over the whole trusted part), the rest was garbage
                slopePerHour = Math.min(kept / confirmSpan * 3_600_000.0,
                        RetainedEnvelope.retainedSlopePerHour(p, picked, retained, tb));
                trend = new Trend(p.millis[onsetIdx], retained[onsetIdx], slopePerHour);
                String summary = String.format("%s %s stable at %s%s: it rises between collections but falls"
                                + " back whenever a collection cleans the whole heap", FindingText.subject(resource), FindingText.is(resource),
                        Human.amount(retained[trustedEnd], unit), FindingText.ofLimit(retained[trustedEnd], limitBytes, unit));
                return Findings.finding(resource, unit, Verdict.STABLE, 0.8, slopePerHour, null, limitBytes, levelNow, summary,
                        baseline, trend);
            }
            if (!atCeiling && keptSlows && RetainedEnvelope.levelsOff(p, retained, onsetIdx, trustedEnd, resolution)) {
                return Findings.bounded(resource, unit, slopePerHour, onset, limitBytes, levelNow, baseline, trend,
                        retained[trustedEnd]);
            }
        } else {
            confidence *= 0.85;
            // No cleaning collection tells retained memory from promoted garbage here. A cache that fills and
            // then evicts shows a knee: fast growth while it fills, then only the slower pile-up of evicted
            // entries. A leak (even on top of promoted garbage) keeps its pace, or speeds up when it starts late.
            if (!atCeiling && p.garbageCanPileUp && Deceleration.decelerates(tg, vg, minGrowth)) {
                String summary = String.format("%s grew fast, then slowed to %s at %s%s; no collection that cleans"
                                + " the whole heap ran to confirm the rest: most likely a cache that filled and now"
                                + " evicts, not a leak", FindingText.subject(resource),
                        Human.ratePerHour(Deceleration.lateSlopePerHour(tg, vg), unit), Human.amount(levelNow, unit),
                        FindingText.ofLimit(levelNow, limitBytes, unit));
                return Findings.finding(resource, unit, Verdict.BOUNDED_GROWTH, 0.6, slopePerHour, onset, limitBytes, levelNow,
                        summary, baseline, trend);
            }
        }
        if (!atCeiling && keptSlows && Deceleration.levelsOff(tg, vg, resolution)) {
            return Findings.bounded(resource, unit, slopePerHour, onset, limitBytes, levelNow, baseline, trend, levelNow);
        }
        if (!atCeiling && keptSlows && Deceleration.slowsDown(tg, vg, resolution)) {
            return Findings.slowing(resource, unit, slopePerHour, onset, limitBytes, levelNow, baseline, trend,
                    Deceleration.lateSlopePerHour(tg, vg));
        }
        if (!atCeiling && keptSlows && Deceleration.keepsSlowing(tg, vg, resolution, p.rawSamples)) {
            return Findings.slowing(resource, unit, slopePerHour, onset, limitBytes, levelNow, baseline, trend,
                    Deceleration.lateSlopePerHour(tg, vg));
        }
        if (!atCeiling && Deceleration.risesInSteps(vg, floor, resolution)) {
            return Findings.steps(resource, unit, slopePerHour, onset, limitBytes, levelNow, baseline, trend);
        }
        return Findings.leak(resource, unit, confidence, slopePerHour, onset, limitBytes, levelNow, baseline, trend);
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

    /**
     * Whether the baseline less its promoted garbage (null when it cannot be told, see
     * {@link RetainedEnvelope#withoutPromotedGarbage}) rises by more than the floor and three times its own noise.
     */
    private static boolean keptGrowthIsMaterial(double[][] lessGarbage, double floor) {
        if (lessGarbage == null || lessGarbage[0].length < MIN_POINTS) {
            return false;
        }
        double[] t = lessGarbage[0];
        double[] v = lessGarbage[1];
        TheilSen.Fit fit = TheilSen.fit(t, v);
        double kept = fit.slope() * (t[t.length - 1] - t[0]);
        return kept >= Math.max(floor, 3 * noise(t, v, fit));
    }

    private static double noise(double[] t, double[] v, TheilSen.Fit fit) {
        double[] r = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            r[i] = Math.abs(v[i] - fit.at(t[i]));
        }
        return 1.4826 * TheilSen.median(r, r.length);
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

}

package io.leakhound.series.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.series.GcSeries;
import io.leakhound.series.gclog.GcLog;
import io.leakhound.series.gclog.GcLogReader;
import io.leakhound.testing.LiveSet;
import io.leakhound.testing.SyntheticGcLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How early the engine calls a leak, and whether it ever calls one too early: judges growing prefixes of every
 * labelled GC log (the calibration logs, the demo's recorded logs, the OOM logs and synthetic series) and
 * writes {@code target/early-verdicts.tsv} and a summary, {@code target/early-verdicts.txt}.
 *
 * <p>For a leak, the prefixes end at 2 %, 4 %, ... of its post-onset run (from the onset its label states to
 * the end of the log); the figure is the first fraction at which the prefix is called LEAK. For a healthy
 * run, prefixes end every 2 % of the log, and any LEAK is a false alarm. Runs whose whole log is no LEAK are
 * misses, counted apart ({@link RecordedLogsTest} fails on them).
 */
class EarlyVerdictMeasurementTest {

    private static final int STEPS = 50;
    /** Healthy modes whose curve decelerates (fills to a bound, loads once, warms up): never a LEAK. */
    private static final Set<String> DECELERATING = Set.of("warmup", "lru", "lrurand", "BOUNDED_CACHE", "WARMUP",
            "saturating", "warmUp");

    record Labelled(String name, GcLog log, boolean leak, String mode, double onsetSeconds) {
    }

    record Measured(Labelled run, double fractionAtFirstLeak, boolean wholeLogLeak, String trace) {
    }

    @Test
    void leaksAreCalledEarlyAndNoDeceleratingPrefixIsALeak() throws IOException {
        List<Labelled> runs = new ArrayList<>();
        calibrationLogs(runs);
        demoLogs(runs);
        oomLogs(runs);
        synthetic(runs);
        List<Measured> measured = new ArrayList<>();
        StringBuilder tsv = new StringBuilder("run\tmode\texpected\twholeLog\tfirstLeakAt\n");
        for (Labelled run : runs) {
            Measured m = measure(run);
            measured.add(m);
            tsv.append(String.format(Locale.ROOT, "%s\t%s\t%s\t%s\t%s%n", run.name, run.mode,
                    run.leak ? "LEAK" : "NOT_LEAK", m.wholeLogLeak ? "LEAK" : "no leak",
                    Double.isNaN(m.fractionAtFirstLeak) ? "never" : String.format(Locale.ROOT, "%.2f",
                            m.fractionAtFirstLeak)));
        }
        List<Double> detected = measured.stream().filter(m -> m.run.leak && m.wholeLogLeak)
                .map(Measured::fractionAtFirstLeak).sorted().toList();
        long misses = measured.stream().filter(m -> m.run.leak && !m.wholeLogLeak).count();
        List<String> falseAlarms = measured.stream().filter(m -> !m.run.leak && !Double.isNaN(m.fractionAtFirstLeak))
                .map(m -> m.run.name + " (" + m.run.mode + ", at " + Math.round(100 * m.fractionAtFirstLeak) + " %)")
                .toList();
        List<String> deceleratingAlarms = measured.stream()
                .filter(m -> !m.run.leak && DECELERATING.contains(m.run.mode) && !Double.isNaN(m.fractionAtFirstLeak))
                .map(m -> m.run.name).toList();
        double median = detected.isEmpty() ? Double.NaN : detected.get(detected.size() / 2);
        double worst = detected.isEmpty() ? Double.NaN : detected.get(detected.size() - 1);
        String summary = String.format(Locale.ROOT,
                "runs: %d (%d leaks, %d healthy)%nleaks detected from the whole log: %d, missed: %d%n"
                        + "first LEAK, share of the post-onset run: median %.0f %%, worst %.0f %%, over 50 %%: %d%n"
                        + "healthy runs with a LEAK prefix: %d %s%ndecelerating runs with a LEAK prefix: %d %s%n",
                runs.size(), runs.stream().filter(Labelled::leak).count(), runs.stream().filter(r -> !r.leak).count(),
                detected.size(), misses, 100 * median, 100 * worst, detected.stream().filter(f -> f > 0.5).count(),
                falseAlarms.size(), falseAlarms, deceleratingAlarms.size(), deceleratingAlarms);
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("early-verdicts.tsv"), tsv);
        Files.writeString(target.resolve("early-verdicts.txt"), summary);
        Files.writeString(target.resolve("early-verdicts-traces.txt"), measured.stream()
                .filter(m -> !m.run.leak || !m.wholeLogLeak || m.fractionAtFirstLeak > WORST_GOAL).map(Measured::trace)
                .reduce("", String::concat));
        System.out.print(summary);

        // NOT YET MET: the goals MEDIAN_GOAL, WORST_GOAL and no LEAK prefix of a healthy run. Until the engine
        // meets them this asserts the figures last achieved (measured 2026-12-06 after the rules for steadily
        // slowing growth, rises in one or two steps and a late onset still below its earlier level) so that
        // they cannot get worse; lower the bounds when a change improves them.
        assertThat(misses).as(summary).isZero();
        assertThat(median).as(summary).isLessThanOrEqualTo(0.32);
        assertThat(detected.stream().filter(f -> f > WORST_GOAL).count()).as(summary).isLessThanOrEqualTo(11);
        assertThat(falseAlarms.size()).as(summary).isLessThanOrEqualTo(18);
        assertThat(deceleratingAlarms.size()).as(summary).isLessThanOrEqualTo(14);
    }

    /** The goals of issue 15: a median leak called within 30 % of its post-onset run, none after 50 %. */
    static final double MEDIAN_GOAL = 0.30;
    static final double WORST_GOAL = 0.50;

    private static Measured measure(Labelled run) {
        GcSeries all = run.log.events();
        long first = all.uptimeMillis(0);
        long end = all.uptimeMillis(all.size() - 1);
        MemoryAnalysis wholeLog = LeakAnalyzer.analyze(run.log);
        boolean whole = wholeLog.hasLeak();
        if (run.leak && !whole) {
            return new Measured(run, Double.NaN, false, trace(run, end - first, wholeLog, Verdict.values()));
        }
        long from = run.leak ? Math.max(first, (long) (run.onsetSeconds * 1000)) : first;
        String trace = null;
        double firstLeak = Double.NaN;
        for (int step = 1; step <= STEPS; step++) {
            double fraction = (double) step / STEPS;
            long cut = from + (long) (fraction * (end - from));
            MemoryAnalysis judged = LeakAnalyzer.analyze(prefix(run.log, cut));
            // -Dleakhound.trace=<run> prints every prefix of that run, to see which rule decides each
            if (run.name.equals(System.getProperty("leakhound.trace"))) {
                System.out.print(trace(run, cut - first, judged, Verdict.values()));
            }
            if (judged.hasLeak() && run.leak) {
                return new Measured(run, fraction, whole, trace(run, cut - first, judged, Verdict.LEAK));
            }
            if (judged.hasLeak()) {
                // a healthy run: go on, to show how long its false alarm lasts
                trace = (trace == null ? trace(run, cut - first, judged, Verdict.LEAK) : trace)
                        .concat(String.format(Locale.ROOT, "  LEAK also at %.1f s%n", (cut - first) / 1000.0));
                firstLeak = Double.isNaN(firstLeak) ? fraction : firstLeak;
            }
        }
        return new Measured(run, firstLeak, whole, trace == null ? "" : trace);
    }

    /** What a person needs to see why a prefix was called LEAK: the finding and the thinned baseline it read. */
    private static String trace(Labelled run, long prefixMillis, MemoryAnalysis judged, Verdict... shown) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s (%s, %s) prefix %.1f s%n", run.name,
                run.mode, run.leak ? "leak" : "healthy", prefixMillis / 1000.0));
        for (Finding f : judged.findings()) {
            if (!List.of(shown).contains(f.verdict())) {
                continue;
            }
            s.append("  ").append(f.resource()).append(": ").append(f.summary()).append(System.lineSeparator())
                    .append("  ");
            UsageSeries b = f.baseline();
            for (int i = 0; i < b.size(); i++) {
                s.append(String.format(Locale.ROOT, " %.0f:%.1f", b.millis(i) / 1000.0, b.usedBytes(i) / 1048576.0));
            }
            s.append(System.lineSeparator());
        }
        return s.toString();
    }

    private static GcLog prefix(GcLog log, long cutMillis) {
        GcSeries all = log.events();
        GcSeries part = new GcSeries();
        for (int i = 0; i < all.size() && all.uptimeMillis(i) <= cutMillis; i++) {
            part.add(all.get(i));
        }
        return new GcLog(log.files(), log.format(), log.collector(), part, log.maxHeapBytes(), log.linesRead(),
                log.linesSkipped(), List.of());
    }

    private static void calibrationLogs(List<Labelled> out) throws IOException {
        for (String[] row : rows("/gclogs/calibration/calibration.tsv")) {
            out.add(new Labelled(row[0], read("/gclogs/calibration/" + row[0]), row[1].equals("LEAK"), row[5],
                    Double.parseDouble(row[7])));
        }
    }

    private static void demoLogs(List<Labelled> out) throws IOException {
        for (String[] row : rows("/fixtures/gclogs/fixtures.tsv")) {
            // thread and direct-buffer leaks do not show in a GC log: the recording judges them
            if (!row[3].equals("heap") && !row[3].equals("metaspace")) {
                continue;
            }
            out.add(new Labelled(row[0], read("/fixtures/gclogs/" + row[0]), row[2].equals("LEAK"), row[1],
                    Double.parseDouble(row[9])));
        }
    }

    private static void oomLogs(List<Labelled> out) throws IOException {
        for (String name : List.of("g1-17-oom-thread-dies.gcstar.log", "parallel-17-oom-restart.gc.log")) {
            out.add(new Labelled(name, read("/gclogs/oom/" + name), true, "oom", 0));
        }
    }

    private static void synthetic(List<Labelled> out) {
        long mb = 1 << 20;
        for (SyntheticGcLog.Flavor flavor : SyntheticGcLog.Flavor.values()) {
            out.add(synthetic("synthetic-" + flavor + "-leak", flavor, LiveSet.linear(60 * mb, 300_000), true,
                    "linear", 0));
            out.add(synthetic("synthetic-" + flavor + "-late-leak", flavor,
                    LiveSet.lateOnset(60 * mb, 60, 300_000), true, "lateOnset", 60));
            out.add(synthetic("synthetic-" + flavor + "-cache", flavor,
                    LiveSet.saturating(60 * mb, 60 * mb, 30), false, "saturating", 0));
            out.add(synthetic("synthetic-" + flavor + "-warmup", flavor, LiveSet.warmUp(60 * mb, 40 * mb, 40), false,
                    "warmUp", 0));
            out.add(synthetic("synthetic-" + flavor + "-flat", flavor, LiveSet.constant(60 * mb), false, "constant",
                    0));
        }
    }

    private static Labelled synthetic(String name, SyntheticGcLog.Flavor flavor, LiveSet live, boolean leak,
                                      String mode, double onset) {
        SyntheticGcLog log = SyntheticGcLog.builder(flavor, live).seconds(150).maxHeapBytes(512L << 20).build();
        return new Labelled(name, SyntheticEvents.toLog(log), leak, mode, onset);
    }

    private static GcLog read(String resource) throws IOException {
        String suffix = resource.endsWith(".gz") ? ".log.gz" : ".log";
        Path file = Files.createTempFile("leakhound-prefix", suffix);
        try (InputStream in = EarlyVerdictMeasurementTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " not on the class path");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return GcLogReader.read(List.of(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static List<String[]> rows(String resource) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = EarlyVerdictMeasurementTest.class.getResourceAsStream(resource);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t"));
                }
            }
        }
        return rows;
    }
}

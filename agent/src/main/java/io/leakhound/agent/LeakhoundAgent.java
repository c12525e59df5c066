package io.leakhound.agent;

import io.leakhound.live.JvmConnection;
import io.leakhound.series.Human;
import io.leakhound.watch.CaptureSettings;
import io.leakhound.watch.HeapCapture;
import io.leakhound.watch.InMemoryJournal;
import io.leakhound.watch.SelfProbe;
import io.leakhound.watch.Watcher;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code -javaagent} entry points: {@code java -javaagent:leakhound-agent.jar=port=9464 ...} at start
 * ({@link #premain}), or {@code leakhound agent attach PID} into a running JVM ({@link #agentmain}). Either parses
 * the options and then starts everything on a daemon thread of its own, so the application's start is not held up:
 * the container check, the HTTP endpoints ({@link AgentHttp}), the OTLP push ({@link OtlpPush}), and the watch of this JVM — the same loop as
 * {@code leakhound watch} ({@link Watcher} over a {@link SelfProbe}, judged by the one verdict engine, its
 * history in a bounded {@link InMemoryJournal}) with the same automatic capture ({@link HeapCapture} on
 * {@link JvmConnection#self()}).
 *
 * <p><b>The host comes first.</b> Nothing is thrown out of an entry point or any of the agent's threads (each
 * catches {@code Throwable}); bad options are logged and the agent does not start; a port already taken or an
 * unwritable dump folder is logged and the rest goes on. Every thread is a daemon named {@code leakhound-*}, so
 * the host exits when its own threads end. Memory: the judged series keep at most {@link #HISTORY_POINTS} points
 * each and the journal the latest {@link #JOURNAL_KEEP} records of each kind.
 */
public final class LeakhoundAgent {

    /** Points kept per judged series (GC events; samples of each resource), about 200 KB in all. */
    static final int HISTORY_POINTS = 2048;
    static final int JOURNAL_KEEP = 32;

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private LeakhoundAgent() {
    }

    /** At JVM start, before {@code main}. */
    public static void premain(String args, Instrumentation instrumentation) {
        launch(args, "premain");
    }

    /** Loaded into a running JVM through the Attach API. */
    public static void agentmain(String args, Instrumentation instrumentation) {
        launch(args, "agentmain");
    }

    /** Parses the options here (so that a mistake is logged at once), then starts on a daemon thread. */
    static void launch(String args, String how) {
        try {
            AgentOptions options;
            try {
                options = AgentOptions.parse(args);
            } catch (IllegalArgumentException e) {
                AgentLog.warn("not started: " + e.getMessage());
                return;
            }
            if (!STARTED.compareAndSet(false, true)) {
                AgentLog.warn("not started again: leakhound-agent already runs in this JVM");
                return;
            }
            Thread starter = new Thread(() -> start(options), "leakhound-agent");
            starter.setDaemon(true);
            starter.start();
        } catch (Throwable t) {
            AgentLog.warn("not started (" + how + "): " + t);
        }
    }

    /** Everything the agent runs; each part that fails is logged and the others go on. */
    private static void start(AgentOptions options) {
        try {
            containerCheck();
            AgentState state = new AgentState(MemoryPressure.of(options.thresholds()));
            PrometheusRegistry registry = AgentMetrics.registry(state);
            if (options.port() > 0) {
                try {
                    AgentHttp http = AgentHttp.start(options.bind(), options.port(), registry, state);
                    AgentLog.info("serving http://" + options.bind() + ":" + http.port() + "/metrics and /health");
                } catch (IOException | RuntimeException e) {
                    AgentLog.warn("no HTTP endpoint: cannot listen on " + options.bind() + ":" + options.port() + " ("
                            + e.getMessage() + "); the watch goes on, its findings in this log");
                }
            }
            if (options.otlp() != null) {
                try {
                    OtlpPush.start(options.otlp(), options.interval(), registry);
                    AgentLog.info("pushing the metrics of /metrics to " + options.otlp() + " (OTLP/HTTP) every "
                            + Human.duration(options.interval()));
                } catch (RuntimeException | LinkageError e) {
                    AgentLog.warn("no OTLP push to " + options.otlp() + " (" + e + "); the watch goes on");
                }
            }
            watch(options, state);
        } catch (Throwable t) {
            AgentLog.warn("stopped: " + t);
        }
    }

    private static void containerCheck() {
        try {
            ContainerBudget budget = ContainerBudget.ofThisJvm();
            if (budget.exceeds()) {
                AgentLog.warn("the JVM's maxima exceed its container's memory limit, so the kernel may kill it"
                        + " before any OutOfMemoryError: " + budget.describe());
            }
        } catch (Throwable t) {
            AgentLog.warn("container check skipped: " + t);
        }
    }

    /** Runs the watch of this JVM on this (daemon) thread until the JVM exits. */
    private static void watch(AgentOptions options, AgentState state) throws IOException, InterruptedException {
        SelfProbe probe;
        try {
            probe = SelfProbe.start(options.interval());
        } catch (Throwable t) {
            AgentLog.warn("no watch: this JVM's flight recorder cannot stream (" + t
                    + "); /metrics serves the JVM metrics only");
            return;
        }
        Watcher.Settings settings = new Watcher.Settings(options.interval(), null, HISTORY_POINTS);
        InMemoryJournal journal = new InMemoryJournal(JOURNAL_KEEP);
        Watcher watcher = Watcher.prepare(probe, journal, settings);
        watcher.addSink(state);
        watcher.addListener(state);
        if (options.capture()) {
            String unusable = unusableDumpDir(options.dumpDir());
            if (unusable != null) {
                AgentLog.warn("automatic capture off: " + unusable + "; the watch goes on");
            } else {
                CaptureSettings capture = new CaptureSettings(options.dumpDir(), CaptureSettings.DEFAULT_EVERY,
                        options.keepDumps(), CaptureSettings.DEFAULT_GROWTH, CaptureSettings.DEFAULT_DISK_FACTOR);
                watcher.addListener(new HeapCapture(JvmConnection.self(), capture, journal, watcher.target().id(),
                        watcher::emit));
            }
        }
        AgentLog.info("watching this JVM (pid " + probe.pid() + "), judged every "
                + Human.duration(options.interval())
                + (options.capture() ? ", heap dumps to " + options.dumpDir() : ", capture off"));
        try {
            watcher.run();
        } finally {
            probe.close();
        }
    }

    /** Null when the capture folder exists (or can be made) and can be written, else why not. */
    static String unusableDumpDir(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException | RuntimeException e) {
            return "the dump folder " + dir + " cannot be created (" + e + ")";
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            return "the dump folder " + dir + " is not a writable folder";
        }
        return null;
    }
}

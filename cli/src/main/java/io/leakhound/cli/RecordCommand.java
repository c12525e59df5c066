package io.leakhound.cli;

import io.leakhound.live.JvmConnection;
import io.leakhound.live.LeakRecorder;
import io.leakhound.series.Human;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code leakhound record PID}: a flight recording of a running JVM with the settings {@code analyze} and
 * {@code alloc} need, through the Attach API and the target's FlightRecorderMXBean ({@link LeakRecorder}),
 * copied to a local file. Ctrl-C stops the recording early and still writes it (a shutdown hook), and the
 * target is left without the recording on every path. Costs the target a profile-level recording (about 2 %
 * CPU) for the duration; costs this process a JMX connection and the file's size on disk.
 */
@Command(
        name = "record",
        mixinStandardHelpOptions = true,
        header = "Record a running JVM with the flight recorder, for 'leakhound analyze' and 'leakhound alloc'.",
        description =
            "Attaches to the JVM with the given pid (same user, same machine or container; see jps), starts a "
                + "flight recording with the JDK's profile settings plus what leakhound needs (heap after GC, "
                + "metaspace, classes, threads, direct buffers, resident set size, allocation samples, and old-object "
                + "samples with their paths to the GC roots), waits, and writes it to a local file. The verdict "
                + "needs at least 45 s of data; a slow leak is clearer over 10 min or more. Ctrl-C stops early and "
                + "keeps what was recorded. The JVM needs a flight recorder: OpenJDK 11+, or 8u262+.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.NO_LEAK + ":the recording was written",
            ExitCodes.BAD_INPUT + ":bad usage, or the JVM could not be recorded (a message on stderr says what)"})
final class RecordCommand implements Callable<Integer> {

    /** The least recording {@code analyze} can reach a verdict on (the verdict engine's minimum span). */
    static final Duration VERDICT_MINIMUM = Duration.ofSeconds(45);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "PID", description = "The process id of the JVM to record (see jps).")
    long pid;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "2m", converter = DurationConverter.class,
            description = "How long to record, e.g. 90s, 10m, 1h (default: ${DEFAULT-VALUE}; the verdict needs at least"
                + " 45 s, and a slowly leaking or quiet service needs longer).")
    Duration duration;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write the recording (default: leakhound-PID-yyyyMMdd-HHmmss.jfr in the current"
                + " folder).")
    Path out;

    // what the shutdown hook and the waiting thread share; guarded by itself
    private final Object lock = new Object();
    private LeakRecorder recorder;
    private boolean interrupted;
    private final AtomicBoolean reported = new AtomicBoolean();

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path file = out != null ? out : Path.of("leakhound-" + pid + "-" + LocalDateTime.now().format(FILE_TIME) + ".jfr");
        // before touching the target: a recording with nowhere to go would be lost
        checkWritable(file);
        Thread hook = new Thread(() -> stopOnInterrupt(file, stdout, err), "leakhound-record-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        try (JvmConnection jvm = JvmConnection.attach(pid)) {
            String target = jvm.description();
            LeakRecorder started;
            synchronized (lock) {
                if (interrupted) {
                    return ExitCodes.BAD_INPUT;
                }
                recorder = LeakRecorder.start(jvm, duration);
                started = recorder;
            }
            try {
                err.println("leakhound: recording process " + pid + " (" + target + ") for " + Human.duration(duration)
                        + " into " + file + "; Ctrl-C stops early and keeps what was recorded");
                for (String missing : started.missingEvents()) {
                    err.println("leakhound: note: this JVM has no " + missing + " event; " + consequence(missing));
                }
                err.flush();
                waitFor(started, err);
                report(started.finish(file), stdout, err, false);
            } finally {
                started.close();
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (Ctrl-C): the hook is writing the recording
            }
        }
        return ExitCodes.NO_LEAK;
    }

    private void waitFor(LeakRecorder started, PrintWriter err) throws InterruptedException {
        TerminalProgress progress = System.console() != null ? new TerminalProgress(err) : null;
        long total = duration.toMillis();
        try {
            started.await(elapsed -> {
                if (progress != null) {
                    progress.update("recording process " + pid, elapsed.toMillis(), total);
                }
            });
        } finally {
            if (progress != null) {
                progress.clear();
            }
        }
    }

    // Ctrl-C (or a kill): stop the recording and write what it has; the JVM exits when this returns
    private void stopOnInterrupt(Path file, PrintWriter stdout, PrintWriter err) {
        LeakRecorder running;
        synchronized (lock) {
            interrupted = true;
            running = recorder;
        }
        if (running == null || reported.get()) {
            return;
        }
        err.println();
        err.println("leakhound: interrupted: stopping the recording and writing what was recorded");
        err.flush();
        try {
            report(running.finish(file), stdout, err, true);
        } catch (IOException | RuntimeException e) {
            err.println("leakhound: " + Failures.message(e));
        } finally {
            running.close();
            stdout.flush();
            err.flush();
        }
    }

    private void report(LeakRecorder.Result result, PrintWriter stdout, PrintWriter err, boolean early) {
        if (!reported.compareAndSet(false, true)) {
            return;
        }
        if (result.recorded().compareTo(VERDICT_MINIMUM) < 0) {
            err.println("leakhound: warning: only " + Human.duration(result.recorded()) + " recorded; the verdict needs"
                    + " at least " + Human.duration(VERDICT_MINIMUM) + ", analyze will say it cannot tell yet");
            err.flush();
        }
        stdout.println((early ? "Stopped early: recorded " : "Recorded ") + Human.duration(result.recorded())
                + " of process " + pid + " into " + result.file() + " (" + Human.bytes(result.bytes()) + ").");
        stdout.println("Next:");
        stdout.println("  leakhound analyze " + result.file() + "   is memory leaking, and which resource");
        stdout.println("  leakhound alloc " + result.file() + "     where the growing objects are allocated");
        stdout.flush();
    }

    private static String consequence(String event) {
        return switch (event) {
            case "jdk.ResidentSetSize" -> "no rss finding (it needs JDK 21 or later)";
            case "jdk.ContainerMemoryUsage" -> "no container memory finding";
            case "jdk.ObjectAllocationSample" -> "no allocation sites (they need JDK 16 or later)";
            case "jdk.DirectBufferStatistics" -> "no direct-buffer finding (it needs JDK 15 or later)";
            default -> "its finding will be missing";
        };
    }

    /** Fails, naming the file, when {@code file} cannot be written; creates nothing. */
    static void checkWritable(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("--out " + file + " is a folder; give a file name, e.g. " + file.resolve("rec.jfr"));
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IOException("--out " + file + ": the folder " + parent + " does not exist");
        }
        if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(parent)) {
            throw new IOException("--out " + file + " is not writable (permission denied)");
        }
    }
}

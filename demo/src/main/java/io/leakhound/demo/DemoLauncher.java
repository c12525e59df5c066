package io.leakhound.demo;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs the {@link DemoService} as a child JVM with GC logging, for the {@code leakhound demo} command and for
 * recording fixtures. The child is the same {@code java} as the current process, with the current process's
 * demo classes (a directory in development, the CLI's shaded jar in a release), so no installation is needed.
 * Costs one child JVM with a 256 MB heap for the requested duration, plus two reader threads.
 */
public final class DemoLauncher {
    /** The child's maximum heap, as in the held-out recordings: small enough to show a leak within minutes. */
    public static final String DEFAULT_MAX_HEAP = "-Xmx256m";
    /** Decorations of the child's GC log: uptime for the series, level and tags to tell the lines apart. */
    public static final String GC_LOG_DECORATIONS = "uptime,level,tags";
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);
    /** The child stops itself this long after the requested duration, should this process die first. */
    private static final Duration CHILD_SAFETY_MARGIN = Duration.ofSeconds(15);
    private static final int STDERR_TAIL_LINES = 20;

    private DemoLauncher() {
    }

    /**
     * Runs the demo service in one mode as a child JVM for a while, with {@code -Xlog:gc*} to {@code gcLog}.
     * A child that runs out of memory before {@code duration} (a fast leak) ends the run early; its log is
     * returned like any other.
     *
     * @param mode          a {@link DemoMode}
     * @param duration      how long the child runs
     * @param extraJvmArgs  added to the child's command line after {@code -Xmx256m} (collector choice, heap
     *                      size...); G1 is selected unless these name a collector
     * @param gcLog         where the child writes its GC log (parent folders are created)
     * @param progress      receives a line about every 10 s (for a progress display)
     * @return the GC log written
     * @throws IOException when java cannot be started, or the child exits early for a reason other than
     *                     running out of memory (the message holds the tail of its error output)
     */
    public static Path recordGcLog(DemoMode mode, Duration duration, List<String> extraJvmArgs, Path gcLog,
            Consumer<String> progress) throws IOException, InterruptedException {
        return recordGcLog(mode, duration, extraJvmArgs, List.of(), gcLog, progress);
    }

    /**
     * As {@link #recordGcLog(DemoMode, Duration, List, Path, Consumer)}, with service options such as
     * {@code --leak-rate 300k} or {@code --leak-start 30s} passed to the {@link DemoService}.
     */
    public static Path recordGcLog(DemoMode mode, Duration duration, List<String> extraJvmArgs,
            List<String> serviceArgs, Path gcLog, Consumer<String> progress) throws IOException, InterruptedException {
        Path log = gcLog.toAbsolutePath();
        if (log.getParent() != null) {
            Files.createDirectories(log.getParent());
        }
        List<String> command = command(javaExecutable(), mode, duration.plus(CHILD_SAFETY_MARGIN), extraJvmArgs,
                serviceArgs, log);
        Process child;
        try {
            child = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new IOException("cannot start the demo service with " + command.get(0) + ": " + e.getMessage(), e);
        }
        child.getOutputStream().close();
        AtomicReference<String> lastStatus = new AtomicReference<>();
        Deque<String> stderrTail = new ArrayDeque<>();
        Thread stdout = readLines(child.getInputStream(), "demo-stdout", line -> {
            if (line.startsWith(DemoService.STATUS_PREFIX)) {
                lastStatus.set(line);
            }
        });
        Thread stderr = readLines(child.getErrorStream(), "demo-stderr", line -> {
            synchronized (stderrTail) {
                stderrTail.addLast(line);
                if (stderrTail.size() > STDERR_TAIL_LINES) {
                    stderrTail.removeFirst();
                }
            }
        });
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try {
            progress.accept("demo service started: mode " + mode + ", pid " + child.pid() + ", GC log " + log);
            while (true) {
                long remaining = end - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                if (child.waitFor(Math.min(remaining, PROGRESS_INTERVAL.toNanos()), TimeUnit.NANOSECONDS)) {
                    break;
                }
                progress.accept(describe(lastStatus.get(), System.nanoTime() - start));
            }
        } catch (InterruptedException e) {
            stop(child);
            throw e;
        }
        if (child.isAlive()) {
            stop(child);
            progress.accept("demo service stopped after " + (System.nanoTime() - start) / 1_000_000_000L + " s");
        } else {
            stdout.join(1000);
            stderr.join(1000);
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            if (child.exitValue() != DemoService.EXIT_OUT_OF_MEMORY) {
                String tail;
                synchronized (stderrTail) {
                    tail = String.join(System.lineSeparator(), stderrTail);
                }
                throw new IOException("the demo service (mode " + mode + ") exited with status " + child.exitValue()
                        + " after " + seconds + " s instead of running " + duration.toSeconds() + " s; command: "
                        + String.join(" ", command) + (tail.isEmpty() ? "; no error output" : "; its error output ends with:"
                        + System.lineSeparator() + tail));
            }
            progress.accept("demo service ran out of memory after " + seconds + " s (the leak won)");
        }
        stdout.join(1000);
        if (!Files.isRegularFile(log)) {
            throw new IOException("the demo service ran but wrote no GC log at " + log);
        }
        return log;
    }

    /** The child's command line. */
    static List<String> command(String java, DemoMode mode, Duration duration, List<String> extraJvmArgs,
            List<String> serviceArgs, Path gcLog) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add(DEFAULT_MAX_HEAP);
        if (extraJvmArgs.stream().noneMatch(arg -> arg.matches("-XX:\\+Use\\w*GC"))) {
            command.add("-XX:+UseG1GC");
        }
        command.addAll(extraJvmArgs);
        command.add("-Xlog:gc*:file=" + quoteIfNeeded(gcLog.toString()) + ":" + GC_LOG_DECORATIONS + ":filecount=0");
        command.add("-cp");
        command.add(demoClassPath());
        command.add(DemoService.class.getName());
        command.add("--mode");
        command.add(mode.name());
        command.add("--duration");
        command.add(duration.toMillis() + "ms");
        command.addAll(serviceArgs);
        return command;
    }

    /** The java of the current process: its own executable, or {@code java.home/bin/java}. */
    static String javaExecutable() {
        Optional<String> current = ProcessHandle.current().info().command();
        if (current.isPresent() && Files.isExecutable(Path.of(current.get()))) {
            return current.get();
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java").toString();
    }

    /** Where the demo classes come from (a classes folder or a jar, shaded or not), else the class path. */
    static String demoClassPath() {
        CodeSource source = DemoService.class.getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null) {
            try {
                return Path.of(source.getLocation().toURI()).toString();
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a file location (a custom loader): the class path below is the next best guess
            }
        }
        return System.getProperty("java.class.path", "") + File.pathSeparator;
    }

    private static String quoteIfNeeded(String path) {
        // -Xlog splits its argument on ':' and ',' unless the file name is quoted
        return path.indexOf(':') >= 0 || path.indexOf(',') >= 0 || path.indexOf(' ') >= 0 ? '"' + path + '"' : path;
    }

    private static String describe(String status, long elapsedNanos) {
        long seconds = Math.round(elapsedNanos / 1e9);
        if (status == null) {
            return seconds + " s: starting";
        }
        long requests = field(status, "requests");
        long heap = field(status, "heapAfterGc");
        return String.format(Locale.ROOT, "%d s: %,d requests, heap after last GC %s", seconds, requests,
                heap < 0 ? "(no GC yet)" : (heap + 512 * 1024) / (1024 * 1024) + " MB");
    }

    private static long field(String status, String name) {
        for (String part : status.substring(DemoService.STATUS_PREFIX.length()).split(" ")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        return -1;
    }

    private static void stop(Process child) throws InterruptedException {
        child.destroy();
        if (!child.waitFor(10, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            child.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static Thread readLines(InputStream in, String name, Consumer<String> sink) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // the child is gone; nothing more to read
            } catch (UncheckedIOException e) {
                // same
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}

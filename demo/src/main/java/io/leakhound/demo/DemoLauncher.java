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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs the {@link DemoService} as a child JVM with GC logging, and heap dumps on request, for the
 * {@code leakhound demo} command, for recording fixtures and for tests of the heap diff. The child is the same {@code java} as the current process, with the current process's
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
    /** How long past the run's end a heap dump scheduled within the run may take to be written. */
    private static final Duration DUMP_GRACE = Duration.ofSeconds(60);
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
        return run(mode, duration, extraJvmArgs, serviceArgs, List.of(), gcLog, null, progress).gcLog();
    }

    /**
     * Runs the demo service as {@link #recordGcLog(DemoMode, Duration, List, List, Path, Consumer)} does and has
     * it dump its live heap at the given times: "dump early, dump later". The GC log goes to
     * {@code outDir/gc.log}, the dumps to {@code outDir/heap-1.hprof}, {@code heap-2.hprof}... When the run's
     * duration ends while a scheduled dump is still being written, the child is given up to a minute more
     * to finish it. A child that runs out of memory before a dump simply yields fewer dumps. Each dump costs
     * the child a full collection and the writing of its live heap (64 MB at most with {@code -Xmx64m}).
     *
     * @param extraJvmArgs  as for {@code recordGcLog}; a {@code -Xmx} here wins over the default
     *                      {@code -Xmx256m} (HotSpot takes the last of repeated flags)
     * @param serviceArgs   service options such as {@code --leak-rate 2m} or {@code --cache-capacity 4m}
     * @param heapDumpTimes times after the child's start, increasing, each positive and at most {@code duration}
     * @param outDir        where the GC log and the dumps go (created); files of an earlier run there make
     *                      the dumps fail (the JVM does not overwrite a dump), so give a fresh folder
     * @return the GC log and the complete dumps (those the child announced), in the order taken
     * @throws IllegalArgumentException when a dump time is not positive, not increasing or after {@code duration}
     * @throws IOException as for {@code recordGcLog}
     */
    public static DemoRecording record(DemoMode mode, Duration duration, List<String> extraJvmArgs,
            List<String> serviceArgs, List<Duration> heapDumpTimes, Path outDir, Consumer<String> progress)
            throws IOException, InterruptedException {
        Duration previous = Duration.ZERO;
        for (Duration time : heapDumpTimes) {
            if (time.compareTo(previous) <= 0 || time.compareTo(duration) > 0) {
                throw new IllegalArgumentException("heap dump times must be positive, increasing and at most the duration "
                        + duration.toMillis() + "ms, got " + heapDumpTimes);
            }
            previous = time;
        }
        Path dir = outDir.toAbsolutePath();
        Files.createDirectories(dir);
        return run(mode, duration, extraJvmArgs, serviceArgs, heapDumpTimes, dir.resolve("gc.log"), dir, progress);
    }

    /**
     * Starts the demo service in one mode as a child JVM and returns at once, for a watch to attach to. The child
     * writes its GC log to {@code gcLog}, discards its output, and stops itself after {@code duration} (plus a
     * margin) should nobody stop it.
     *
     * @param serviceArgs service options such as {@code --leak-rate 2m}
     * @throws IOException when java cannot be started
     */
    public static RunningDemo start(DemoMode mode, Duration duration, List<String> extraJvmArgs,
            List<String> serviceArgs, Path gcLog) throws IOException {
        Path log = gcLog.toAbsolutePath();
        if (log.getParent() != null) {
            Files.createDirectories(log.getParent());
        }
        List<String> command = command(javaExecutable(), mode, duration.plus(CHILD_SAFETY_MARGIN), extraJvmArgs,
                serviceArgs, log);
        try {
            Process child = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            child.getOutputStream().close();
            return new RunningDemo(child, log);
        } catch (IOException e) {
            throw new IOException("cannot start the demo service with " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    private static DemoRecording run(DemoMode mode, Duration duration, List<String> extraJvmArgs,
            List<String> serviceArgs, List<Duration> heapDumpTimes, Path gcLog, Path dumpDir, Consumer<String> progress)
            throws IOException, InterruptedException {
        Path log = gcLog.toAbsolutePath();
        if (log.getParent() != null) {
            Files.createDirectories(log.getParent());
        }
        List<String> allServiceArgs = new ArrayList<>(serviceArgs);
        if (!heapDumpTimes.isEmpty()) {
            allServiceArgs.add("--heap-dump-at");
            allServiceArgs.add(heapDumpTimes.stream().map(time -> time.toMillis() + "ms").collect(Collectors.joining(",")));
            allServiceArgs.add("--heap-dump-dir");
            allServiceArgs.add(dumpDir.toString());
        }
        List<String> command = command(javaExecutable(), mode, duration.plus(CHILD_SAFETY_MARGIN), extraJvmArgs,
                allServiceArgs, log);
        Process child;
        try {
            child = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new IOException("cannot start the demo service with " + command.get(0) + ": " + e.getMessage(), e);
        }
        child.getOutputStream().close();
        AtomicReference<String> lastStatus = new AtomicReference<>();
        List<Path> dumps = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        Thread stdout = readLines(child.getInputStream(), "demo-stdout", line -> {
            if (line.startsWith(DemoService.STATUS_PREFIX)) {
                lastStatus.set(line);
            } else if (line.startsWith(DemoService.HEAP_DUMP_PREFIX)) {
                Path dump = announcedDump(line);
                dumps.add(dump);
                progress.accept(String.format(Locale.ROOT, "%d s: heap dump %d written: %s (%s)",
                        Math.round((System.nanoTime() - start) / 1e9), dumps.size(), dump, megabytes(dump)));
            }
        });
        Deque<String> stderrTail = new ArrayDeque<>();
        AtomicInteger failedDumps = new AtomicInteger();
        Thread stderr = readLines(child.getErrorStream(), "demo-stderr", line -> {
            synchronized (stderrTail) {
                stderrTail.addLast(line);
                if (stderrTail.size() > STDERR_TAIL_LINES) {
                    stderrTail.removeFirst();
                }
            }
            if (line.startsWith("HEAP_DUMP_FAILED")) {
                failedDumps.incrementAndGet();
                progress.accept(line);
            }
        });
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
            // the child started after this clock did, so its last dump may still be on its way
            long graceEnd = System.nanoTime() + DUMP_GRACE.toNanos();
            while (child.isAlive() && dumps.size() + failedDumps.get() < heapDumpTimes.size()
                    && System.nanoTime() < graceEnd) {
                child.waitFor(100, TimeUnit.MILLISECONDS);
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
        return new DemoRecording(log, dumps);
    }

    /** The file of a {@code HEAP_DUMP file=<path> elapsedMillis=<n>} line (the path may hold spaces). */
    static Path announcedDump(String line) {
        int from = line.indexOf("file=") + "file=".length();
        int to = line.lastIndexOf(" elapsedMillis=");
        return Path.of(line.substring(from, to < from ? line.length() : to));
    }

    private static String megabytes(Path file) {
        try {
            return String.format(Locale.ROOT, "%.1f MB", Files.size(file) / (1024.0 * 1024));
        } catch (IOException e) {
            return "size unknown: " + e.getMessage();
        }
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

package io.leakhound.watch;

import io.leakhound.guard.CgroupMemoryLimit;

import io.leakhound.live.LiveJvmException;
import io.leakhound.series.Unit;
import io.leakhound.store.Sample;
import io.leakhound.series.history.Target;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Watches any Linux process (Node, Python, Go, a JVM without attach) through /proc: its resident set size and its
 * thread count, read on demand at each {@link #poll()}. The verdict engine judges them on rolling minima, as it has
 * no collections to go by.
 *
 * <p>Resources: {@code rss} (VmRSS of /proc/PID/status, bytes; limit: the memory limit of the process's cgroup,
 * v2 {@code memory.max} or v1 {@code memory.limit_in_bytes}, the lowest along the cgroup's ancestors, else -1) and
 * {@code threads} (Threads:, a count, no limit).
 *
 * <p>The process is identified by its pid and start time: a pid that now belongs to another process reads as the
 * watched one having exited. The start time is field 22 of /proc/PID/stat (clock ticks since boot) plus
 * {@code btime} of /proc/stat; ticks are taken as 100 per second, the USER_HZ of every mainstream Linux kernel
 * (Java cannot call {@code sysconf(_SC_CLK_TCK)}; the JDK's own {@link ProcessHandle.Info#startInstant()} has the
 * same one-second granularity from {@code btime}).
 *
 * <p>Costs two small file reads per poll (stat, to know it is the same process, and status; the limit is read
 * once at open); holds no
 * thread and no file open between polls.
 */
public final class ProcProbe implements ProcessProbe {

    /** Clock ticks per second of /proc/PID/stat: Linux's USER_HZ. */
    static final long TICKS_PER_SECOND = 100;
    /** Command lines are cut to this many characters for reports. */
    static final int COMMAND_CHARS = 200;
    /** More than any status, stat or cgroup file holds: a bound on what a read may allocate. */
    private static final int MAX_FILE_BYTES = 64 * 1024;

    private final long pid;
    private final Path proc;
    private final long startTicks;
    private final Instant processStart;
    private final String command;
    private final long rssLimit;
    private volatile boolean exited;

    private ProcProbe(long pid, Path proc, long startTicks, Instant processStart, String command, long rssLimit) {
        this.pid = pid;
        this.proc = proc;
        this.startTicks = startTicks;
        this.processStart = processStart;
        this.command = command;
        this.rssLimit = rssLimit;
    }

    /**
     * Opens the process {@code pid}.
     *
     * @throws LiveJvmException naming the pid when there is no /proc (not Linux), no such process, or its files
     *                          cannot be read
     */
    public static ProcProbe open(long pid) throws IOException {
        return open(Path.of("/proc"), pid);
    }

    static ProcProbe open(Path procRoot, long pid) throws IOException {
        if (pid <= 0) {
            throw new LiveJvmException(pid, "is not a process id (must be a positive number)");
        }
        if (!Files.isDirectory(procRoot.resolve("self"))) {
            throw new LiveJvmException(pid, "cannot be watched: there is no " + procRoot + " (watching a non-Java "
                    + "process needs Linux)");
        }
        Path proc = procRoot.resolve(Long.toString(pid));
        if (!Files.isDirectory(proc)) {
            throw new LiveJvmException(pid, "no such process");
        }
        String stat = read(pid, proc.resolve("stat"));
        long startTicks = startTicks(pid, stat);
        long btime = bootTime(pid, procRoot.resolve("stat"));
        Instant start = Instant.ofEpochSecond(btime).plusMillis(startTicks * 1000 / TICKS_PER_SECOND);
        String command = command(proc, stat);
        ProcProbe probe = new ProcProbe(pid, proc, startTicks, start, command, memoryLimit(procRoot, proc));
        if (probe.status() == null) {
            throw new LiveJvmException(pid, "has exited");
        }
        return probe;
    }

    @Override
    public Target.Kind kind() {
        return Target.PROCESS;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public Instant processStart() {
        return processStart;
    }

    @Override
    public String command() {
        return command;
    }

    @Override
    public long maxHeapBytes() {
        return -1;
    }

    /**
     * Reads the process now: {@code rss} and {@code threads}, both at the current time. An exited process (or a pid
     * taken by another process since) gives {@link Readings#NONE} and {@link #alive()} turns false.
     *
     * @throws IOException when /proc/PID/status exists but cannot be read (permissions)
     */
    @Override
    public Readings poll() throws IOException {
        Status s = status();
        if (s == null) {
            return Readings.NONE;
        }
        Instant now = Instant.now();
        List<Sample> samples = new ArrayList<>(2);
        if (s.rssBytes >= 0) {
            samples.add(new Sample("rss", Unit.BYTES, now, s.rssBytes, rssLimit));
        }
        if (s.threads >= 0) {
            samples.add(new Sample("threads", Unit.COUNT, now, s.threads, -1));
        }
        return new Readings(List.of(), samples);
    }

    @Override
    public boolean alive() {
        if (exited) {
            return false;
        }
        try {
            return status() != null;
        } catch (IOException e) {
            // readable a moment ago, unreadable now: still there (a permissions change does not end a process)
            return true;
        }
    }

    /** Nothing to release: the probe holds no file or thread. */
    @Override
    public void close() {
    }

    /**
     * The resident set of any process now, as a {@code rss} sample with its cgroup limit, for probes that read the
     * rest of their figures elsewhere (a JVM's heap comes from JFR). Empty when the process is gone or /proc is
     * not there.
     */
    public static Optional<Sample> rss(long pid, Instant at) {
        Path procRoot = Path.of("/proc");
        Path proc = procRoot.resolve(Long.toString(pid));
        try {
            Status s = parseStatus(text(proc.resolve("status")));
            if (s.rssBytes < 0) {
                return Optional.empty();
            }
            return Optional.of(new Sample("rss", Unit.BYTES, at, s.rssBytes, memoryLimit(procRoot, proc)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** VmRSS in bytes and the thread count, -1 each when absent (a zombie has no VmRSS). */
    record Status(long rssBytes, long threads, char state) {
    }

    /** The status now, or null when the process exited, is a zombie, or the pid is someone else's now. */
    private Status status() throws IOException {
        if (exited) {
            return null;
        }
        try {
            // the pid is the same process only while its start time is
            String stat = text(proc.resolve("stat"));
            if (startTicks(pid, stat) != startTicks) {
                exited = true;
                return null;
            }
            Status s = parseStatus(text(proc.resolve("status")));
            if (s.state == 'Z' || s.state == 'X') {
                exited = true;
                return null;
            }
            return s;
        } catch (NoSuchFileException e) {
            exited = true;
            return null;
        } catch (AccessDeniedException e) {
            throw new LiveJvmException(pid, "cannot read " + e.getFile() + ": permission denied (watch it as its "
                    + "user or as root)");
        }
    }

    static Status parseStatus(String status) {
        long rss = -1;
        long threads = -1;
        char state = '?';
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                rss = kilobytes(line) * 1024;
            } else if (line.startsWith("Threads:")) {
                threads = number(line.substring("Threads:".length()).trim());
            } else if (line.startsWith("State:")) {
                String v = line.substring("State:".length()).trim();
                state = v.isEmpty() ? '?' : v.charAt(0);
            }
        }
        return new Status(rss < 0 ? -1 : rss, threads, state);
    }

    /** {@code VmRSS:     12345 kB} gives 12345; -1 when the figure cannot be read. */
    private static long kilobytes(String line) {
        String v = line.substring(line.indexOf(':') + 1).trim();
        int space = v.indexOf(' ');
        return number(space < 0 ? v : v.substring(0, space));
    }

    private static long number(String s) {
        try {
            long v = Long.parseLong(s.trim());
            return v < 0 ? -1 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Field 22 of /proc/PID/stat. The command (field 2) is in parentheses and may itself hold spaces and
     * parentheses, so fields are counted from the last ')'.
     */
    static long startTicks(long pid, String stat) throws LiveJvmException {
        int close = stat.lastIndexOf(')');
        String[] fields = close < 0 ? new String[0] : stat.substring(close + 1).trim().split(" +");
        // fields[0] is field 3 (state): field 22 is fields[19]
        long ticks = fields.length > 19 ? number(fields[19]) : -1;
        if (ticks < 0) {
            throw new LiveJvmException(pid, "/proc/" + pid + "/stat has no start time in field 22: '"
                    + abbreviate(stat.trim(), 80) + "'");
        }
        return ticks;
    }

    private static long bootTime(long pid, Path procStat) throws IOException {
        for (String line : read(pid, procStat).split("\n")) {
            if (line.startsWith("btime ")) {
                long btime = number(line.substring("btime ".length()));
                if (btime > 0) {
                    return btime;
                }
            }
        }
        throw new LiveJvmException(pid, procStat + " has no 'btime' line: the boot time, and so the process's "
                + "start, is unknown");
    }

    /** The command line with its NUL separators as spaces, cut for reports; the stat name for a kernel thread. */
    private static String command(Path proc, String stat) {
        String cmdline;
        try {
            byte[] bytes;
            try (InputStream in = Files.newInputStream(proc.resolve("cmdline"))) {
                bytes = in.readNBytes(4 * COMMAND_CHARS);
            }
            cmdline = new String(bytes, 0, Math.min(bytes.length, 4 * COMMAND_CHARS), StandardCharsets.UTF_8)
                    .replace('\0', ' ').trim();
        } catch (IOException e) {
            cmdline = "";
        }
        if (cmdline.isEmpty()) {
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            cmdline = open >= 0 && close > open ? "[" + stat.substring(open + 1, close) + "]" : "";
        }
        return abbreviate(cmdline, COMMAND_CHARS);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** The memory limit of the process's cgroup (see {@link CgroupMemoryLimit}), -1 when none. */
    static long memoryLimit(Path procRoot, Path proc) {
        return CgroupMemoryLimit.read(procRoot.resolveSibling("sys").resolve("fs").resolve("cgroup"), proc.resolve("cgroup"));
    }

    /**
     * A small /proc or /sys file as text, at most {@link #MAX_FILE_BYTES}. Not {@code Files.readString}: these files
     * report a size of 0, and for some (/proc/sys) the JDK then reads a single byte.
     */
    static String text(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_FILE_BYTES), StandardCharsets.ISO_8859_1);
        }
    }

    private static String read(long pid, Path file) throws IOException {
        try {
            return text(file);
        } catch (NoSuchFileException e) {
            throw new LiveJvmException(pid, "no such process (" + file + " is gone)");
        } catch (AccessDeniedException e) {
            throw new LiveJvmException(pid, "cannot read " + file + ": permission denied (watch it as its user or "
                    + "as root)");
        } catch (IOException e) {
            throw new LiveJvmException(pid, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}

package io.leakhound.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leakhound.live.LiveJvmException;
import io.leakhound.series.Unit;
import io.leakhound.store.Sample;
import io.leakhound.series.history.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcProbeTest {

    private static void assumeLinux() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
    }

    private static Sample sample(Readings r, String resource) {
        return r.samples().stream().filter(s -> s.resource().equals(resource)).findFirst().orElseThrow();
    }

    @Test
    void open_ownPid_figuresOfThisJvm() throws IOException {
        assumeLinux();
        ProcessHandle self = ProcessHandle.current();
        try (ProcProbe probe = ProcProbe.open(self.pid())) {
            assertThat(probe.kind()).isEqualTo(Target.PROCESS);
            assertThat(probe.pid()).isEqualTo(self.pid());
            assertThat(probe.maxHeapBytes()).isEqualTo(-1);
            assertThat(probe.command()).contains("java").hasSizeLessThanOrEqualTo(ProcProbe.COMMAND_CHARS);
            Instant jdkStart = self.info().startInstant().orElseThrow();
            assertThat(Duration.between(jdkStart, probe.processStart()).abs()).isLessThan(Duration.ofSeconds(2));
            assertThat(probe.alive()).isTrue();

            Readings r = probe.poll();
            assertThat(r.gcEvents()).isEmpty();
            Sample rss = sample(r, "rss");
            assertThat(rss.unit()).isEqualTo(Unit.BYTES);
            // a JVM that runs tests holds more than 20 MB resident
            assertThat(rss.value()).isGreaterThan(20L << 20);
            Sample threads = sample(r, "threads");
            assertThat(threads.unit()).isEqualTo(Unit.COUNT);
            assertThat(threads.value()).isGreaterThanOrEqualTo(Thread.activeCount());
            assertThat(Duration.between(rss.at(), Instant.now()).abs()).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void poll_childExits_notAliveAndNoReadings() throws Exception {
        assumeLinux();
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            ProcProbe probe = ProcProbe.open(child.pid());
            assertThat(probe.command()).isEqualTo("sleep 30");
            Instant jdkStart = child.info().startInstant().orElseThrow();
            assertThat(Duration.between(jdkStart, probe.processStart()).abs()).isLessThan(Duration.ofSeconds(2));
            Readings r = probe.poll();
            assertThat(sample(r, "threads").value()).isEqualTo(1);
            assertThat(sample(r, "rss").value()).isPositive();
            assertThat(probe.alive()).isTrue();

            child.destroy();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(probe.alive()).isFalse();
            assertThat(probe.poll()).isEqualTo(Readings.NONE);
            assertThat(ProcProbe.rss(child.pid(), Instant.now())).isEmpty();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void open_noSuchPid_namesThePid() throws IOException {
        assumeLinux();
        long pidMax = Long.parseLong(ProcProbe.text(Path.of("/proc/sys/kernel/pid_max")).trim());
        long pid = pidMax + 1;
        assertThatThrownBy(() -> ProcProbe.open(pid)).isInstanceOf(LiveJvmException.class)
                .hasMessage("process " + pid + ": no such process");
        assertThatThrownBy(() -> ProcProbe.open(0)).isInstanceOf(LiveJvmException.class)
                .hasMessage("process 0: is not a process id (must be a positive number)");
    }

    @Test
    void open_noProc_saysLinuxIsNeeded(@TempDir Path dir) {
        assertThatThrownBy(() -> ProcProbe.open(dir.resolve("proc"), 42)).isInstanceOf(LiveJvmException.class)
                .hasMessageStartingWith("process 42: cannot be watched: there is no ")
                .hasMessageEndingWith("(watching a non-Java process needs Linux)");
    }

    @Test
    void rss_ownPid_present() {
        assumeLinux();
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        Sample rss = ProcProbe.rss(ProcessHandle.current().pid(), at).orElseThrow();
        assertThat(rss.resource()).isEqualTo("rss");
        assertThat(rss.at()).isEqualTo(at);
        assertThat(rss.value()).isPositive();
    }

    /** A fake /proc (and /sys beside it) with one process whose every figure is known. */
    private static Path fakeProc(Path root, String statTail, String cgroup) throws IOException {
        Path proc = root.resolve("proc");
        Files.createDirectories(proc.resolve("self"));
        Path p = Files.createDirectories(proc.resolve("1234"));
        Files.writeString(proc.resolve("stat"), "cpu  1 2 3\nbtime 1700000000\nprocesses 99\n");
        // field 2 holds spaces and parentheses: fields are counted from the last ')'
        Files.writeString(p.resolve("stat"), "1234 (my (odd) cmd) " + statTail);
        Files.write(p.resolve("cmdline"), "python3\0-m\0http.server\0".getBytes());
        Files.writeString(p.resolve("status"), "Name:\tpython3\nState:\tS (sleeping)\nVmPeak:\t  999 kB\n"
                + "VmRSS:\t   51200 kB\nThreads:\t7\n");
        Files.writeString(p.resolve("cgroup"), cgroup);
        return proc;
    }

    /** Fields 3..22 of a stat line with the start time (field 22) {@code ticks}. */
    private static String statTail(long ticks) {
        return "S 1 1234 1234 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 1 0 " + ticks + " 10000000 1200\n";
    }

    @Test
    void open_fakeProc_exactFigures(@TempDir Path dir) throws IOException {
        Path proc = fakeProc(dir, statTail(250), "0::/system.slice/app.service\n");
        Path cg = Files.createDirectories(dir.resolve("sys/fs/cgroup/system.slice/app.service"));
        Files.writeString(cg.resolve("memory.max"), "max\n");
        Files.writeString(dir.resolve("sys/fs/cgroup/system.slice/memory.max"), "1073741824\n");

        ProcProbe probe = ProcProbe.open(proc, 1234);
        // btime 1700000000 + 250 ticks / 100 per second
        assertThat(probe.processStart()).isEqualTo(Instant.ofEpochSecond(1700000000L).plusMillis(2500));
        assertThat(probe.command()).isEqualTo("python3 -m http.server");
        Readings r = probe.poll();
        assertThat(r.samples()).extracting(Sample::resource).containsExactly("rss", "threads");
        assertThat(sample(r, "rss").value()).isEqualTo(51200L * 1024);
        // the parent's 1 GB binds the child whose own limit is "max"
        assertThat(sample(r, "rss").limit()).isEqualTo(1L << 30);
        assertThat(sample(r, "threads").value()).isEqualTo(7);
        assertThat(sample(r, "threads").limit()).isEqualTo(-1);
    }

    @Test
    void memoryLimit_cgroupV1Unlimited_minusOne(@TempDir Path dir) throws IOException {
        Path proc = fakeProc(dir, statTail(1), "12:memory:/docker/abc\n5:cpu,cpuacct:/docker/abc\n");
        Path cg = Files.createDirectories(dir.resolve("sys/fs/cgroup/memory/docker/abc"));
        Files.writeString(cg.resolve("memory.limit_in_bytes"), "9223372036854771712\n");
        assertThat(ProcProbe.memoryLimit(proc, proc.resolve("1234"))).isEqualTo(-1);
        Files.writeString(cg.resolve("memory.limit_in_bytes"), "536870912\n");
        assertThat(ProcProbe.memoryLimit(proc, proc.resolve("1234"))).isEqualTo(512L << 20);
    }

    @Test
    void poll_pidReusedByAnotherProcess_readsAsExited(@TempDir Path dir) throws IOException {
        Path proc = fakeProc(dir, statTail(250), "");
        ProcProbe probe = ProcProbe.open(proc, 1234);
        assertThat(probe.alive()).isTrue();
        Files.writeString(proc.resolve("1234/stat"), "1234 (other) " + statTail(99999));
        assertThat(probe.alive()).isFalse();
        assertThat(probe.poll()).isEqualTo(Readings.NONE);
    }

    @Test
    void poll_zombie_readsAsExited(@TempDir Path dir) throws IOException {
        Path proc = fakeProc(dir, statTail(250), "");
        ProcProbe probe = ProcProbe.open(proc, 1234);
        Files.writeString(proc.resolve("1234/status"), "Name:\tpython3\nState:\tZ (zombie)\nThreads:\t1\n");
        assertThat(probe.poll().samples()).isEmpty();
        assertThat(probe.alive()).isFalse();
    }

    @Test
    void startTicks_truncatedStat_formatMessage() {
        assertThatThrownBy(() -> ProcProbe.startTicks(1234, "1234 (x) S 1 2"))
                .isInstanceOf(LiveJvmException.class)
                .hasMessage("process 1234: /proc/1234/stat has no start time in field 22: '1234 (x) S 1 2'");
    }

    @Test
    void parseStatus_kernelThread_noRss() {
        ProcProbe.Status s = ProcProbe.parseStatus("Name:\tkthreadd\nState:\tS (sleeping)\nThreads:\t1\n");
        assertThat(s.rssBytes()).isEqualTo(-1);
        assertThat(s.threads()).isEqualTo(1);
        assertThat(List.of(s.state())).containsExactly('S');
    }

    @Test
    void parse_randomStatAndStatus_figuresOrOurException() {
        // the fuzz contract of a parser: any input gives figures or LiveJvmException, nothing else
        java.util.Random random = new java.util.Random(6);
        String alphabet = "0123456789 ()\n:\tkBVmRSThreads-Z";
        for (int i = 0; i < 5000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(120);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String input = (random.nextBoolean() ? "1 (x) S " + "1 ".repeat(random.nextInt(25)) : "") + text;
            try {
                assertThat(ProcProbe.startTicks(1, input)).isNotNegative();
            } catch (LiveJvmException e) {
                assertThat(e.getMessage()).startsWith("process 1: /proc/1/stat has no start time");
            }
            ProcProbe.Status status = ProcProbe.parseStatus(input);
            assertThat(status.rssBytes()).isGreaterThanOrEqualTo(-1);
            assertThat(status.threads()).isGreaterThanOrEqualTo(-1);
        }
    }
}

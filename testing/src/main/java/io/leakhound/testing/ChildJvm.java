package io.leakhound.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A process started by a test (most often a JVM running a main class of the test class path), whose output
 * lines are collected as they come, so that a test can wait for the line that says it is ready, with a timeout
 * and a message that shows what the child did say. Also the one place for the other waits on a child: for a
 * file to appear, for the Attach API to list a JVM, for any condition ({@link #await}).
 *
 * <p>The waits poll (every 100 ms) rather than block on a read: a child that hangs or dies fails the test
 * within the timeout, naming what was awaited, instead of hanging the build. {@link #close()} ends the child
 * (SIGTERM, then SIGKILL after 10 s). Costs two reader threads a child; stderr keeps its last 50 lines.
 */
public final class ChildJvm implements AutoCloseable {

    /** How often a wait looks again. */
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int STDERR_TAIL = 50;

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final Thread stdout;

    private ChildJvm(Process process) {
        this.process = process;
        this.stdout = collect(process.getInputStream(), lines, Integer.MAX_VALUE, "child-stdout-" + process.pid());
        collect(process.getErrorStream(), errors, STDERR_TAIL, "child-stderr-" + process.pid());
    }

    /**
     * Starts {@code java [jvmOptions] -cp <this test's class path> main [args]} with the java of the running JVM.
     *
     * @throws IOException when java cannot be started
     */
    public static ChildJvm start(Class<?> main, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return of(new ProcessBuilder(command).start());
    }

    /** Collects the output of a process the test started itself (a command of its own). */
    public static ChildJvm of(Process process) throws IOException {
        process.getOutputStream().close();
        return new ChildJvm(process);
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    /** The lines the child has printed on stdout so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * Waits for the first line on stdout that contains {@code fragment} and returns it.
     *
     * @throws AssertionError when no such line comes within {@code timeout} or the child exits first
     */
    public String awaitLine(String fragment, Duration timeout) throws InterruptedException {
        return awaitLine(line -> line.contains(fragment), "a line with \"" + fragment + "\"", timeout);
    }

    /** Waits for the first line on stdout that {@code test} accepts and returns it; {@code what} names it. */
    public String awaitLine(Predicate<String> test, String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : lines) {
                if (test.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                stdout.join(1000); // the lines the child printed before it exited
                if (lines.stream().anyMatch(test)) {
                    continue;
                }
                throw new AssertionError("the child " + pid() + " exited (" + process.exitValue() + ") before "
                        + what + "; " + said());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " from the child " + pid() + " within " + timeout + "; "
                        + said());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Ends the child: SIGTERM, and SIGKILL when it has not ended within 10 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** What an awaited condition is; may throw (an unreadable file is "not yet"). */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Waits until {@code condition} holds, looking every 100 ms.
     *
     * @param what names what is awaited, for the failure message
     * @throws AssertionError when it does not hold within {@code timeout}
     */
    public static void await(String what, Duration timeout, Condition condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e; // not yet: the next look may succeed
            }
            if (System.nanoTime() > deadline) {
                AssertionError failure = new AssertionError(what + ": not within " + timeout);
                if (last != null) {
                    failure.initCause(last);
                }
                throw failure;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Waits until {@code file} exists and is not empty. */
    public static void awaitFile(Path file, Duration timeout) throws InterruptedException {
        await("the file " + file, timeout, () -> Files.size(file) > 0);
    }

    /**
     * Waits until the Attach API lists the JVM {@code pid}, then half a second more: a JVM that has just started
     * refuses to be attached for a moment, and one signalled before it has set up its handlers would end.
     */
    public static void awaitAttachable(long pid, Duration timeout) throws InterruptedException {
        String id = Long.toString(pid);
        await("the JVM " + pid + " attachable", timeout,
                () -> com.sun.tools.attach.VirtualMachine.list().stream().anyMatch(vm -> vm.id().equals(id)));
        Thread.sleep(500);
    }

    private String said() {
        return "stdout: " + lines + ", stderr (last lines): " + errors;
    }

    private static Thread collect(InputStream in, List<String> into, int keep, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    into.add(line);
                    if (into.size() > keep) {
                        into.remove(0);
                    }
                }
            } catch (IOException e) {
                // the child was killed: nothing more to read
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}

package io.leakhound.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Proof, found without signalling it, that a process is a JVM. The Attach API signals its target with
 * SIGQUIT, whose default action ends a process that is not a JVM, so leakhound signals only a process for
 * which one of these marks exists; a process it cannot look at (no /proc, another user's files) is refused,
 * never guessed to be a JVM.
 *
 * <p>Cost: a few file lookups in /proc and /tmp (and one directory listing of each {@code hsperfdata_*}
 * parent), no process is touched.
 */
public final class JvmEvidence {

    /** What showed that the process is a JVM. */
    public enum Mark {
        /** the attach socket {@code .java_pid<PID>} a JVM creates on its first attach */
        ATTACH_SOCKET,
        /** the performance-data file {@code hsperfdata_<user>/<PID>} every HotSpot JVM publishes by default */
        HSPERFDATA,
        /** {@code /proc/PID/exe} resolves to an executable named {@code java} */
        JAVA_EXECUTABLE,
        /** libjvm (HotSpot) or libj9vm (OpenJ9) in the process's memory map, e.g. a JVM run by another launcher */
        JVM_LIBRARY_MAPPED
    }

    private final Path proc;
    private final Path tmp;

    JvmEvidence(Path proc, Path tmp) {
        this.proc = proc;
        this.tmp = tmp;
    }

    /** Looks in this machine's {@code /proc} and {@code /tmp} (where HotSpot keeps both marks on Linux and macOS). */
    public static JvmEvidence ofThisMachine() {
        return new JvmEvidence(Path.of("/proc"), Path.of("/tmp"));
    }

    /** The first mark found that the process is a JVM; empty when there is none or they cannot be read. */
    public Optional<Mark> of(long pid) {
        List<Long> ids = namespacePids(pid);
        // a JVM in a container keeps its marks in its own /tmp, named by its pid inside the container
        List<Path> temps = List.of(tmp, proc.resolve(Long.toString(pid)).resolve("root").resolve("tmp"));
        for (Path temp : temps) {
            for (long id : ids) {
                if (Files.exists(temp.resolve(".java_pid" + id))) {
                    return Optional.of(Mark.ATTACH_SOCKET);
                }
                if (hasPerfData(temp, id)) {
                    return Optional.of(Mark.HSPERFDATA);
                }
            }
        }
        if (isJavaExecutable(pid)) {
            return Optional.of(Mark.JAVA_EXECUTABLE);
        }
        return mapsJvmLibrary(pid) ? Optional.of(Mark.JVM_LIBRARY_MAPPED) : Optional.empty();
    }

    private static boolean hasPerfData(Path temp, long id) {
        try (DirectoryStream<Path> users = Files.newDirectoryStream(temp, "hsperfdata_*")) {
            for (Path user : users) {
                if (Files.isRegularFile(user.resolve(Long.toString(id)))) {
                    return true;
                }
            }
            return false;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    // the pid as seen here and, for a process in a pid namespace, as seen inside it (NSpid in /proc/PID/status)
    private List<Long> namespacePids(long pid) {
        List<Long> ids = new ArrayList<>(List.of(pid));
        try (Stream<String> lines = Files.lines(proc.resolve(Long.toString(pid)).resolve("status"))) {
            lines.filter(line -> line.startsWith("NSpid:")).findFirst().ifPresent(line -> {
                for (String field : line.substring("NSpid:".length()).trim().split("\\s+")) {
                    try {
                        long id = Long.parseLong(field);
                        if (!ids.contains(id)) {
                            ids.add(id);
                        }
                    } catch (NumberFormatException e) {
                        // not a pid: nothing to look for under that name
                    }
                }
            });
        } catch (IOException | UncheckedIOException | SecurityException e) {
            // no namespace pids known: the host pid is still looked for
        }
        return ids;
    }

    private boolean isJavaExecutable(long pid) {
        try {
            Path exe = Files.readSymbolicLink(proc.resolve(Long.toString(pid)).resolve("exe"));
            Path name = exe.getFileName();
            return name != null && name.toString().equals("java");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    private boolean mapsJvmLibrary(long pid) {
        Path maps = proc.resolve(Long.toString(pid)).resolve("maps");
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.anyMatch(line -> line.endsWith("/libjvm.so") || line.contains("/libj9vm"));
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return false;
        }
    }
}

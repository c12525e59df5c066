package io.leakhound.guard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory limit of a process's cgroup, the one reader of it in leakhound (the guard's effective limit, the
 * watch's RSS limit, the agent's container check): the lowest {@code memory.max} (v2) or
 * {@code memory.limit_in_bytes} (v1) from the process's cgroup up to the root, since a parent's limit binds its
 * children. In this lowest module because the guard, which goes into services, may depend on nothing.
 */
public final class CgroupMemoryLimit {
    /** v1 writes "no limit" as the largest page-aligned long; anything above 2^60 bytes is no limit. */
    private static final long NO_LIMIT = 1L << 60;
    /** More than any cgroup file holds: a bound on what a read may allocate. */
    private static final int MAX_FILE_BYTES = 64 * 1024;

    private CgroupMemoryLimit() {
    }

    /** The limit of the process whose {@code /proc/PID} is {@code proc}, with cgroups mounted under {@code /sys/fs/cgroup}. */
    public static long of(Path proc) {
        return read(Path.of("/sys/fs/cgroup"), proc.resolve("cgroup"));
    }

    /**
     * @param cgroupRoot  where the cgroup file system is mounted ({@code /sys/fs/cgroup}; tests use a fake one)
     * @param procCgroup  the process's {@code /proc/PID/cgroup}, which names its groups
     * @return the limit in bytes; -1 when none is set or none can be read
     */
    public static long read(Path cgroupRoot, Path procCgroup) {
        List<String> lines;
        try {
            lines = text(procCgroup).lines().toList();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        long limit = Long.MAX_VALUE;
        for (String line : lines) {
            String[] parts = line.split(":", 3);
            if (parts.length < 3) {
                continue;
            }
            if (parts[0].equals("0") && parts[1].isEmpty()) {
                limit = Math.min(limit, lowest(cgroupRoot, parts[2], "memory.max"));
            } else if (List.of(parts[1].split(",")).contains("memory")) {
                limit = Math.min(limit, lowest(cgroupRoot.resolve("memory"), parts[2], "memory.limit_in_bytes"));
            }
        }
        return limit == Long.MAX_VALUE ? -1 : limit;
    }

    /** The lowest limit in {@code file} from {@code cgroup} (under {@code root}) up to {@code root}. */
    private static long lowest(Path root, String cgroup, String file) {
        long lowest = Long.MAX_VALUE;
        Path dir = root;
        List<Path> chain = new ArrayList<>();
        chain.add(root);
        for (String part : cgroup.split("/")) {
            if (!part.isEmpty()) {
                dir = dir.resolve(part);
                chain.add(dir);
            }
        }
        for (Path d : chain) {
            try {
                long bytes = number(text(d.resolve(file)));
                // "max" (v2) reads as -1; v1's "no limit" is close to Long.MAX_VALUE
                if (bytes > 0 && bytes < NO_LIMIT) {
                    lowest = Math.min(lowest, bytes);
                }
            } catch (IOException | RuntimeException e) {
                // inside a container the host's path may not exist below the namespace's root: skip the level
            }
        }
        return lowest;
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
     * A small /proc or /sys file as text, at most {@link #MAX_FILE_BYTES}. Not {@code Files.readString}: these files
     * report a size of 0, and for some (/proc/sys) the JDK then reads a single byte.
     */
    private static String text(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_FILE_BYTES), StandardCharsets.ISO_8859_1);
        }
    }
}

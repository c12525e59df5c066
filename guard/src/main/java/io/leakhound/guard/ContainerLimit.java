package io.leakhound.guard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The memory limit of the container this process runs in, from the cgroup file system: v2's
 * {@code memory.max} (of the process's own group, named in {@code /proc/self/cgroup}, else the root's) or
 * v1's {@code memory/memory.limit_in_bytes}. Empty when there is none: no cgroup file system, {@code max},
 * or v1's "unlimited" (a number near 2^63).
 */
final class ContainerLimit {
    /** v1 writes "no limit" as the largest page-aligned long; anything above 2^60 bytes is no limit. */
    private static final long UNLIMITED = 1L << 60;

    private ContainerLimit() {
    }

    /**
     * @param cgroupRoot  where the cgroup file system is mounted ({@code /sys/fs/cgroup})
     * @param procCgroup  the process's {@code /proc/self/cgroup}, which names its group; may be missing
     */
    static OptionalLong read(Path cgroupRoot, Path procCgroup) {
        try {
            for (String group : ownGroups(procCgroup)) {
                OptionalLong own = parse(cgroupRoot.resolve(group).resolve("memory.max"));
                if (own.isPresent()) {
                    return own;
                }
            }
            OptionalLong v2 = parse(cgroupRoot.resolve("memory.max"));
            if (v2.isPresent()) {
                return v2;
            }
            return parse(cgroupRoot.resolve("memory").resolve("memory.limit_in_bytes"));
        } catch (RuntimeException e) {
            return OptionalLong.empty(); // an odd cgroup layout means no limit known, never a failure in the host
        }
    }

    /** The v2 group paths of {@code 0::/kubepods/...} lines, relative. */
    private static List<String> ownGroups(Path procCgroup) {
        try {
            return Files.readAllLines(procCgroup).stream()
                    .filter(line -> line.startsWith("0::/") && line.length() > 4)
                    .map(line -> line.substring(4))
                    .toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static OptionalLong parse(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return OptionalLong.empty();
            }
            String text = Files.readString(file).trim();
            if (text.isEmpty() || text.equals("max")) {
                return OptionalLong.empty();
            }
            long bytes = Long.parseLong(text);
            return bytes > 0 && bytes < UNLIMITED ? OptionalLong.of(bytes) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}

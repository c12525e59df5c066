package io.leakhound.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cgroup memory limit on a fake cgroup file system and a fake {@code /proc/self/cgroup}. */
class CgroupMemoryLimitTest {
    @TempDir
    Path root;

    @Test
    void cgroupV2_ownGroupsMemoryMax() throws Exception {
        Path group = Files.createDirectories(root.resolve("kubepods/pod1/c1"));
        Files.writeString(group.resolve("memory.max"), "536870912\n");
        Path proc = Files.writeString(root.resolve("proc-self-cgroup"), "0::/kubepods/pod1/c1\n");

        assertThat(CgroupMemoryLimit.read(root, proc)).isEqualTo(536_870_912);
    }

    @Test
    void cgroupV2_aParentsLimitBindsAChildWhoseOwnIsMax() throws Exception {
        Path child = Files.createDirectories(root.resolve("kubepods/pod1/c1"));
        Files.writeString(child.resolve("memory.max"), "max\n");
        Files.writeString(root.resolve("kubepods/pod1/memory.max"), "1073741824\n");
        Path proc = Files.writeString(root.resolve("proc-self-cgroup"), "0::/kubepods/pod1/c1\n");

        assertThat(CgroupMemoryLimit.read(root, proc)).isEqualTo(1L << 30);
    }

    @Test
    void cgroupV2_maxMeansNoLimit() throws Exception {
        Files.writeString(root.resolve("memory.max"), "max\n");
        Path proc = Files.writeString(root.resolve("proc-self-cgroup"), "0::/\n");

        assertThat(CgroupMemoryLimit.read(root, proc)).isEqualTo(-1);
    }

    @Test
    void cgroupV1_limitInBytes_andItsUnlimitedValue() throws Exception {
        Path memory = Files.createDirectories(root.resolve("memory/docker/abc"));
        Path proc = Files.writeString(root.resolve("proc-self-cgroup"), "12:memory:/docker/abc\n5:cpu,cpuacct:/docker/abc\n");
        Files.writeString(memory.resolve("memory.limit_in_bytes"), "1073741824\n");
        assertThat(CgroupMemoryLimit.read(root, proc)).isEqualTo(1L << 30);

        Files.writeString(memory.resolve("memory.limit_in_bytes"), "9223372036854771712\n");
        assertThat(CgroupMemoryLimit.read(root, proc)).isEqualTo(-1);
    }

    @Test
    void noCgroupFiles_orGarbage_meanNoLimit() throws Exception {
        assertThat(CgroupMemoryLimit.read(root, root.resolve("missing"))).isEqualTo(-1);
        Files.writeString(root.resolve("memory.max"), "lots\n");
        Path proc = Files.writeString(root.resolve("proc-self-cgroup"), "0::/\n");
        assertThat(CgroupMemoryLimit.read(root, proc)).isEqualTo(-1);
    }
}

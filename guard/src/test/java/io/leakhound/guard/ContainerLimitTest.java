package io.leakhound.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerLimitTest {
    @TempDir
    Path root;

    @Test
    void cgroupV2_ownGroupsMemoryMax() throws Exception {
        Path group = Files.createDirectories(root.resolve("kubepods/pod1/c1"));
        Files.writeString(group.resolve("memory.max"), "536870912\n");
        Path proc = Files.writeString(root.resolve("proc-self-cgroup"), "0::/kubepods/pod1/c1\n");

        assertThat(ContainerLimit.read(root, proc)).isEqualTo(OptionalLong.of(536_870_912));
    }

    @Test
    void cgroupV2_maxMeansNoLimit() throws Exception {
        Files.writeString(root.resolve("memory.max"), "max\n");

        assertThat(ContainerLimit.read(root, root.resolve("missing"))).isEmpty();
    }

    @Test
    void cgroupV1_limitInBytes_andItsUnlimitedValue() throws Exception {
        Path memory = Files.createDirectories(root.resolve("memory"));
        Files.writeString(memory.resolve("memory.limit_in_bytes"), "1073741824\n");
        assertThat(ContainerLimit.read(root, root.resolve("missing"))).isEqualTo(OptionalLong.of(1L << 30));

        Files.writeString(memory.resolve("memory.limit_in_bytes"), "9223372036854771712\n");
        assertThat(ContainerLimit.read(root, root.resolve("missing"))).isEmpty();
    }

    @Test
    void noCgroupFiles_orGarbage_meanNoLimit() throws Exception {
        assertThat(ContainerLimit.read(root, root.resolve("missing"))).isEmpty();
        Files.writeString(root.resolve("memory.max"), "lots\n");
        assertThat(ContainerLimit.read(root, root.resolve("missing"))).isEmpty();
    }
}

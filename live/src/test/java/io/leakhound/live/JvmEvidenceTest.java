package io.leakhound.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmEvidenceTest {

    @TempDir
    Path dir;

    @Test
    void unreadableMaps_isNoProofOfAJvm() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            // a /proc without the process's maps (as for another user's process when not root) and an empty /tmp
            Path proc = Files.createDirectories(dir.resolve("proc").resolve(Long.toString(sleep.pid())));
            Path tmp = Files.createDirectories(dir.resolve("tmp"));
            assertThat(new JvmEvidence(proc.getParent(), tmp).of(sleep.pid())).isEmpty();
            assertThat(sleep.isAlive()).isTrue();
        } finally {
            sleep.destroy();
        }
    }

    @Test
    void realNonJvm_hasNoMark_attachRefusedAndItStaysAlive() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            assertThat(JvmEvidence.ofThisMachine().of(sleep.pid())).isEmpty();
            assertThat(JvmConnection.looksLikeJvm(sleep.pid())).isFalse();
            assertThatThrownBy(() -> JvmConnection.attach(sleep.pid())).isInstanceOf(LiveJvmException.class)
                    .hasMessageContaining("cannot be proven to be one");
            Thread.sleep(200);
            assertThat(sleep.isAlive()).isTrue();
        } finally {
            sleep.destroy();
        }
    }

    @Test
    void thisJvm_isProvenByItsPerfDataOrExecutable() {
        assertThat(JvmEvidence.ofThisMachine().of(ProcessHandle.current().pid())).isPresent();
    }

    @Test
    void attachSocketInTheTargetsRootTmp_isProof() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            Path proc = dir.resolve("proc");
            Path containerTmp = Files.createDirectories(proc.resolve(sleep.pid() + "/root/tmp"));
            Files.createFile(containerTmp.resolve(".java_pid" + sleep.pid()));
            assertThat(new JvmEvidence(proc, Files.createDirectories(dir.resolve("tmp"))).of(sleep.pid()))
                    .contains(JvmEvidence.Mark.ATTACH_SOCKET);
        } finally {
            sleep.destroy();
        }
    }

    @Test
    void hsperfdataOfTheNamespacePid_isProof() throws Exception {
        Path proc = dir.resolve("proc");
        Files.createDirectories(proc.resolve("4242"));
        Files.writeString(proc.resolve("4242/status"), "Name:\tjava\nNSpid:\t4242\t1\n");
        Path perf = Files.createDirectories(proc.resolve("4242/root/tmp/hsperfdata_app"));
        Files.createFile(perf.resolve("1"));
        assertThat(new JvmEvidence(proc, Files.createDirectories(dir.resolve("tmp"))).of(4242))
                .contains(JvmEvidence.Mark.HSPERFDATA);
    }
}

package io.leakhound.agent.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The jar's entry point must load on any JVM that takes a -javaagent, and refuse the old ones itself. */
class AgentBootTest {

    @Test
    void entryPoint_isJava8Bytecode() throws Exception {
        try (InputStream in = AgentBoot.class.getResourceAsStream("AgentBoot.class");
             DataInputStream data = new DataInputStream(in)) {
            assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
            data.readUnsignedShort(); // minor
            assertThat(data.readUnsignedShort()).as("class file major version (52 = Java 8)").isEqualTo(52);
        }
    }

    @Test
    void featureRelease_ofOldAndNewSpecVersions() {
        assertThat(AgentBoot.feature("1.8")).isEqualTo(8);
        assertThat(AgentBoot.feature("11")).isEqualTo(11);
        assertThat(AgentBoot.feature("17")).isEqualTo(17);
        assertThat(AgentBoot.feature("x")).isZero();
        assertThat(AgentBoot.feature("16")).isLessThan(AgentBoot.LEAKHOUND_JAVA);
    }
}

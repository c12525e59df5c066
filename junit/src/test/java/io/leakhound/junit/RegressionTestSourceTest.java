package io.leakhound.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.heap.RegressionTestSource;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test {@code diff --junit-test} prints compiles against leakhound-junit and JUnit 5 as a user has them, and
 * its holder check reaches the field the dump named.
 */
class RegressionTestSourceTest {

    /** A holder as a service has one: a static list in a nested class. */
    static final class Registry {
        static final List<byte[]> ENTRIES = new ArrayList<>();
        final java.util.Map<String, Object> sessions = new java.util.HashMap<>();
    }

    @TempDir
    Path dir;

    @Test
    void staticHolder_compilesAndItsHolderCheckReadsTheLiveField() throws Exception {
        String source = RegressionTestSource.of("static io.leakhound.junit.RegressionTestSourceTest$Registry.ENTRIES",
                "java.util.ArrayList", "byte[]", "ENTRIES grew from 10 to 300 byte[]");
        Class<?> test = compile(source, "io.leakhound.junit.RegressionTestSourceTestRegistryEntriesLeakTest");
        Registry.ENTRIES.add(new byte[1]);

        Method holder = test.getDeclaredMethod("holder");
        holder.setAccessible(true);
        Method size = test.getDeclaredMethod("size", Object.class);
        size.setAccessible(true);

        assertThat(holder.invoke(null)).isSameAs(Registry.ENTRIES);
        assertThat(size.invoke(null, Registry.ENTRIES)).isEqualTo((long) Registry.ENTRIES.size());
    }

    @Test
    void instanceFieldAndThreadHolders_compile() throws Exception {
        compile(RegressionTestSource.of("io.leakhound.junit.RegressionTestSourceTest$Registry.sessions",
                "java.util.HashMap", "java.lang.Object", "sessions grew"),
                "io.leakhound.junit.RegressionTestSourceTestRegistrySessionsLeakTest");
        compile(RegressionTestSource.of("thread pool-1-thread-1", "java.lang.ThreadLocal$ThreadLocalMap", "byte[]",
                "a thread's locals grew"), "HolderLeakTest");
    }

    private Class<?> compile(String source, String className) throws Exception {
        Path file = dir.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        Files.writeString(file, source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.StringWriter errors = new java.io.StringWriter();
        boolean compiled = javac.getTask(errors, null, null,
                List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(file)).call();
        assertThat(compiled).as(errors + "\n" + source).isTrue();
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        return Class.forName(className, false, loader);
    }
}

package io.leakhound.junit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

import static io.leakhound.junit.LeakAssertions.assertNoClassLoaderLeak;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClassLoaderLeakTest {

    /** Plugins a host keeps after reloading them. */
    static final class PluginHost {
        static final List<Class<?>> LOADED = new ArrayList<>();
    }

    @AfterEach
    void release() {
        PluginHost.LOADED.clear();
    }

    /** Loads {@link PluginFixture} in a new loader that defines it itself (its parent is the platform loader). */
    private static Class<?> loadPlugin(URLClassLoader loader) {
        try {
            Class<?> plugin = loader.loadClass(PluginFixture.class.getName());
            assertThat(plugin.getClassLoader()).isSameAs(loader);
            return plugin;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URLClassLoader newLoader() {
        URL classes = PluginFixture.class.getProtectionDomain().getCodeSource().getLocation();
        return new URLClassLoader("plugins", new URL[] {classes}, ClassLoader.getPlatformClassLoader());
    }

    @Test
    void assertNoClassLoaderLeak_pluginClassKept_failsWithThePath() {
        assertThatThrownBy(() -> assertNoClassLoaderLeak(() -> PluginHost.LOADED.add(loadPlugin(newLoader()))))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("1 class loader created by the body still reachable after a full GC:")
                .hasMessageContaining("java.net.URLClassLoader defining io.leakhound.junit.PluginFixture held by "
                        + "static io.leakhound.junit.ClassLoaderLeakTest$PluginHost.LOADED");
    }

    @Test
    void assertNoClassLoaderLeak_loaderClosedAndDropped_passes() {
        assertNoClassLoaderLeak(() -> {
            try (URLClassLoader loader = newLoader()) {
                assertThat(loadPlugin(loader).getName()).isEqualTo(PluginFixture.class.getName());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}

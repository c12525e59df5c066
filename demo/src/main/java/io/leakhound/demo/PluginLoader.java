package io.leakhound.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A class loader that defines its own copy of {@link DemoPlugin} from the class file bytes, the way a
 * plugin framework reloads a plugin. Every instance therefore owns a class (and its metaspace) that is
 * freed only when the loader becomes unreachable.
 */
final class PluginLoader extends ClassLoader {
    static final String PLUGIN_CLASS = DemoPlugin.class.getName();
    private static final byte[] PLUGIN_BYTES = readPluginBytes();

    static {
        registerAsParallelCapable();
    }

    PluginLoader(ClassLoader parent) {
        super("plugin", parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!PLUGIN_CLASS.equals(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                // child-first for the plugin: delegating would return the application's single copy
                loaded = defineClass(name, PLUGIN_BYTES, 0, PLUGIN_BYTES.length);
            }
            return loaded;
        }
    }

    /** Loads a fresh copy of the plugin and instantiates it. */
    static Runnable loadPlugin(ClassLoader parent) {
        try {
            Class<?> type = new PluginLoader(parent).loadClass(PLUGIN_CLASS);
            return (Runnable) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the demo plugin " + PLUGIN_CLASS, e);
        }
    }

    private static byte[] readPluginBytes() {
        String resource = "/" + PLUGIN_CLASS.replace('.', '/') + ".class";
        try (InputStream in = PluginLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("class file " + resource + " not found on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}

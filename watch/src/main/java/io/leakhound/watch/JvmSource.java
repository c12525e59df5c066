package io.leakhound.watch;

import io.leakhound.live.JvmConnection;
import io.leakhound.live.LiveJvmException;
import java.lang.management.RuntimeMXBean;

/** Where a watched JVM's readings come from ({@code watch --source}). */
public enum JvmSource {
    /** A flight recording stream where the target can stream one (Java 16 and later), JMX before that. */
    AUTO,
    /** A flight recording stream ({@link JvmProbe}): every collection with its generations, no polling. */
    JFR,
    /** The platform MXBeans, polled ({@link JmxProbe}): any Java, nothing recorded in the JVM. */
    JMX;

    /** Opens the probe this source stands for on an attached JVM. */
    public ProcessProbe open(JvmConnection jvm, Watcher.Settings settings) throws LiveJvmException {
        return switch (resolve(jvm)) {
            case JMX -> JmxProbe.open(jvm, settings.interval());
            default -> JvmProbe.open(jvm, settings);
        };
    }

    /** {@link #JFR} or {@link #JMX}: what {@link #AUTO} means for this JVM. */
    public JvmSource resolve(JvmConnection jvm) throws LiveJvmException {
        if (this != AUTO) {
            return this;
        }
        String version;
        try {
            version = jvm.platformMXBean(RuntimeMXBean.class).getSpecVersion();
        } catch (RuntimeException e) {
            throw new LiveJvmException(jvm.pid(), "cannot be read over JMX: " + e, e);
        }
        return JvmProbe.featureVersion(version) >= JvmProbe.STREAMING_SINCE ? JFR : JMX;
    }
}

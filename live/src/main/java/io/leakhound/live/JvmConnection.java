package io.leakhound.live;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.Closeable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.PlatformManagedObject;
import java.lang.management.RuntimeMXBean;
import java.util.Optional;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A JMX connection to a running JVM on this machine, found by its pid: the JDK's Attach API starts the
 * target's local management agent (as {@code jcmd PID ManagementAgent.start_local} would), and this class
 * connects to it. The one way leakhound reaches a live JVM; recordings ({@link LeakRecorder}) and live
 * watching build on {@link #mbeans()}.
 *
 * <p>Cost: attaching takes some tens of milliseconds (up to the Attach API's 10 s timeout when the target
 * does not answer); the agent, once started, stays in the target (it listens only locally, and the JDK has
 * no way to stop it), everything else is released by {@link #close()}. Not safe for concurrent closing;
 * the connection itself may be used from several threads, as JMX allows.
 */
public final class JvmConnection implements Closeable {

    private final long pid;
    private final JMXConnector connector;
    private final MBeanServerConnection mbeans;

    private JvmConnection(long pid, JMXConnector connector, MBeanServerConnection mbeans) {
        this.pid = pid;
        this.connector = connector;
        this.mbeans = mbeans;
    }

    /**
     * Attaches to the JVM with the given pid and connects to its platform MBean server.
     *
     * @throws LiveJvmException when there is no such process, it is not a JVM, it belongs to another user, it
     *                          refuses attach (e.g. {@code -XX:+DisableAttachMechanism}, another container),
     *                          or its management agent cannot be reached; the message says what to try
     */
    public static JvmConnection attach(long pid) throws LiveJvmException {
        if (pid <= 0) {
            throw new LiveJvmException(pid, "not a valid process id (expected a positive number)");
        }
        if (pid == ProcessHandle.current().pid()) {
            throw new LiveJvmException(pid, "is leakhound itself; give the pid of the JVM to record (see jps)");
        }
        ProcessHandle process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .orElseThrow(() -> new LiveJvmException(pid, "no such process (see jps for the running JVMs)"));
        checkSameUser(pid, process);
        checkLooksLikeJvm(pid, process);
        String address = startLocalAgent(pid);
        JMXConnector connector = null;
        try {
            connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
            return new JvmConnection(pid, connector, connector.getMBeanServerConnection());
        } catch (IOException | RuntimeException e) {
            closeQuietly(connector);
            throw new LiveJvmException(pid, "its management agent at " + address + " cannot be reached: " + e, e);
        }
    }

    /**
     * The JVM this code runs in, through its own platform MBean server: what an agent inside the watched JVM
     * uses where a watch from outside attaches ({@link #attach(long)}). Costs nothing; {@link #close()} does
     * nothing.
     */
    public static JvmConnection self() {
        return new JvmConnection(ProcessHandle.current().pid(), null, ManagementFactory.getPlatformMBeanServer());
    }

    /** The pid of the JVM. */
    public long pid() {
        return pid;
    }

    /** The JVM's platform MBean server; valid until {@link #close()}. */
    public MBeanServerConnection mbeans() {
        return mbeans;
    }

    /**
     * A proxy of one of the JVM's platform MXBeans ({@code MemoryMXBean}, {@code RuntimeMXBean}...).
     *
     * @throws LiveJvmException when the JVM has no such MXBean or cannot be reached
     */
    public <T extends PlatformManagedObject> T platformMXBean(Class<T> type) throws LiveJvmException {
        try {
            return ManagementFactory.getPlatformMXBean(mbeans, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new LiveJvmException(pid, "has no " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The JVM in words, e.g. {@code OpenJDK 64-Bit Server VM 17.0.9+9}, for messages and reports. */
    public String description() throws LiveJvmException {
        try {
            RuntimeMXBean runtime = platformMXBean(RuntimeMXBean.class);
            return runtime.getVmName() + " " + runtime.getSpecVersion() + " (" + runtime.getVmVersion() + ")";
        } catch (RuntimeException e) {
            // a proxy reports a lost connection as an unchecked exception
            throw lost(e);
        }
    }

    /** Whether the JVM is still running (a failed call is then the connection's fault, not the JVM's exit). */
    public boolean isAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The exception for a JMX call that failed: the JVM exited, or the connection broke. */
    LiveJvmException lost(Exception e) {
        return new LiveJvmException(pid, isAlive() ? "the JMX connection failed: " + e
                : "the JVM has exited (a recording in progress ends with it)", e);
    }

    /**
     * Closes the connection. A JVM that has exited cannot be told goodbye: the failure to reach it is then no
     * failure of closing (it would otherwise turn a watch that ended with its target into an error).
     */
    @Override
    public void close() throws IOException {
        if (connector == null) {
            return; // the own JVM: nothing to disconnect
        }
        try {
            connector.close();
        } catch (IOException e) {
            // refused: the JVM is exiting (its JMX server stops before its process ends), as good as gone
            if (isAlive() && !(e instanceof java.rmi.ConnectException)) {
                throw e;
            }
        }
    }

    // the JVM accepts attach only from its own user (or root): say so instead of the Attach API's timeout
    private static void checkSameUser(long pid, ProcessHandle process) throws LiveJvmException {
        Optional<String> owner = process.info().user();
        String me = System.getProperty("user.name");
        if (owner.isPresent() && !owner.get().equals(me) && !"root".equals(me)) {
            throw new LiveJvmException(pid, "belongs to user " + owner.get() + " and leakhound runs as " + me
                    + "; a JVM accepts attach only from its own user: run leakhound as " + owner.get()
                    + " (e.g. sudo -u " + owner.get() + " leakhound ...)");
        }
    }

    /*
     * The Attach API signals the target with SIGQUIT, which ends a process that is not a JVM: signal only a
     * process proven to be one.
     */
    private static void checkLooksLikeJvm(long pid, ProcessHandle process) throws LiveJvmException {
        if (!looksLikeJvm(pid)) {
            String command = process.info().command().orElse("?");
            throw new LiveJvmException(pid, "is not a Java virtual machine, or cannot be proven to be one (" + command
                    + " has no attach socket /tmp/.java_pid" + pid + ", no hsperfdata file, is not a java"
                    + " executable and has no libjvm mapped); leakhound does not signal a process it cannot prove"
                    + " to be a JVM: give the pid of a JVM (see jps), run as its user, or inside its container");
        }
    }

    /**
     * Whether the process is proven to be a JVM without signalling it (see {@link JvmEvidence}). False when
     * this cannot be told (no /proc, another user's files): a SIGQUIT to a process that is not a JVM ends it.
     */
    public static boolean looksLikeJvm(long pid) {
        return JvmEvidence.ofThisMachine().of(pid).isPresent();
    }

    private static String startLocalAgent(long pid) throws LiveJvmException {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException | IOException e) {
            throw new LiveJvmException(pid, "refused attach (" + e.getMessage() + "); check that it was not started"
                    + " with -XX:+DisableAttachMechanism, that it has finished starting, and, for a JVM in a"
                    + " container, run leakhound inside that container (docker exec / kubectl exec)", e);
        }
        try {
            return vm.startLocalManagementAgent();
        } catch (IOException | RuntimeException e) {
            throw new LiveJvmException(pid, "could not start its local management agent: " + e.getMessage(), e);
        } finally {
            try {
                vm.detach();
            } catch (IOException e) {
                // the agent is started or not: a failed detach leaves nothing behind in the target
            }
        }
    }

    private static void closeQuietly(JMXConnector connector) {
        if (connector != null) {
            try {
                connector.close();
            } catch (IOException e) {
                // already failing: the first error is the one to report
            }
        }
    }
}

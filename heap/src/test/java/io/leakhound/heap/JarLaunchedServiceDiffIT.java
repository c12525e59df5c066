package io.leakhound.heap;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.common.eventbus.EventBus;
import io.leakhound.heap.graph.Progress;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ReferenceCounted;
import net.bytebuddy.ByteBuddy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Diffs of services made the way users make them: a jar compiled from {@code src/test/resources/services},
 * launched with {@code java -Xmx64m -cp app.jar:libs... shop.Main} on a real JDK and collector, leaking in
 * steps on command, dumped once by {@code HotSpotDiagnosticMXBean.dumpHeap} inside the service and once by
 * {@code jcmd GC.heap_dump}. The first growth suspect must be the holder a person would fix (never a class
 * loader), and {@code heap} on the later dump must name the same holder.
 */
class JarLaunchedServiceDiffIT {
    private static final Path JDK17 = Path.of(System.getProperty("java.home"));
    private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    private static final Map<ServiceCase, Path> JARS = new ConcurrentHashMap<>();

    @TempDir
    static Path work;

    enum Collector {
        G1("-XX:+UseG1GC"), PARALLEL("-XX:+UseParallelGC"), SERIAL("-XX:+UseSerialGC"), Z("-XX:+UseZGC"),
        SHENANDOAH("-XX:+UseShenandoahGC");

        final String flag;

        Collector(String flag) {
            this.flag = flag;
        }
    }

    /** Which tool writes the first dump; the other writes the second, so both tools' dumps are diffed. */
    enum DumpOrder { MXBEAN_THEN_JCMD, JCMD_THEN_MXBEAN }

    /**
     * A service leaking in one pattern, and what a person would fix: the field holding the growing
     * collection and the class of its elements.
     */
    enum ServiceCase {
        STATIC_LIST_OF_NESTED_CLASS("staticlist", List.of(),
                "static shop.Main$Registry.ENTRIES", "byte[]", FixAdvice.Pattern.UNBOUNDED_COLLECTION),
        SINGLETON_INSTANCE_MAP("singleton", List.of(),
                "shop.Main$Registry.sessions", "shop.Main$Session", FixAdvice.Pattern.UNBOUNDED_MAP),
        GUAVA_EVENT_BUS_SUBSCRIBERS("eventbus",
                List.of(EventBus.class, com.google.common.util.concurrent.internal.InternalFutureFailureAccess.class),
                // Guava wraps each listener in a Subscriber (synchronized: no @AllowConcurrentEvents); what a
                // person fixes is the bus they register on and never unregister from
                "static shop.Main$Events.BUS", "com.google.common.eventbus.Subscriber$SynchronizedSubscriber",
                FixAdvice.Pattern.LISTENER),
        CAFFEINE_UNBOUNDED_CACHE("caffeine", List.of(Caffeine.class),
                "static shop.Main$Prices.CACHE", "byte[]", FixAdvice.Pattern.UNBOUNDED_MAP),
        // each generated class lives in its own ByteBuddy class loader, so the loaders' class lists
        // legitimately hold them; what a person fixes is the list that keeps every generated class
        BYTE_BUDDY_CLASS_PER_REQUEST("bytebuddy", List.of(ByteBuddy.class),
                "static shop.Main$Proxies.GENERATED", "java.lang.Class", FixAdvice.Pattern.CLASS_LOADER),
        // the direct memory is off-heap; on the heap the leak is the list of PooledByteBuf handles
        NETTY_POOLED_BUFFERS_NEVER_RELEASED("netty", List.of(PooledByteBufAllocator.class, ReferenceCounted.class),
                "static shop.Main$Connections.PENDING", "io.netty.buffer.PooledUnsafeDirectByteBuf",
                FixAdvice.Pattern.DIRECT_BUFFER);

        final String sources;
        final List<Class<?>> libraries;
        final String holderReference;
        final String elementClass;
        final FixAdvice.Pattern pattern;

        ServiceCase(String sources, List<Class<?>> libraries, String holderReference, String elementClass,
                    FixAdvice.Pattern pattern) {
            this.sources = sources;
            this.libraries = libraries;
            this.holderReference = holderReference;
            this.elementClass = elementClass;
            this.pattern = pattern;
        }
    }

    static Stream<Arguments> services() {
        List<Arguments> runs = new ArrayList<>();
        int run = 0;
        for (Path jdk : List.of(JDK17, JDK25)) {
            for (Collector collector : Collector.values()) {
                runs.add(Arguments.of(ServiceCase.STATIC_LIST_OF_NESTED_CLASS, jdk, collector,
                        DumpOrder.values()[run++ % 2]));
            }
        }
        for (ServiceCase service : ServiceCase.values()) {
            if (service != ServiceCase.STATIC_LIST_OF_NESTED_CLASS) {
                runs.add(Arguments.of(service, JDK17, Collector.G1, DumpOrder.values()[run++ % 2]));
            }
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0} on {1} with {2}, {3}")
    @MethodSource("services")
    void firstGrowthSuspectIsTheHolderAPersonWouldFix(ServiceCase service, Path jdk, Collector collector,
                                                      DumpOrder order) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(jdk.resolve("bin/java")), jdk + " is not installed");
        Assumptions.assumeTrue(runs(jdk, collector), collector.flag + " is not supported by " + jdk);
        String name = service + "-" + jdk.getFileName() + "-" + collector + "-";
        Path before = work.resolve(name + "before.hprof");
        Path after = work.resolve(name + "after.hprof");

        try (RunningService running = RunningService.start(jar(service), service, jdk, collector)) {
            running.command("leak");
            running.dump(before, order == DumpOrder.MXBEAN_THEN_JCMD);
            running.command("leak");
            running.command("leak");
            running.dump(after, order != DumpOrder.MXBEAN_THEN_JCMD);
        }

        HeapDiff diff = new HeapDiffer().compare(List.of(before, after), work, Progress.NONE);
        HeapDiff.GrowthSuspect first = diff.suspects().get(0);
        String described = first.holderReference() + " (" + first.holderClass() + ") holds "
                + first.elementCounts() + " " + first.elementClass() + ", retained " + first.retainedBytes();
        System.out.println(name + " diff: " + described + " warnings " + diff.warnings());
        assertThat(first.holderReference()).as(described).isEqualTo(service.holderReference);
        assertThat(first.elementClass()).as(described).isEqualTo(service.elementClass);
        assertThat(first.holderReference()).as(described).doesNotContain("ClassLoader");
        assertThat(diff.warnings()).as("two dumps of one JVM").noneMatch(w -> w.contains("different JVM layouts"));

        LeakSuspect heap = new HeapAnalyzer(5, 0).analyze(after, work, Progress.NONE).suspects().get(0);
        System.out.println(name + " heap: " + heap.holderReference() + " holds " + heap.elementCount() + " "
                + heap.elementClass());
        assertThat(heap.holderReference()).isEqualTo(first.holderReference());
        assertThat(heap.elementClass()).isEqualTo(first.elementClass());

        assertThat(first.countAfter()).as(described).isGreaterThan(first.countBefore());
        // the pattern and its advice, the same from heap and from diff, naming the holder to fix
        assertThat(first.fixAdvice()).as(described).hasValueSatisfying(advice -> {
            assertThat(advice.pattern()).isEqualTo(service.pattern);
            assertThat(advice.advice()).startsWith(service.holderReference);
        });
        assertThat(heap.fixAdvice().map(FixAdvice::pattern)).hasValue(service.pattern);
    }

    private static boolean runs(Path jdk, Collector collector) throws IOException, InterruptedException {
        Process probe = new ProcessBuilder(jdk.resolve("bin/java").toString(), collector.flag, "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
    }

    /** Compiles the case's sources with the shared command loop and jars them, once per case. */
    private static Path jar(ServiceCase service) {
        return JARS.computeIfAbsent(service, s -> {
            try {
                return buildJar(s);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Path buildJar(ServiceCase service) throws IOException {
        Path classes = Files.createDirectories(work.resolve(service.sources + "-classes"));
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-d", classes.toString()));
        if (!service.libraries.isEmpty()) {
            arguments.addAll(List.of("-cp", classpath(service)));
        }
        for (String dir : List.of("common", service.sources)) {
            try (Stream<Path> files = Files.walk(resource("services/" + dir))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> arguments.add(f.toString()));
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int exit = javac.run(null, null, null, arguments.toArray(String[]::new));
        assertThat(exit).as("javac " + arguments).isZero();

        Path jar = work.resolve(service.sources + ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** The libraries as the test itself has them: the jars Maven resolved for the test classpath. */
    private static String classpath(ServiceCase service) {
        return String.join(java.io.File.pathSeparator, service.libraries.stream()
                .map(c -> {
                    try {
                        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
                    } catch (URISyntaxException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList());
    }

    private static Path resource(String name) {
        try {
            return Path.of(JarLaunchedServiceDiffIT.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The child JVM and its command loop ({@code shop.Service}). */
    private record RunningService(Process process, Path jdk, PrintWriter commands, BufferedReader answers)
            implements AutoCloseable {

        static RunningService start(Path jar, ServiceCase service, Path jdk, Collector collector) throws IOException {
            String classpath = jar + (service.libraries.isEmpty() ? "" : java.io.File.pathSeparator + classpath(service));
            Process process = new ProcessBuilder(jdk.resolve("bin/java").toString(), "-Xmx64m", collector.flag,
                    "-cp", classpath, "shop.Main")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            OutputStream stdin = process.getOutputStream();
            RunningService running = new RunningService(process, jdk,
                    new PrintWriter(stdin, true, StandardCharsets.UTF_8),
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
            running.expect("ready");
            return running;
        }

        void command(String line) throws IOException {
            commands.println(line);
            expect("ok");
        }

        void dump(Path file, boolean byMxBean) throws IOException, InterruptedException {
            if (byMxBean) {
                command("dump " + file);
                return;
            }
            Process jcmd = new ProcessBuilder(jdk.resolve("bin/jcmd").toString(), Long.toString(process.pid()),
                    "GC.heap_dump", file.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(jcmd.waitFor(60, TimeUnit.SECONDS)).as("jcmd finished").isTrue();
            assertThat(jcmd.exitValue()).as("jcmd exit").isZero();
            assertThat(file).exists();
        }

        private void expect(String answer) throws IOException {
            String line = answers.readLine();
            assertThat(line).as("service answer (exit " + (process.isAlive() ? "running" : process.exitValue()) + ")")
                    .isEqualTo(answer);
        }

        @Override
        public void close() throws InterruptedException {
            commands.println("quit");
            commands.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}

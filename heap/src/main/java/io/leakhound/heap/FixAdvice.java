package io.leakhound.heap;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which leak pattern a holder shows, and what to do about it: two or three sentences naming the holder, with
 * the well-kept remedy where one exists. Recognised from the holder's shape alone (its reference, class, the
 * collections it wraps, the path to it and the class of its elements), which {@link LeakSuspect} of
 * {@code heap} and {@link HeapDiff.GrowthSuspect} of {@code diff} (and so the watch's captures and the JUnit
 * extension) both carry: one recogniser for all of them.
 *
 * <p>The order of the checks is the order of specificity: what the path runs through (a thread's
 * {@code ThreadLocalMap}, soft references) says more than the holder's collection type, and the elements'
 * class (listeners, threads, classes, direct buffers, lambdas) more than whether it is a map or a list.
 *
 * @param pattern what was recognised
 * @param advice  what to do, naming the holder
 */
public record FixAdvice(Pattern pattern, String advice) {

    /** The leak patterns of the field guide, by the name the JSON carries. */
    public enum Pattern {
        LISTENER("listener"),
        UNBOUNDED_MAP("unbounded-map"),
        UNBOUNDED_COLLECTION("unbounded-collection"),
        THREAD_LOCAL("thread-local"),
        CLASS_LOADER("class-loader"),
        THREAD("thread"),
        DIRECT_BUFFER("direct-buffer"),
        SOFT_CACHE("soft-cache"),
        CLOSURE("closure");

        private final String id;

        Pattern(String id) {
            this.id = id;
        }

        /** The name in the JSON and the text: {@code unbounded-map}. */
        public String id() {
            return id;
        }
    }

    /** The advice as one line of text, as every text report prints it: {@code fix (listener): ...}. */
    public String line() {
        return "fix (" + pattern.id() + "): " + advice;
    }

    /**
     * @param holderReference how the holder is referenced ({@code static com.acme.Bus.LISTENERS})
     * @param holderClass     the holder's class
     * @param inside          the collections the holder wraps, outermost first
     * @param path            the path from the root (or the last static field) to the accumulation point
     * @param elementClass    the class that accumulates, or null when unknown
     * @return the pattern and advice, or empty when the shape matches none (a single big object)
     */
    public static Optional<FixAdvice> of(String holderReference, String holderClass, List<String> inside,
                                         List<String> path, String elementClass) {
        String holder = holderReference == null || holderReference.isBlank() ? holderClass : holderReference;
        String element = elementClass == null ? "" : elementClass;
        String shape = String.join(" ", path) + " " + holderClass + " " + String.join(" ", inside);
        String elements = simpleName(element);
        if (shape.contains("ThreadLocal$ThreadLocalMap") || element.endsWith("ThreadLocal$ThreadLocalMap$Entry")) {
            return advice(Pattern.THREAD_LOCAL, holder + " keeps " + elements + " in a ThreadLocal of threads that"
                    + " outlive each task (a pool's threads never end): call remove() in a finally block after each"
                    + " use (try { local.set(v); ... } finally { local.remove(); }), or pass the value as an argument.");
        }
        if (shape.contains("java.lang.ref.SoftReference") || element.equals("java.lang.ref.SoftReference")) {
            return advice(Pattern.SOFT_CACHE, holder + " caches " + elements + " behind soft references, which are"
                    + " cleared only when the heap is nearly full, so the cache grows to the heap's limit and makes"
                    + " every GC near it long: bound it by size instead (Caffeine maximumSize or maximumWeight).");
        }
        if (element.equals("java.lang.Class") || isClassLoader(element) || isClassLoader(holderClass)) {
            return advice(Pattern.CLASS_LOADER, holder + " keeps " + elements + " (and with each, its class loader"
                    + " and every class it loaded) alive: generate or load such classes once and reuse them (cache"
                    + " a proxy class per interface, not per call), close a URLClassLoader when its plugin or"
                    + " redeploy ends, and never keep its classes or instances in a static field of a longer-lived"
                    + " loader.");
        }
        if (isThread(element)) {
            return advice(Pattern.THREAD, holder + " holds " + elements + " that keep running or are never"
                    + " released: use one shared ExecutorService instead of a new thread or pool per call, and"
                    + " shutdown() the pools a component creates when it closes.");
        }
        if (element.contains("DirectByteBuf") || element.equals("java.nio.DirectByteBuffer")
                || element.contains("PooledByteBuf")) {
            return advice(Pattern.DIRECT_BUFFER, holder + " keeps " + elements + " whose native memory is not"
                    + " returned: release() each pooled buffer once its last reader is done (try/finally, or"
                    + " ReferenceCountUtil.release), and run with -Dio.netty.leakDetection.level=paranoid in tests"
                    + " to find where one escapes.");
        }
        if (isListener(element) || isListener(holder) || holderClass.contains("EventBus")) {
            return advice(Pattern.LISTENER, holder + " only grows: remove each listener (" + elements + ") when its"
                    + " owner ends (return a subscription handle and close it, or unregister in the owner's close()), or"
                    + " hold listeners weakly.");
        }
        if (element.contains("$$Lambda") || element.contains("$Lambda$")) {
            return advice(Pattern.CLOSURE, holder + " keeps lambdas (callbacks) that capture their enclosing"
                    + " objects: remove each callback when it has run or its owner ends, and capture only the"
                    + " values it needs, not `this`.");
        }
        if (shape.contains("caffeine.cache.Unbounded")) {
            return advice(Pattern.UNBOUNDED_MAP, holder + " is a Caffeine cache built without a bound, so it only"
                    + " grows: add maximumSize(...) or maximumWeight(...) and, where entries go stale,"
                    + " expireAfterAccess(...) or expireAfterWrite(...) to its Caffeine.newBuilder().");
        }
        if (isMap(holderClass) || inside.stream().anyMatch(FixAdvice::isMap)) {
            return advice(Pattern.UNBOUNDED_MAP, holder + " only grows: give it a bound and an expiry (Caffeine"
                    + " newBuilder().maximumSize(...).expireAfterAccess(...), or a LinkedHashMap whose"
                    + " removeEldestEntry caps it), or remove each entry when what it describes ends (a session, a"
                    + " request); keys whose equals/hashCode change after insertion are never found again.");
        }
        if (isCollection(holderClass) || inside.stream().anyMatch(FixAdvice::isCollection)) {
            return advice(Pattern.UNBOUNDED_COLLECTION, holder + " is only ever added to: remove each element (" + elements
                    + ") when it is done with, or keep a bounded window (an ArrayDeque trimmed to N, a ring"
                    + " buffer) if only the latest are needed.");
        }
        return Optional.empty();
    }

    private static Optional<FixAdvice> advice(Pattern pattern, String advice) {
        return Optional.of(new FixAdvice(pattern, advice));
    }

    /** {@code com.acme.Bus$$Lambda$7+0x0000...} reads "lambdas of Bus", {@code com.acme.Session} "Session objects". */
    private static String simpleName(String className) {
        if (className.isEmpty()) {
            return "its elements";
        }
        int lambda = className.indexOf("$$Lambda");
        String name = lambda >= 0 ? className.substring(0, lambda) : className;
        String simple = name.substring(name.lastIndexOf('.') + 1);
        return lambda >= 0 ? "lambdas of " + simple : simple + " objects";
    }

    private static boolean isClassLoader(String className) {
        return className.endsWith("ClassLoader") || className.contains("ClassLoader$");
    }

    private static boolean isThread(String className) {
        return className.equals("java.lang.Thread") || className.endsWith("Thread")
                || className.equals("java.lang.VirtualThread");
    }

    private static boolean isListener(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("listener") || lower.contains("subscriber") || lower.contains("observer")
                || lower.contains("callback") || lower.contains("handler");
    }

    private static boolean isMap(String className) {
        return className.endsWith("Map") || className.contains("Map$") || className.endsWith("Hashtable")
                || className.endsWith("Properties") || className.contains("LocalCache")
                || className.contains("caffeine.cache");
    }

    private static boolean isCollection(String className) {
        return className.endsWith("List") || className.endsWith("Set") || className.endsWith("Queue")
                || className.endsWith("Deque") || className.endsWith("Vector") || className.endsWith("[]")
                || className.contains("List$") || className.contains("Collections$");
    }
}

package io.leakhound.heap;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakhound.heap.FixAdvice.Pattern;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The shapes {@link FixAdvice} recognises that the jar-launched services of {@code JarLaunchedServiceDiffIT}
 * do not show (there: a static list, a singleton's map, an EventBus, a Caffeine cache, generated classes,
 * Netty's pooled buffers). Shapes as the holder search reports them.
 */
class FixAdviceTest {

    private static Optional<Pattern> pattern(String reference, String holderClass, List<String> inside,
                                             List<String> path, String element) {
        return FixAdvice.of(reference, holderClass, inside, path, element).map(FixAdvice::pattern);
    }

    @Test
    void valuesKeptInAPoolThreadsThreadLocalMap_threadLocal() {
        assertThat(pattern("thread pool-1-thread-1", "java.lang.ThreadLocal$ThreadLocalMap", List.of(),
                List.of("thread pool-1-thread-1", "java.lang.Thread.threadLocals",
                        "java.lang.ThreadLocal$ThreadLocalMap.table"), "byte[]"))
                .hasValue(Pattern.THREAD_LOCAL);
    }

    @Test
    void mapOfSoftReferences_softCache() {
        assertThat(pattern("static com.acme.Images.CACHE", "java.util.HashMap", List.of(),
                List.of("static com.acme.Images.CACHE", "java.util.HashMap.table",
                        "java.lang.ref.SoftReference.referent"), "byte[]"))
                .hasValue(Pattern.SOFT_CACHE);
    }

    @Test
    void listOfThreads_thread_andListOfLambdas_closure() {
        assertThat(pattern("static com.acme.Workers.STARTED", "java.util.ArrayList", List.of(), List.of(),
                "java.lang.Thread")).hasValue(Pattern.THREAD);
        assertThat(pattern("static com.acme.Hooks.ON_CLOSE", "java.util.ArrayList", List.of(), List.of(),
                "com.acme.Hooks$$Lambda/0x0000000801001234")).hasValue(Pattern.CLOSURE);
    }

    @Test
    void synchronizedMapOfPlainValues_unboundedMap_namingTheHolderAndABound() {
        FixAdvice advice = FixAdvice.of("static com.acme.Sessions.BY_ID", "java.util.Collections$SynchronizedMap",
                List.of("java.util.HashMap"), List.of(), "com.acme.Session").orElseThrow();

        assertThat(advice.pattern()).isEqualTo(Pattern.UNBOUNDED_MAP);
        assertThat(advice.advice()).startsWith("static com.acme.Sessions.BY_ID").contains("maximumSize");
    }

    @Test
    void oneBigArrayHeldByAPlainObject_noPatternRatherThanAGuess() {
        assertThat(pattern("static com.acme.Lookup.TABLE", "com.acme.Lookup$Table", List.of(), List.of(), "long[]"))
                .isEmpty();
    }
}

package io.leakhound.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModeBehaviourTest {
    private static final long SECOND = 1_000_000_000L;
    private final SplittableRandom random = new SplittableRandom(1);
    private long nextId;

    private void feed(ModeBehaviour behaviour, int requests, long elapsedNanos, long leakBytes) {
        for (int i = 0; i < requests; i++) {
            behaviour.onRequest(RequestHandler.newRequest(nextId++, random), elapsedNanos, leakBytes);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DemoMode.class, names = {"LISTENER_LEAK", "UNBOUNDED_CACHE", "CLOSURE_LIST",
            "THREADLOCAL_LEAK", "CLASSLOADER_LEAK", "THREAD_LEAK", "DIRECT_BUFFER_LEAK"})
    void leakingMode_moreRequests_retainsProportionallyMore(DemoMode mode) {
        ModeBehaviour behaviour = ModeBehaviour.create(mode);
        try {
            // 128 KB per request: one class loader or one thread per request at the most expensive budgets
            long leakBytes = 128 * 1024;
            feed(behaviour, 100, 10 * SECOND, leakBytes);
            long after100 = behaviour.retainedItems();
            feed(behaviour, 200, 20 * SECOND, leakBytes);
            long after300 = behaviour.retainedItems();
            behaviour.onTick(20 * SECOND);

            assertThat(mode.leaks()).isTrue();
            assertThat(after100).isBetween(90L, 100L);
            assertThat(after300).isBetween(3 * after100 - 10, 3 * after100 + 10);
        } finally {
            behaviour.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = DemoMode.class, names = {"LISTENER_LEAK", "UNBOUNDED_CACHE", "CLOSURE_LIST",
            "THREADLOCAL_LEAK", "CLASSLOADER_LEAK", "THREAD_LEAK", "DIRECT_BUFFER_LEAK"})
    void leakingMode_beforeLeakStart_retainsNothing(DemoMode mode) {
        ModeBehaviour behaviour = ModeBehaviour.create(mode);
        feed(behaviour, 300, 5 * SECOND, 0);
        assertThat(behaviour.retainedItems()).isZero();
    }

    @Test
    void classLoaderLeak_eachReload_isANewClassInANewLoader() {
        Runnable first = PluginLoader.loadPlugin(getClass().getClassLoader());
        Runnable second = PluginLoader.loadPlugin(getClass().getClassLoader());
        first.run();

        assertThat(first.getClass().getName()).isEqualTo(DemoPlugin.class.getName());
        assertThat(first.getClass()).isNotSameAs(second.getClass()).isNotSameAs(DemoPlugin.class);
        assertThat(first.getClass().getClassLoader()).isInstanceOf(PluginLoader.class)
                .isNotSameAs(second.getClass().getClassLoader());
    }

    @Test
    void classLoaderLeak_smallRequests_reloadOncePerBudget() {
        ModeBehaviour behaviour = ModeBehaviour.create(DemoMode.CLASSLOADER_LEAK);
        // 1 KB per request against a 3 KB budget per reload: one reload every third request
        feed(behaviour, 300, 0, 1024);
        assertThat(behaviour.retainedItems()).isEqualTo(100);
    }

    @Test
    void threadLeak_capReached_stopsStartingThreads() {
        ModeBehaviour.ThreadLeak behaviour = new ModeBehaviour.ThreadLeak(50);
        try {
            feed(behaviour, 80, 0, ModeBehaviour.ThreadLeak.BYTES_PER_THREAD);
            assertThat(behaviour.retainedItems()).isEqualTo(50);
            assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("job-")).count())
                    .isGreaterThanOrEqualTo(50);
        } finally {
            behaviour.close();
        }
    }

    @Test
    void boundedCache_defaultKeySpace_fillsAndThenHitsAlmostAlways() {
        ModeBehaviour.BoundedCache cache = new ModeBehaviour.BoundedCache(1024 * 1024, 1.01);
        feed(cache, 250, 0, 0);
        long quarterFilled = cache.retainedItems();
        feed(cache, 2000, 0, 0);

        // 1,000 uniform lookups over 517 keys fill 1 - e^(-1000/517) = 86 % of them
        assertThat(quarterFilled).isBetween(400L, 480L);
        assertThat(cache.retainedItems()).isEqualTo(512);
    }

    @Test
    void boundedCache_manyRequests_staysAtCapacity() {
        ModeBehaviour.BoundedCache cache = new ModeBehaviour.BoundedCache(1024 * 1024, 2.0);
        feed(cache, 500, 0, 0);
        long filling = cache.retainedItems();
        feed(cache, 2000, 0, 0);
        long full = cache.retainedItems();
        feed(cache, 2000, 0, 0);

        assertThat(cache.capacity()).isEqualTo(512);
        assertThat(filling).isLessThanOrEqualTo(512);
        assertThat(full).isEqualTo(512);
        assertThat(cache.retainedItems()).isEqualTo(512);
    }

    @Test
    void loadSpikes_afterRelease_retainNothing() {
        ModeBehaviour behaviour = ModeBehaviour.create(DemoMode.LOAD_SPIKES);
        feed(behaviour, 50, 5 * SECOND, 0);
        long beforeFirstSpike = behaviour.retainedItems();
        feed(behaviour, 500, 11 * SECOND, 0);
        long inSpike = behaviour.retainedItems();
        feed(behaviour, 1, 21 * SECOND, 0);
        long released = behaviour.retainedItems();
        feed(behaviour, 500, 41 * SECOND, 0);
        long secondSpike = behaviour.retainedItems();

        long spikeChunks = ModeBehaviour.LoadSpikes.SPIKE_BYTES / ModeBehaviour.LoadSpikes.CHUNK_BYTES;
        assertThat(beforeFirstSpike).isZero();
        assertThat(inSpike).isEqualTo(spikeChunks);
        assertThat(released).isZero();
        assertThat(secondSpike).isEqualTo(spikeChunks);
    }

    @Test
    void warmup_afterWarmupPeriod_stopsGrowing() {
        ModeBehaviour behaviour = ModeBehaviour.create(DemoMode.WARMUP);
        feed(behaviour, 300, 15 * SECOND, 0);
        long halfway = behaviour.retainedItems();
        feed(behaviour, 600, 30 * SECOND, 0);
        long loaded = behaviour.retainedItems();
        feed(behaviour, 600, 90 * SECOND, 0);

        long chunks = ModeBehaviour.Warmup.DATA_SET_BYTES / ModeBehaviour.Warmup.CHUNK_BYTES;
        assertThat(halfway).isEqualTo(chunks / 2);
        assertThat(loaded).isEqualTo(chunks);
        assertThat(behaviour.retainedItems()).isEqualTo(chunks);
    }

    @Test
    void steadyChurn_anyRequests_retainsNothing() {
        ModeBehaviour behaviour = ModeBehaviour.create(DemoMode.STEADY_CHURN);
        feed(behaviour, 500, 60 * SECOND, 400 * 1024);
        assertThat(behaviour.retainedItems()).isZero();
    }

    @Test
    void handle_request_allocatesChurnAndReturnsChecksum() {
        Request request = RequestHandler.newRequest(7, random);
        assertThat(request.body().length).isBetween(512, 512 + 4096);
        assertThat(request.params()).hasSizeBetween(2, 7);
        long first = RequestHandler.handle(request, new SplittableRandom(3));
        assertThat(RequestHandler.handle(request, new SplittableRandom(3))).isEqualTo(first);
    }
}

package io.leakhound.junit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.leakhound.junit.LeakAssertions.assertNoLeak;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Leaking code paths of about 1 KiB per call fail and name their holder. */
@Tag("slow") // dumps and diffs this JVM's heap, round after round
class LeakAssertionsTest {

    @AfterEach
    void releaseTheLeaks() {
        LeakingBodies.Cache.ENTRIES.clear();
        LeakingBodies.EventBus.INSTANCE.clear();
        LeakingBodies.Sessions.BY_REQUEST.clear();
        LeakingBodies.PooledBuffers.clear();
    }

    @Test
    void assertNoLeak_staticList_failsNamingTheListAndKeepsDumps(@TempDir Path dumps) throws Exception {
        assertThatThrownBy(() -> assertNoLeak(LeakCheck.defaults().keepDumps(dumps), LeakingBodies.Cache::remember))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("1,000 iterations retained ")
                .hasMessageContaining(" each) in each of 3 rounds")
                .hasMessageContaining("× byte[] held by static io.leakhound.junit.LeakingBodies$Cache.ENTRIES")
                .hasMessageContaining("heap dumps kept: " + dumps);
        try (var kept = Files.walk(dumps)) {
            assertThat(kept.filter(p -> p.toString().endsWith(".hprof")).map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("before.hprof", "after.hprof");
        }
    }

    @Test
    void assertNoLeak_listenerLambdas_failsNamingTheBusAndItsListeners() {
        assertThatThrownBy(() -> assertNoLeak(LeakingBodies.EventBus::subscribeForOrder))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("× io.leakhound.junit.LeakingBodies$EventBus$$Lambda held by "
                        + "static io.leakhound.junit.LeakingBodies$EventBus.INSTANCE → io.leakhound.junit.LeakingBodies$EventBus.listeners");
    }

    @Test
    void assertNoLeak_listenerCapturingAnArray_failsNamingTheBusAndItsListeners() {
        // the class of the static field is the app class loader's: the comparison descends through the loader's
        // list of classes to the field (once a second search in the extension did)
        assertThatThrownBy(() -> assertNoLeak(LeakingBodies.EventBus::subscribeWithPayload))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("× io.leakhound.junit.LeakingBodies$EventBus$$Lambda held by "
                        + "static io.leakhound.junit.LeakingBodies$EventBus.INSTANCE → io.leakhound.junit.LeakingBodies$EventBus.listeners");
    }

    @Test
    void assertNoLeak_mapWithEverNewKeys_failsNamingTheMap() {
        assertThatThrownBy(() -> assertNoLeak(LeakingBodies.Sessions::open))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("× char[] held by static io.leakhound.junit.LeakingBodies$Sessions.BY_REQUEST");
    }

    @Test
    void assertNoLeak_threadLocalInPool_failsNamingThePoolThreadsThreadLocals() {
        assertThatThrownBy(() -> assertNoLeak(LeakingBodies.PooledBuffers::handle))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("× byte[] held by thread pooled-buffers → java.lang.Thread.threadLocals")
                .hasMessageContaining("in 2 objects of this path");
    }

    @Test
    void assertNoLeak_threadLocalBufferThatDoubles_failsNamingThePoolThreadsThreadLocals() {
        // the buffer grows in steps: the batch between the dumps may fall between two of them
        assertThatThrownBy(() -> assertNoLeak(LeakingBodies.PooledBuffers::log))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("held by thread pooled-buffers → java.lang.Thread.threadLocals");
    }

    @Test
    void assertNoLeak_explainOff_failsWithTheFiguresOnly() {
        assertThatThrownBy(() -> assertNoLeak(LeakCheck.defaults().explain(false).iterations(500).warmUp(50),
                LeakingBodies.Cache::remember))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("500 iterations retained ")
                .hasMessageContaining("tolerated: 125 KB per round")
                .hasMessageNotContaining("held by");
    }

    @Test
    void assertNoLeak_leakBelowTolerance_passes() {
        // 1,040 bytes (a 1 KiB array and its header) kept per call, 2 KiB tolerated
        assertNoLeak(LeakCheck.defaults().tolerancePerIteration(2048).explain(false), LeakingBodies.Cache::remember);
        assertThat(LeakingBodies.Cache.ENTRIES).hasSize(200 + 3 * 1000);
    }

    @Test
    void assertNoLeak_growthInTheFirstRoundOnly_passes() {
        // a cache of at most 1,500 entries that the warm-up does not fill: it grows in round 1, then stays
        List<byte[]> cache = new ArrayList<>();
        assertNoLeak(LeakCheck.defaults().explain(false), () -> {
            if (cache.size() < 1500) {
                cache.add(new byte[1024]);
            }
        });
    }

    @Test
    void assertNoLeak_bodyThrows_propagatesItsException() {
        IllegalStateException thrown = new IllegalStateException("no database");
        assertThatThrownBy(() -> assertNoLeak(() -> {
            throw thrown;
        })).isSameAs(thrown);
    }
}

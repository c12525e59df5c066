package io.leakhound.junit;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.leakhound.junit.LeakAssertions.assertNoLeak;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Code paths that allocate plenty but keep nothing, or keep a bounded amount the warm-up fills, pass: every
 * time, so the repeated ones show the check does not flake.
 */
@Tag("slow") // dumps and diffs this JVM's heap, round after round
class CleanBodiesTest {

    private static final Map<Integer, String> WARM_CACHE = new HashMap<>();

    private static long sink;

    @RepeatedTest(20)
    void assertNoLeak_temporaryGarbage_passes() {
        assertNoLeak(() -> {
            List<byte[]> scratch = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                scratch.add(new byte[1024 * (i + 1)]);
            }
            sink += scratch.size();
        });
    }

    @RepeatedTest(20)
    void assertNoLeak_stringBuilding_passes() {
        assertNoLeak(() -> {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                out.append(String.format(Locale.ROOT, "%05d;", i));
            }
            sink += out.toString().hashCode();
        });
    }

    @RepeatedTest(20)
    void assertNoLeak_cacheFilledInWarmUp_passes() {
        int[] call = {0};
        assertNoLeak(() -> {
            // 100 keys, all seen in the 200 warm-up calls
            String value = WARM_CACHE.computeIfAbsent(call[0]++ % 100, k -> "value-" + k + "x".repeat(1000));
            sink += value.length();
        });
    }

    @RepeatedTest(5)
    void assertNoLeak_boundedLruWithEverNewKeys_passes() {
        Map<String, byte[]> lru = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > 50;
            }
        };
        long[] requests = {0};
        assertNoLeak(() -> lru.put("request-" + requests[0]++, new byte[2048]));
        assertThat(lru).hasSize(50);
    }

    @Test
    void assertNoLeak_emptyBody_passes() {
        assertNoLeak(LeakCheck.defaults().iterations(1).rounds(1).warmUp(0), () -> { });
    }
}

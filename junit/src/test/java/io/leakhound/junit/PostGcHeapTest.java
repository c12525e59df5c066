package io.leakhound.junit;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostGcHeapTest {

    @Test
    void settle_quietJvm_agreesWithinTheBound() {
        PostGcHeap heap = new PostGcHeap(Duration.ofSeconds(10), 16 * 1024);
        long first = heap.settle();
        long second = heap.settle();
        assertThat(Math.abs(second - first)).isLessThanOrEqualTo(64 * 1024);
    }

    @Test
    void settle_measurementsNeverAgree_failsSayingWhyInsteadOfGuessing() {
        // no two measurements agree within -1 bytes: it retries with back-off until the timeout, then fails
        long start = System.nanoTime();
        assertThatThrownBy(() -> new PostGcHeap(Duration.ofMillis(300), -1).settle())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("leakhound could not measure the heap: the used heap after full GCs did not settle within -1 bytes")
                .hasMessageContaining("another thread allocates while the check runs")
                .hasMessageContaining("within 300 ms")
                .hasMessageEndingWith("without parallel tests.");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}

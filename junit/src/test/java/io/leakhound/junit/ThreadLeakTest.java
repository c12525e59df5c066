package io.leakhound.junit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.leakhound.junit.LeakAssertions.assertNoThreadLeak;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThreadLeakTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private ExecutorService pool;

    @AfterEach
    void endTheThreads() throws InterruptedException {
        release.countDown();
        if (pool != null) {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void assertNoThreadLeak_threadEndsWithinGrace_passes() {
        assertNoThreadLeak(Duration.ofSeconds(2), () -> {
            Thread worker = new Thread(() -> sleep(50), "short-worker");
            worker.start();
        });
    }

    @Test
    void assertNoThreadLeak_poolClosedByTheBody_passes() {
        assertNoThreadLeak(() -> {
            ExecutorService closed = Executors.newFixedThreadPool(2);
            closed.submit(() -> sleep(10));
            closed.shutdown();
        });
    }

    @Test
    void assertNoThreadLeak_threadStillWaiting_failsNamingIt() {
        assertThatThrownBy(() -> assertNoThreadLeak(Duration.ofMillis(200), () -> {
            Thread waiter = new Thread(this::awaitRelease, "forgotten-waiter");
            waiter.setDaemon(true);
            waiter.start();
        }))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("1 thread started by the body still alive 200 ms after it returned:")
                .hasMessageContaining("\"forgotten-waiter\" (WAITING, daemon)");
    }

    @Test
    void assertNoThreadLeak_poolNeverShutDown_failsNamingItsThreads() {
        assertThatThrownBy(() -> assertNoThreadLeak(Duration.ofMillis(200), () -> {
            pool = Executors.newFixedThreadPool(2);
            pool.submit(() -> sleep(1));
            pool.submit(() -> sleep(1));
        }))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("2 threads started by the body still alive")
                .hasMessageContaining("\"pool-")
                .hasMessageContaining("-thread-1\" (WAITING)")
                .hasMessageContaining("-thread-2\" (WAITING)");
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

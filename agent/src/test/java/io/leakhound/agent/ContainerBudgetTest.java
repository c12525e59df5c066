package io.leakhound.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The container check's arithmetic. */
class ContainerBudgetTest {

    private static final long MB = 1L << 20;

    @Test
    void maximaAboveTheLimit_exceed_withTheNumbers() {
        // 512 + 128 + 512 + 100 x 1 = 1,252 MB against a 1 GB limit
        ContainerBudget b = new ContainerBudget(512 * MB, 128 * MB, 20 * MB, 512 * MB, 100, MB, 1024 * MB);

        assertThat(b.total()).isEqualTo(1252 * MB);
        assertThat(b.exceeds()).isTrue();
        assertThat(b.describe()).isEqualTo("max heap 512 MB + max metaspace 128 MB + max direct memory 512 MB + 100"
                + " threads x 1 MB stack = 1.22 GB, container limit 1 GB");
    }

    @Test
    void unboundedMetaspace_countsWhatIsCommitted_noLimitNeverExceeds() {
        ContainerBudget b = new ContainerBudget(256 * MB, -1, 20 * MB, 256 * MB, 10, MB, -1);

        assertThat(b.total()).isEqualTo(542 * MB);
        assertThat(b.exceeds()).isFalse();
        assertThat(b.describe()).contains("max metaspace unbounded (20 MB now)").endsWith("no container limit");
    }

    @Test
    void thisJvm_readsItsFigures() {
        ContainerBudget b = ContainerBudget.ofThisJvm();

        assertThat(b.maxHeap()).isEqualTo(Runtime.getRuntime().maxMemory());
        assertThat(b.threads()).isPositive();
        assertThat(b.stackBytes()).isPositive();
    }
}

package io.leakhound.junit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.leakhound.junit.LeakAssertions.assertCollected;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssertCollectedTest {

    /** Sessions a registry forgot to remove. */
    static final class Registry {
        static final List<Object> OPEN = new ArrayList<>();
    }

    record Session(String user) {
    }

    @AfterEach
    void release() {
        Registry.OPEN.clear();
    }

    @Test
    void assertCollected_supplierResultDropped_passes() {
        assertCollected(() -> new Session("ann"));
    }

    @Test
    void assertCollected_expressionNotHeld_passes() {
        assertCollected(new Session("bob"));
    }

    @Test
    void assertCollected_heldByStaticList_failsWithThePath() {
        assertThatThrownBy(() -> assertCollected(() -> {
            Session session = new Session("cid");
            Registry.OPEN.add(session);
            return session;
        }))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected io.leakhound.junit.AssertCollectedTest$Session@")
                .hasMessageContaining("still strongly reachable")
                .hasMessageContaining("held by static io.leakhound.junit.AssertCollectedTest$Registry.OPEN → java.util.ArrayList.elementData → java.lang.Object[0]");
    }

    @Test
    void assertCollected_objectHeldByStaticList_failsWithThePath() {
        Session session = new Session("dan");
        Registry.OPEN.add(session);
        assertThatThrownBy(() -> assertCollected(Registry.OPEN.get(0)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("held by static io.leakhound.junit.AssertCollectedTest$Registry.OPEN");
    }
}

package io.leakhound.junit;

import org.junit.jupiter.api.BeforeEach;

import java.util.ArrayList;
import java.util.List;

/**
 * Test classes with {@link LeakTest} methods, run by {@link LeakTestTest} through the JUnit Platform's test kit
 * (their file name keeps Surefire from running them directly).
 */
final class LeakTestFixtures {

    private LeakTestFixtures() {
    }

    static class Leaking {
        static final List<byte[]> RETAINED = new ArrayList<>();

        @LeakTest
        void everyCall_keepsAKilobyte() {
            RETAINED.add(new byte[1024]);
        }
    }

    static class Clean {
        static int beforeEachCalls;
        static int bodyCalls;

        @BeforeEach
        void setUp() {
            beforeEachCalls++;
        }

        @LeakTest(warmUp = 10, iterations = 100, rounds = 2)
        void everyCall_keepsNothing() {
            bodyCalls++;
            byte[] garbage = new byte[4096];
            garbage[bodyCalls % garbage.length] = 1;
        }
    }

    static class Throwing {
        @LeakTest
        void firstCall_throws() throws Exception {
            throw new java.io.IOException("checked, from the body");
        }
    }
}

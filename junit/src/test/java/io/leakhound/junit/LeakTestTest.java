package io.leakhound.junit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

class LeakTestTest {

    @AfterEach
    void release() {
        LeakTestFixtures.Leaking.RETAINED.clear();
    }

    private static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
    }

    @Test
    void leakTest_leakingMethod_failsNamingTheHolder() {
        Events events = run(LeakTestFixtures.Leaking.class);
        events.assertStatistics(stats -> stats.started(1).failed(1).succeeded(0));
        events.assertThatEvents().haveExactly(1, event(test("everyCall_keepsAKilobyte"), finishedWithFailure(
                instanceOf(AssertionError.class),
                message(m -> m.startsWith("1,000 iterations retained ")
                        && m.contains("× byte[] held by static io.leakhound.junit.LeakTestFixtures$Leaking.RETAINED")))));
    }

    @Test
    void leakTest_cleanMethod_passesRunningBeforeEachOnceAndTheBodyPerIteration() {
        LeakTestFixtures.Clean.beforeEachCalls = 0;
        LeakTestFixtures.Clean.bodyCalls = 0;
        run(LeakTestFixtures.Clean.class).assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(LeakTestFixtures.Clean.beforeEachCalls).isEqualTo(1);
        assertThat(LeakTestFixtures.Clean.bodyCalls).isEqualTo(10 + 2 * 100);
    }

    @Test
    void leakTest_bodyThrowsChecked_failsWithThatException() {
        run(LeakTestFixtures.Throwing.class).assertThatEvents().haveExactly(1, event(test("firstCall_throws"),
                finishedWithFailure(instanceOf(IOException.class), message("checked, from the body"))));
    }
}

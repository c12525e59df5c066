package io.leakhound.junit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test whose method body is the code path checked for a leak: the method runs as the body of
 * {@link LeakAssertions#assertNoLeak(LeakCheck, Runnable)}, many times, with this annotation's attributes as
 * the options, and the test fails with that assertion's message on a leak.
 *
 * <pre>
 * &#64;LeakTest(iterations = 500)
 * void handleOrder_releasesEverything() {
 *     service.handle(order());
 * }
 * </pre>
 *
 * <p>Lifecycle: {@code @BeforeEach} and {@code @AfterEach} methods run once, around all the iterations;
 * parameters of the method are resolved once and passed to every iteration. An exception thrown by an
 * iteration fails the test at once.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(LeakTestExtension.class)
public @interface LeakTest {

    /** Iterations before the first measurement. */
    int warmUp() default LeakCheck.DEFAULT_WARM_UP;

    /** Iterations per round. */
    int iterations() default LeakCheck.DEFAULT_ITERATIONS;

    /** Rounds; a leak grows in every one. */
    int rounds() default LeakCheck.DEFAULT_ROUNDS;

    /** Growth per iteration, in bytes, that is not a leak. */
    long tolerancePerIteration() default LeakCheck.DEFAULT_TOLERANCE;

    /** Whether a leak is explained from two heap dumps. */
    boolean explain() default true;

    /** A directory to keep the heap dumps of a leak in; empty to delete them. */
    String keepDumpsIn() default "";
}

package io.leakhound.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;

/**
 * Runs a {@link LeakTest} method as the body of a leak check: the method is invoked reflectively as many times
 * as the check needs, then JUnit's own invocation is skipped, so that {@code @BeforeEach}/{@code @AfterEach}
 * run once around the whole check. Costs what the check costs.
 */
final class LeakTestExtension implements InvocationInterceptor {

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
                                    ExtensionContext context) {
        LeakTest options = AnnotationSupport.findAnnotation(method.getExecutable(), LeakTest.class)
                .orElseThrow(() -> new IllegalStateException("no @LeakTest on " + method.getExecutable()));
        LeakCheck check = LeakCheck.defaults().warmUp(options.warmUp()).iterations(options.iterations())
                .rounds(options.rounds()).tolerancePerIteration(options.tolerancePerIteration())
                .explain(options.explain());
        if (!options.keepDumpsIn().isEmpty()) {
            check = check.keepDumps(Path.of(options.keepDumpsIn()));
        }
        Method test = method.getExecutable();
        test.setAccessible(true); // JUnit allows package-private test methods
        Object target = method.getTarget().orElse(null);
        Object[] arguments = method.getArguments().toArray();
        try {
            LeakAssertions.assertNoLeak(check, () -> invoke(test, target, arguments));
        } finally {
            invocation.skip();
        }
    }

    private static void invoke(Method test, Object target, Object[] arguments) {
        try {
            test.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw LeakTestExtension.<RuntimeException>rethrow(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + test, e);
        }
    }

    /** Rethrows the test's own exception, checked or not, as JUnit would report it. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T rethrow(Throwable t) throws T {
        throw (T) t;
    }
}

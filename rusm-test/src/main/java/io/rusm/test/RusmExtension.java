package io.rusm.test;

import java.lang.reflect.Method;
import java.util.Set;

import io.rusm.core.ManualClock;
import io.rusm.core.Runtime;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit Jupiter extension for tests of rusm processes. It resolves parameters of test methods
 * (and of {@code @BeforeEach}/{@code @AfterEach} methods) of these types:
 * <ul>
 * <li>{@link Runtime}: one runtime per test, whose timers run on the test's {@link ManualClock};
 * <li>{@link ManualClock}: that clock, which the test {@linkplain ManualClock#advance advances}, so
 * a 60-second {@code sendAfter} fires at once and deterministically;
 * <li>{@link TestProbe}: a fresh probe process in that runtime for each such parameter.
 * </ul>
 * After each test (after its {@code @AfterEach} methods) it checks that the test left nothing
 * behind in the runtime — no process other than its probes, no registered name, no tag, no pending
 * timer — then closes the runtime, and fails the test naming what leaked. A process that is still
 * ending (killed a moment before) gets a short grace period.
 *
 * <p>Use it with {@code @ExtendWith(RusmExtension.class)} or the meta-annotation {@link RusmTest}.
 *
 * @since 0.1.0
 */
public final class RusmExtension implements ParameterResolver, AfterEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RusmExtension.class);

	private static final Set<Class<?>> RESOLVED = Set.of(Runtime.class, ManualClock.class, TestProbe.class);

	/**
	 * Creates the extension; JUnit does, for {@code @ExtendWith(RusmExtension.class)}.
	 */
	public RusmExtension() {
	}

	/**
	 * Whether the parameter is a {@link Runtime}, {@link ManualClock} or {@link TestProbe} of a
	 * method.
	 * @param parameterContext the parameter
	 * @param extensionContext the test's context
	 * @return whether this extension resolves it
	 */
	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getDeclaringExecutable() instanceof Method
				&& RESOLVED.contains(parameterContext.getParameter().getType());
	}

	/**
	 * Answers the test's runtime or clock, or a new probe.
	 * @param parameterContext the parameter
	 * @param extensionContext the test's context
	 * @return the value of the parameter
	 * @throws ParameterResolutionException outside a test (in {@code @BeforeAll}, say), where there is
	 * no per-test runtime
	 */
	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		if (extensionContext.getTestMethod().isEmpty()) {
			throw new ParameterResolutionException("RusmExtension resolves " + parameterContext.getParameter()
				.getType()
				.getSimpleName() + " parameters per test: in test methods and @BeforeEach/@AfterEach methods, "
					+ "not in " + parameterContext.getDeclaringExecutable());
		}
		TestRun run = extensionContext.getStore(NAMESPACE).computeIfAbsent(TestRun.class, (key) -> new TestRun(),
				TestRun.class);
		Class<?> type = parameterContext.getParameter().getType();
		if (type == Runtime.class) {
			return run.runtime();
		}
		if (type == ManualClock.class) {
			return run.clock();
		}
		return run.newProbe();
	}

	/**
	 * Checks for leaks, closes the test's runtime, and fails the test if something leaked.
	 * @param context the test's context
	 */
	@Override
	public void afterEach(ExtensionContext context) {
		TestRun run = context.getStore(NAMESPACE).remove(TestRun.class, TestRun.class);
		if (run != null) {
			run.finish();
		}
	}
}

package io.rusm.test;

import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import org.assertj.core.api.Assertions;

/**
 * Entry point of the AssertJ assertions for rusm: import {@code assertThat} statically beside
 * {@link Assertions#assertThat AssertJ's own}.
 *
 * <pre class="code">
 * assertThat(handle).exitsWith(ExitReason.NORMAL);
 * assertThat(worker).crashes().isInstanceOf(IllegalStateException.class);
 * assertThat(runtime).hasRegistered("greeter", greeter.pid());
 * </pre>
 *
 * @since 0.1.0
 */
public final class RusmAssertions {

	private RusmAssertions() {
	}

	/**
	 * Assertions on a process, through its handle; those about its exit wait for it (bounded).
	 * @param actual the process's handle
	 * @return the assertions
	 */
	public static ProcessHandleAssert assertThat(ProcessHandle actual) {
		return new ProcessHandleAssert(actual);
	}

	/**
	 * Assertions on what a runtime holds now: processes, names, tags, timers.
	 * @param actual the runtime
	 * @return the assertions
	 */
	public static RuntimeAssert assertThat(Runtime actual) {
		return new RuntimeAssert(actual);
	}
}

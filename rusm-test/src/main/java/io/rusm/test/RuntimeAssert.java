package io.rusm.test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.rusm.core.Pid;
import io.rusm.core.Runtime;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on what a runtime holds at the moment of the assertion: its processes,
 * registered names, tag members and pending timers. They do not wait: to assert on something that
 * happens later, wait for it first (with a {@link TestProbe}, say).
 *
 * @since 0.1.0
 * @see RusmAssertions#assertThat(Runtime)
 */
public final class RuntimeAssert extends AbstractAssert<RuntimeAssert, Runtime> {

	RuntimeAssert(Runtime actual) {
		super(actual, RuntimeAssert.class);
	}

	/**
	 * Verifies that {@code name} is registered to {@code pid}.
	 * @param name the name
	 * @param pid the process expected to hold it
	 * @return this
	 */
	public RuntimeAssert hasRegistered(String name, Pid pid) {
		isNotNull();
		Objects.requireNonNull(pid, "pid");
		Optional<Pid> holder = this.actual.whereis(Objects.requireNonNull(name, "name"));
		if (!holder.equals(Optional.of(pid))) {
			throw new AssertionError("Expected name \"" + name + "\" to be registered to " + pid + ", but "
					+ holder.map((other) -> "it is registered to " + other).orElse("it is not registered")
					+ "; registered names: " + this.actual.registered());
		}
		return this;
	}

	/**
	 * Verifies that {@code name} is not registered.
	 * @param name the name
	 * @return this
	 */
	public RuntimeAssert hasNotRegistered(String name) {
		isNotNull();
		Optional<Pid> holder = this.actual.whereis(Objects.requireNonNull(name, "name"));
		if (holder.isPresent()) {
			throw new AssertionError("Expected name \"" + name + "\" not to be registered, but " + holder.get()
					+ " holds it");
		}
		return this;
	}

	/**
	 * Verifies that exactly {@code members} belong to {@code tag}, in any order.
	 * @param tag the tag
	 * @param members the processes expected; none for an empty tag
	 * @return this
	 */
	public RuntimeAssert hasTagMembers(String tag, Pid... members) {
		isNotNull();
		Set<Pid> actualMembers = new HashSet<>(this.actual.whereisTag(Objects.requireNonNull(tag, "tag")));
		if (!actualMembers.equals(new HashSet<>(Arrays.asList(members)))) {
			throw new AssertionError("Expected tag \"" + tag + "\" to have members " + Arrays.toString(members)
					+ ", but it has " + actualMembers);
		}
		return this;
	}

	/**
	 * Verifies that {@code pid} is a live process.
	 * @param pid the process
	 * @return this
	 */
	public RuntimeAssert hasAlive(Pid pid) {
		isNotNull();
		if (!this.actual.isAlive(Objects.requireNonNull(pid, "pid"))) {
			throw new AssertionError("Expected process " + pid + " to be alive, but it is not; live processes: "
					+ this.actual.list());
		}
		return this;
	}

	/**
	 * Verifies how many timers are pending.
	 * @param expected the number of timers set and neither fired nor cancelled
	 * @return this
	 */
	public RuntimeAssert hasPendingTimers(long expected) {
		isNotNull();
		long pending = this.actual.pendingTimers();
		if (pending != expected) {
			throw new AssertionError("Expected " + expected + " pending timers, but there are " + pending);
		}
		return this;
	}
}

package io.rusm.core;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@link Context} a process body is handed: the process itself, seen through the public API.
 * The receive methods take from the process's own mailbox; the shortcuts act on the
 * {@link Runtime} for this process. It is the one internal class that knows the runtime facade, as
 * {@link Context#runtime()} must return it.
 */
final class ProcessContext extends Proc implements Context {

	private final Runtime runtime;

	ProcessContext(Runtime runtime, ProcessLifecycle lifecycle, ProcessBody body, SpawnOptions options,
			boolean processControl) {
		super(lifecycle, body, options, processControl);
		this.runtime = runtime;
	}

	@Override
	Context context() {
		return this;
	}

	@Override
	public Pid self() {
		return this.pid;
	}

	@Override
	public Runtime runtime() {
		return this.runtime;
	}

	@Override
	public Set<Capability> capabilities() {
		return this.processControl ? EnumSet.of(Capability.PROCESS_CONTROL) : EnumSet.noneOf(Capability.class);
	}

	// ---------------------------------------------------------------- receiving

	@Override
	public Object receive() {
		requireOwner("receive");
		return takeNext();
	}

	@Override
	public Optional<Object> receive(Duration timeout) {
		return receive((anything) -> true, timeout);
	}

	@Override
	public Object receive(Predicate<Object> matcher) {
		Objects.requireNonNull(matcher, "matcher");
		requireOwner("receive");
		return Objects.requireNonNull(takeMatching(matcher, Long.MAX_VALUE));
	}

	@Override
	public Optional<Object> receive(Predicate<Object> matcher, Duration timeout) {
		Objects.requireNonNull(matcher, "matcher");
		long nanos = Arguments.nanos(Arguments.nonNegative(timeout, "timeout"));
		requireOwner("receive");
		return Optional.ofNullable(takeMatching(matcher, Arguments.deadline(System.nanoTime(), nanos)));
	}

	@Override
	public <T> T receive(Class<T> type) {
		Objects.requireNonNull(type, "type");
		return type.cast(receive(type::isInstance));
	}

	@Override
	public <T> Optional<T> receive(Class<T> type, Duration timeout) {
		Objects.requireNonNull(type, "type");
		return receive(type::isInstance, timeout).map(type::cast);
	}

	@Override
	public void hibernate(ProcessBody next) {
		Objects.requireNonNull(next, "next");
		requireOwner("hibernate");
		hibernateInto(next);
	}

	@Override
	public void sleep(Duration duration) {
		requireOwner("sleep");
		pause(Arguments.nanos(Arguments.nonNegative(duration, "duration")));
	}

	// ---------------------------------------------------------------- shortcuts

	@Override
	public boolean send(Pid pid, Object message) {
		return this.runtime.send(pid, message);
	}

	@Override
	public boolean sendNamed(String name, Object message) {
		return this.runtime.sendNamed(name, message);
	}

	@Override
	public boolean register(String name) {
		return this.runtime.register(name, this.pid);
	}

	@Override
	public boolean registerTag(String tag) {
		return this.runtime.registerTag(tag, this.pid);
	}

	@Override
	public void setLabel(String label) {
		this.runtime.setLabel(this.pid, label);
	}

	@Override
	public void trapExits(boolean trap) {
		setTrapExit(trap);
	}

	@Override
	public void link(Pid peer) {
		this.runtime.link(this.pid, peer);
	}

	@Override
	public MonitorRef monitor(Pid target) {
		return this.runtime.monitor(this.pid, target);
	}

	@Override
	public ProcessHandle spawn(ProcessBody body) {
		return spawn(SpawnOptions.DEFAULT, body);
	}

	@Override
	public ProcessHandle spawn(SpawnOptions options, ProcessBody body) {
		return this.runtime.spawnFrom(this, options, body);
	}

	@Override
	public ProcessHandle spawnMonitor(ProcessBody body) {
		return spawn(SpawnOptions.builder().monitoredBy(this.pid).build(), body);
	}

	@Override
	public ProcessHandle spawnLink(ProcessBody body) {
		return spawn(SpawnOptions.builder().linkTo(this.pid).build(), body);
	}

	@Override
	public boolean kill(Pid target) {
		Objects.requireNonNull(target, "target");
		return this.processControl && this.runtime.kill(target);
	}

	@Override
	public boolean exit(Pid target, ExitReason reason) {
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(reason, "reason");
		return this.processControl && this.runtime.exit(target, reason);
	}

	@Override
	public int killTag(String tag) {
		Arguments.name(tag, "tag");
		return this.processControl ? this.runtime.killTag(tag) : 0;
	}
}

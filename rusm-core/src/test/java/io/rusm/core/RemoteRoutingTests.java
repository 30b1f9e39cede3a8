package io.rusm.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.rusm.core.ProcessProbes.closeCleanly;
import static io.rusm.core.ProcessProbes.parked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A runtime connected to a cluster hands exactly the operations on pids of other nodes to the
 * cluster's router, and nothing about local pids.
 */
class RemoteRoutingTests {

	private final Runtime runtime = Runtime.create();

	private final Recorder router = new Recorder();

	@AfterEach
	void close() {
		closeCleanly(this.runtime);
	}

	@Test
	void everyOperationOnARemotePidGoesToTheRouter() {
		this.runtime.connect(this.router);
		Pid local = this.runtime.spawn(parked()).pid();
		Pid remote = Pid.of(3, local.id());

		assertThat(this.runtime.send(remote, "hello")).isTrue();
		assertThat(this.runtime.trySend(remote, "hello")).isEqualTo(Delivery.DELIVERED);
		assertThat((String) this.runtime.call(remote, "ask", Duration.ofSeconds(1))).isEqualTo("answer");
		assertThat(this.runtime.kill(remote)).isTrue();
		assertThat(this.runtime.exit(remote, ExitReason.SHUTDOWN)).isTrue();
		assertThat(this.runtime.signalExit(remote, ExitReason.SHUTDOWN)).isTrue();
		assertThat(this.runtime.isAlive(remote)).isTrue();
		this.runtime.link(remote, local);
		this.runtime.unlink(local, remote);
		MonitorRef ref = this.runtime.monitor(local, remote);
		assertThat(this.runtime.demonitor(ref)).isTrue();

		assertThat(this.router.calls).containsExactly("send " + remote, "send " + remote, "call " + remote,
				"exit " + remote + " killed", "exit " + remote + " shutdown", "signalExit " + remote + " shutdown",
				"isAlive " + remote, "link " + local + " " + remote, "unlink " + local + " " + remote,
				"monitor " + local + " " + remote, "demonitor " + remote);
		assertThat(this.runtime.isAlive(local)).as("the local process with the same number is untouched").isTrue();
	}

	@Test
	void operationsOnLocalPidsNeverReachTheRouter() {
		this.runtime.connect(this.router);
		Pid first = this.runtime.spawn(parked()).pid();
		Pid second = this.runtime.spawn(parked()).pid();
		this.runtime.send(first, "hello");
		this.runtime.isAlive(first);
		this.runtime.link(first, second);
		this.runtime.unlink(first, second);
		this.runtime.demonitor(this.runtime.monitor(first, second));
		this.runtime.kill(second);
		assertThat(this.router.calls).isEmpty();
	}

	@Test
	void aRuntimeConnectsToOneClusterAndForgetsItOnDisconnect() {
		this.runtime.connect(this.router);
		this.runtime.connect(this.router);
		assertThatIllegalStateException().isThrownBy(() -> this.runtime.connect(new Recorder()))
			.withMessageContaining("already connected");
		assertThat(this.runtime.disconnect(new Recorder())).isFalse();
		assertThat(this.runtime.disconnect(this.router)).isTrue();
		Pid remote = Pid.of(1, 42);
		assertThat(this.runtime.send(remote, "hello")).isFalse();
		assertThatExceptionOfType(NoProcessException.class)
			.isThrownBy(() -> this.runtime.call(remote, "ask", Duration.ofSeconds(1)));
		assertThat(this.router.calls).isEmpty();
	}

	/** A router that records what it was asked and answers as if every remote process were alive. */
	private static final class Recorder implements RemoteProcesses {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Override
		public Delivery send(Pid pid, Object message) {
			this.calls.add("send " + pid);
			return Delivery.DELIVERED;
		}

		@Override
		@SuppressWarnings("unchecked")
		public <T> T call(Pid pid, Object request, Duration timeout) {
			this.calls.add("call " + pid);
			return (T) "answer";
		}

		@Override
		public boolean exit(Pid pid, ExitReason reason) {
			this.calls.add("exit " + pid + " " + reason.kind());
			return true;
		}

		@Override
		public boolean signalExit(Pid pid, ExitReason reason) {
			this.calls.add("signalExit " + pid + " " + reason.kind());
			return true;
		}

		@Override
		public boolean isAlive(Pid pid) {
			this.calls.add("isAlive " + pid);
			return true;
		}

		@Override
		public void link(Pid local, Pid remote) {
			this.calls.add("link " + local + " " + remote);
		}

		@Override
		public void unlink(Pid local, Pid remote) {
			this.calls.add("unlink " + local + " " + remote);
		}

		@Override
		public MonitorRef monitor(Pid watcher, Pid target) {
			this.calls.add("monitor " + watcher + " " + target);
			return new MonitorRef(1, watcher, target);
		}

		@Override
		public boolean demonitor(MonitorRef ref) {
			this.calls.add("demonitor " + ref.target());
			return true;
		}
	}
}

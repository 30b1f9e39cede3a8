package io.rusm.core;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.rusm.core.ProcessProbes.closeCleanly;
import static io.rusm.core.ProcessProbes.next;
import static io.rusm.core.ProcessProbes.parked;
import static io.rusm.core.ProcessProbes.watcher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Without a cluster, a pid of another node is a pid of no live process here: every operation on
 * it behaves as on a dead pid, even when a local process has the same number.
 */
class OtherNodePidTests {

	private final Runtime runtime = Runtime.create();

	@AfterEach
	void close() {
		closeCleanly(this.runtime);
	}

	@Test
	void aPidOfAnotherNodeIsNotTheLocalProcessWithTheSameNumber() throws Exception {
		ProcessHandle local = this.runtime.spawn(parked());
		Pid elsewhere = Pid.of(1, local.pid().id());

		assertThat(this.runtime.isAlive(elsewhere)).isFalse();
		assertThat(this.runtime.info(elsewhere)).isEmpty();
		assertThat(this.runtime.send(elsewhere, "hello")).isFalse();
		assertThat(this.runtime.trySend(elsewhere, "hello")).isEqualTo(Delivery.NO_PROCESS);
		assertThatExceptionOfType(NoProcessException.class)
			.isThrownBy(() -> this.runtime.call(elsewhere, "hello", Duration.ofSeconds(1)));
		assertThat(this.runtime.kill(elsewhere)).isFalse();
		assertThat(this.runtime.exit(elsewhere, ExitReason.SHUTDOWN)).isFalse();
		assertThat(this.runtime.signalExit(elsewhere, ExitReason.SHUTDOWN)).isFalse();
		assertThat(this.runtime.register("elsewhere", elsewhere)).isFalse();
		assertThat(this.runtime.registerTag("elsewhere", elsewhere)).isFalse();
		assertThat(this.runtime.sendAfter(elsewhere, Duration.ZERO, "late").isPending()).isFalse();
		this.runtime.link(local.pid(), elsewhere);
		assertThat(this.runtime.info(local.pid()).orElseThrow().links()).isEmpty();
		assertThat(this.runtime.isAlive(local.pid())).isTrue();
	}

	@Test
	void monitoringAPidOfAnotherNodeReportsNoProcAtOnce() throws Exception {
		BlockingQueue<Object> received = new LinkedBlockingQueue<>();
		Pid watching = watcher(this.runtime, received);
		Pid elsewhere = Pid.of(2, watching.id());

		MonitorRef ref = this.runtime.monitor(watching, elsewhere);

		assertThat(next(received)).isEqualTo(new Signal.Down(ref, elsewhere, ExitReason.NOPROC));
	}

	@Test
	void lostConnectionIsAStandardAbnormalReason() {
		assertThat(ExitReason.NOCONNECTION.kind()).isEqualTo("noconnection");
		assertThat(ExitReason.NOCONNECTION.isAbnormal()).isTrue();
		assertThat(ExitReason.NOCONNECTION).isInstanceOf(ExitReason.Standard.class);
	}
}

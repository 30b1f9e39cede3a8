package io.rusm.cluster;

import io.rusm.core.Pid;

/**
 * Turns a process number on a node into the {@link Pid} this node hands out. The one place that
 * knows how a pid of another node is written: until {@code Pid} carries a node part, a remote
 * holder's pid is its bare process number, meaningful on its own node (and unique within one
 * JVM, since process numbers are thread ids); once it does, remote pids become {@code <K.N.0>}.
 */
final class Pids {

	private Pids() {
	}

	static Pid of(String nodeId, long number) {
		return Pid.of(number);
	}
}

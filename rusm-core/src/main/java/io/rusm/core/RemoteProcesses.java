package io.rusm.core;

import java.time.Duration;

/**
 * Carries out operations on processes of other nodes ({@link Pid#node()} other than {@code 0}) for a
 * runtime joined to a cluster, which installs it with {@link Runtime#connect(RemoteProcesses)}. The
 * runtime hands it exactly the calls whose pid is remote; local pids never reach it and pay one
 * integer comparison. Without one, a remote pid behaves as a dead process.
 *
 * @since 0.1.0
 */
public interface RemoteProcesses {

	/**
	 * Sends a message to a remote process.
	 * @param pid the remote recipient
	 * @param message the message
	 * @return what became of it, as far as this node can tell
	 */
	Delivery send(Pid pid, Object message);

	/**
	 * Calls a remote process and waits for its reply, failing as {@link Runtime#call(Pid, Object, Duration)} does.
	 * @param <T> the type of the reply
	 * @param pid the remote callee
	 * @param request the request
	 * @param timeout how long to wait
	 * @return the reply
	 */
	<T> T call(Pid pid, Object request, Duration timeout);

	/**
	 * Ends a remote process with {@code reason}, as {@link Runtime#exit(Pid, ExitReason)} does.
	 * @param pid the remote process
	 * @param reason the reason
	 * @return whether it was asked to end
	 */
	boolean exit(Pid pid, ExitReason reason);

	/**
	 * Sends a remote process an exit signal, as {@link Runtime#signalExit(Pid, ExitReason)} does.
	 * @param pid the remote process
	 * @param reason the reason
	 * @return whether it was signalled
	 */
	boolean signalExit(Pid pid, ExitReason reason);

	/**
	 * Whether a remote process is alive.
	 * @param pid the remote process
	 * @return whether it is
	 */
	boolean isAlive(Pid pid);

	/**
	 * Links a local process to a remote one.
	 * @param local the local process
	 * @param remote the remote process
	 */
	void link(Pid local, Pid remote);

	/**
	 * Removes the link between a local process and a remote one.
	 * @param local the local process
	 * @param remote the remote process
	 */
	void unlink(Pid local, Pid remote);

	/**
	 * Makes a local process monitor a remote one.
	 * @param watcher the local watcher
	 * @param target the remote target
	 * @return the monitor's reference
	 */
	MonitorRef monitor(Pid watcher, Pid target);

	/**
	 * Removes a monitor of a remote process.
	 * @param ref the monitor
	 * @return whether it was still in place
	 */
	boolean demonitor(MonitorRef ref);
}

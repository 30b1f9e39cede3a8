package io.rusm.spring.boot;

import java.util.concurrent.CompletableFuture;

import io.rusm.core.Pid;
import io.rusm.core.ProcessBody;
import io.rusm.core.SpawnOptions;
import org.jspecify.annotations.Nullable;

/**
 * What the {@link RusmProcessRegistry} starts and stops for one
 * {@link RusmProcess @RusmProcess}: the body of the process it spawns (a supervisor, or a
 * cluster standby), and the singleton's status.
 */
interface ManagedSingleton extends ProcessBody {

	/**
	 * Returns the definition this singleton runs.
	 * @return the definition
	 */
	ProcessDefinition definition();

	/**
	 * Returns how the registry spawns this body.
	 * @return the spawn options, with the process's local name
	 */
	SpawnOptions spawnOptions();

	/**
	 * Returns a future completed once the singleton runs (here or elsewhere) or gave up.
	 * @return the future
	 */
	CompletableFuture<Void> settled();

	/**
	 * Records the pid of the process the registry spawned for this body.
	 * @param pid its pid
	 */
	void supervisedBy(Pid pid);

	/**
	 * Marks the singleton as being stopped by its context.
	 */
	void stopping();

	/**
	 * Returns the running incarnation on this node.
	 * @return its pid, or {@code null} if none runs here
	 */
	@Nullable Pid pid();

	/**
	 * Returns a snapshot of the singleton's status.
	 * @return the status
	 */
	SingletonStatus status();

}

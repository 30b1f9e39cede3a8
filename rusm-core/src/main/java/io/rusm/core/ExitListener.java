package io.rusm.core;

/**
 * Told about every process exit, after the process left the table and its names and tags were
 * released. Set one with {@link Runtime.Builder#exitListener(ExitListener)}; exit histories and
 * metrics are built on it. It runs on the exiting process's thread, so it must be quick and must
 * not block; an exception it throws is logged and otherwise ignored.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ExitListener {

	/**
	 * Called once per process exit.
	 * @param event the exit
	 */
	void onExit(ExitEvent event);
}

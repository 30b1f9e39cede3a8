package io.rusm.cluster;

/**
 * Why a process that held a global name crashed after a network split healed: the same name was
 * held on both sides, and the other holder kept it by the rule documented on
 * {@link RusmCluster}. The same happens, more rarely, when a member's crash took the only copy
 * of the name's record and another node claimed the name, free as it seemed, before the
 * holder's node could claim it again. The losing holder exits with
 * {@code ExitReason.crashed(...)} carrying this exception, so its links, monitors, supervisor
 * and the exit log see a crash.
 *
 * @since 0.1.0
 */
public class NameConflictException extends RuntimeException {

	private final String name;

	/**
	 * Creates the exception.
	 * @param name the global name held twice
	 * @param winner a description of the holder that kept it
	 */
	public NameConflictException(String name, String winner) {
		super("global name '" + name + "' was held twice (on both sides of a network split, or claimed anew after"
				+ " a crash lost its record); " + winner + " kept it");
		this.name = name;
	}

	/**
	 * The global name that was held twice.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}
}

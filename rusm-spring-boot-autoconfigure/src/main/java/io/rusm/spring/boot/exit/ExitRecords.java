package io.rusm.spring.boot.exit;

import java.util.List;
import java.util.Optional;

import io.rusm.core.Pid;

/**
 * Read access to remembered process exits, independent of how they are stored.
 *
 * @author rusm contributors
 * @since 0.1.0
 * @see ExitHistory
 */
public interface ExitRecords {

	/**
	 * Returns the exit record of a process, if it is still remembered.
	 * @param pid the pid of the process
	 * @return its exit record, or empty if it is alive, never existed or was forgotten
	 */
	Optional<ExitRecord> find(Pid pid);

	/**
	 * Returns the remembered exits, crashes first, newest first within each group.
	 * @return the exit records
	 */
	List<ExitRecord> recent();

}

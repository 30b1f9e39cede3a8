package io.rusm.core;

/**
 * Identifies one monitor: returned by {@link Runtime#monitor(Pid, Pid)} and carried by the
 * {@link Signal.Down} it produces, so a watcher of several processes can tell them apart.
 *
 * @param id unique within its runtime
 * @param watcher the process that receives the {@code Down}
 * @param target the process being watched
 * @since 0.1.0
 */
public record MonitorRef(long id, Pid watcher, Pid target) {

	/**
	 * Hashes the id alone, which tells refs of one runtime apart: the processes that hold a
	 * monitor keep its ref in a hash set, and hashing the two pids too would read two more objects
	 * on every monitor and every {@code Down}.
	 */
	@Override
	public int hashCode() {
		return Long.hashCode(this.id);
	}

	@Override
	public String toString() {
		return "#Ref<" + this.id + ">";
	}
}

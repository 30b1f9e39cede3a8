package io.rusm.core;

/**
 * Something waiting for a process to end: a monitoring process (which gets a
 * {@link Signal.Down}) or a pending {@link Call} (which fails with {@link ProcessExitedException}).
 */
abstract class Watch {

	final MonitorRef ref;

	Watch(MonitorRef ref) {
		this.ref = ref;
	}

	/** The watched process ended with {@code reason}. */
	abstract void fire(ExitReason reason);

	/** Whether this watch belongs to a process that {@code info} reports as monitoring. */
	abstract boolean byProcess();

	/**
	 * A process monitoring another: it is told with a {@link Signal.Down} in its mailbox, and
	 * forgets the monitor itself when it receives it, so a busy watcher's bookkeeping is never
	 * contended by the processes it watches.
	 */
	static final class ByProcess extends Watch {

		private final Proc watcher;

		ByProcess(MonitorRef ref, Proc watcher) {
			super(ref);
			this.watcher = watcher;
		}

		@Override
		void fire(ExitReason reason) {
			this.watcher.deliverSignal(new Signal.Down(this.ref, this.ref.target(), reason));
		}

		@Override
		boolean byProcess() {
			return true;
		}
	}
}

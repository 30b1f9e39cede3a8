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
	abstract void fire(Runtime runtime, ExitReason reason);

	/** Whether this watch belongs to a process that {@code info} reports as monitoring. */
	abstract boolean byProcess();

	/** A process monitoring another: it is told with a {@link Signal.Down} in its mailbox. */
	static final class ByProcess extends Watch {

		ByProcess(MonitorRef ref) {
			super(ref);
		}

		@Override
		void fire(Runtime runtime, ExitReason reason) {
			Proc watcher = runtime.lookup(this.ref.watcher());
			if (watcher != null) {
				watcher.forgetWatching(this.ref);
				watcher.deliverSignal(new Signal.Down(this.ref, this.ref.target(), reason));
			}
		}

		@Override
		boolean byProcess() {
			return true;
		}
	}
}

package io.rusm.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import io.rusm.core.MonitorRef;
import io.rusm.core.Pid;
import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import io.rusm.core.Signal;

import io.rusm.cluster.backend.NameRecord;

/**
 * The process that watches this node's holders of global names and releases a name when its
 * holder exits. Unlabeled, so it never shows in the census.
 */
final class NameKeeper {

	private final Runtime runtime;

	private final ProcessHandle process;

	NameKeeper(Runtime runtime, BiConsumer<String, NameRecord> released) {
		this.runtime = runtime;
		this.process = runtime.spawn((ctx) -> {
			Map<MonitorRef, Held> byRef = new HashMap<>();
			Map<String, MonitorRef> byName = new HashMap<>();
			for (;;) {
				switch (ctx.receive()) {
					case Held held -> {
						MonitorRef ref = ctx.monitor(Pid.of(held.record().pid()));
						byRef.put(ref, held);
						MonitorRef previous = byName.put(held.name(), ref);
						if (previous != null) {
							byRef.remove(previous);
							runtime.demonitor(previous);
						}
					}
					case Forget forget -> {
						MonitorRef ref = byName.remove(forget.name());
						if (ref != null) {
							byRef.remove(ref);
							runtime.demonitor(ref);
						}
					}
					case Signal.Down down -> {
						Held held = byRef.remove(down.ref());
						if (held != null) {
							byName.remove(held.name(), down.ref());
							released.accept(held.name(), held.record());
						}
					}
					default -> {
					}
				}
			}
		});
	}

	/** Watches the holder of {@code name}; released when it exits (at once if it already has). */
	void watch(String name, NameRecord record) {
		this.runtime.send(this.process.pid(), new Held(name, record));
	}

	/** Stops watching the holder of {@code name}. */
	void forget(String name) {
		this.runtime.send(this.process.pid(), new Forget(name));
	}

	void stop() {
		this.process.kill();
	}

	private record Held(String name, NameRecord record) {
	}

	private record Forget(String name) {
	}
}

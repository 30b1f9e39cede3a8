package io.rusm.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rusm.core.ExitReason;
import io.rusm.core.NoProcessException;
import io.rusm.core.Pid;
import io.rusm.core.ProcessBody;
import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import io.rusm.core.SpawnOptions;

import io.rusm.cluster.backend.ClusterBackend;
import io.rusm.cluster.backend.NameRecord;

/**
 * Erlang's {@code global} over the backend's name map: claims with an atomic put-if-absent, a
 * pending claim while the winner spawns its holder (so a losing caller's body never runs), release
 * when the holder exits (watched by the {@link NameKeeper}), and the resolution of names held on
 * both sides of a healed split.
 */
final class GlobalNames {

	private static final Logger logger = LoggerFactory.getLogger(RusmCluster.class);

	private static final long MAX_BACKOFF_NANOS = Duration.ofMillis(20).toNanos();

	private final Runtime runtime;

	private final ClusterBackend backend;

	private final String nodeId;

	private final NodeDirectory directory;

	private final RemoteMessaging messaging;

	private final NodeNumbers numbers;

	private final Map<String, NameRecord> held = new ConcurrentHashMap<>();

	private final NameKeeper keeper;

	GlobalNames(Runtime runtime, ClusterBackend backend, String nodeId, NodeDirectory directory,
			RemoteMessaging messaging, NodeNumbers numbers) {
		this.runtime = runtime;
		this.backend = backend;
		this.nodeId = nodeId;
		this.directory = directory;
		this.messaging = messaging;
		this.numbers = numbers;
		this.keeper = new NameKeeper(runtime, this::holderExited);
	}

	boolean register(String name, Pid pid) {
		requireName(name);
		Objects.requireNonNull(pid, "pid");
		if (!pid.isLocal() || !this.runtime.isAlive(pid)) {
			return false;
		}
		NameRecord claim = new NameRecord(this.nodeId, pid.id(), System.currentTimeMillis());
		NameRecord incumbent = this.backend.claim(name, claim);
		if (incumbent != null && (!isStale(incumbent) || !this.backend.replace(name, incumbent, claim))) {
			return false;
		}
		hold(name, claim);
		return true;
	}

	boolean unregister(String name) {
		requireName(name);
		NameRecord released = this.backend.release(name);
		if (released == null) {
			return false;
		}
		if (this.held.remove(name, released)) {
			this.keeper.forget(name);
		}
		return true;
	}

	Optional<Pid> whereis(String name) {
		requireName(name);
		return Optional.ofNullable(holder(name)).map(this::pidOf);
	}

	SortedMap<String, Pid> registered() {
		SortedMap<String, Pid> names = new TreeMap<>();
		this.backend.names().forEach((name, record) -> {
			if (!record.pending() && !isStale(record)) {
				names.put(name, pidOf(record));
			}
		});
		return names;
	}

	Pid whereisOrSpawn(String name, SpawnOptions options, ProcessBody body) {
		requireName(name);
		Objects.requireNonNull(options, "options");
		Objects.requireNonNull(body, "body");
		long backoff = 100_000;
		for (;;) {
			NameRecord current = this.backend.name(name);
			if (current != null && !isStale(current)) {
				if (!current.pending()) {
					return pidOf(current);
				}
				LockSupport.parkNanos(backoff);
				backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
				continue;
			}
			NameRecord claim = new NameRecord(this.nodeId, 0, System.currentTimeMillis());
			boolean won = (current == null) ? this.backend.claim(name, claim) == null
					: this.backend.replace(name, current, claim);
			if (won) {
				Pid pid = spawnHolder(name, claim, options, body);
				if (pid != null) {
					return pid;
				}
			}
		}
	}

	/** Spawns the holder for a won claim; {@code null} if the claim was lost before it resolved. */
	private @Nullable Pid spawnHolder(String name, NameRecord claim, SpawnOptions options, ProcessBody body) {
		ProcessHandle holder;
		try {
			holder = this.runtime.spawn(withoutLocalName(options), body);
		}
		catch (RuntimeException | Error ex) {
			this.backend.release(name, claim);
			throw ex;
		}
		NameRecord resolved = claim.heldBy(holder.pid().id());
		if (!this.backend.replace(name, claim, resolved)) {
			NameRecord winner = this.backend.name(name);
			this.runtime.exit(holder.pid(), ExitReason.crashed(new NameConflictException(name, describe(winner))));
			return null;
		}
		hold(name, resolved);
		return holder.pid();
	}

	private static SpawnOptions withoutLocalName(SpawnOptions options) {
		if (options.name() == null) {
			return options;
		}
		SpawnOptions.Builder builder = SpawnOptions.builder()
			.tags(options.tags())
			.trapExit(options.trapExit())
			.capabilities(options.capabilities());
		if (options.label() != null) {
			builder.label(options.label());
		}
		if (options.linkTo() != null) {
			builder.linkTo(options.linkTo());
		}
		return builder.build();
	}

	boolean send(String name, Object message) {
		requireName(name);
		Objects.requireNonNull(message, "message");
		NameRecord record = holder(name);
		if (record == null) {
			return false;
		}
		if (isLocal(record)) {
			return this.runtime.send(Pid.of(record.pid()), message);
		}
		this.messaging.send(record.node(), record.pid(), message);
		return true;
	}

	<T> T call(String name, Object request, Duration timeout) {
		requireName(name);
		NameRecord record = holder(name);
		if (record == null) {
			throw new NoProcessException("no process holds the global name '" + name + "'");
		}
		if (isLocal(record)) {
			return this.runtime.call(Pid.of(record.pid()), request, timeout);
		}
		return this.messaging.call(record.node(), record.pid(), request, timeout);
	}

	private boolean isLocal(NameRecord record) {
		return record.node().equals(this.nodeId);
	}

	/** The live, resolved holder of a name, if any. */
	private @Nullable NameRecord holder(String name) {
		NameRecord record = this.backend.name(name);
		return (record == null || record.pending() || isStale(record)) ? null : record;
	}

	/** Whether a record names a holder that is gone: a dead local process, or a node that left. */
	private boolean isStale(NameRecord record) {
		if (isLocal(record)) {
			return !record.pending() && !this.runtime.isAlive(Pid.of(record.pid()));
		}
		return !this.directory.isLive(record.node());
	}

	private Pid pidOf(NameRecord record) {
		return this.numbers.pidOf(record.node(), record.pid());
	}

	private void hold(String name, NameRecord record) {
		this.held.put(name, record);
		this.keeper.watch(name, record);
	}

	private void holderExited(String name, NameRecord record) {
		this.held.remove(name, record);
		this.backend.release(name, record);
	}

	/** After a merge chose a holder for {@code name}: if it is not ours, our holder lost. */
	void nameMerged(String name) {
		NameRecord ours = this.held.get(name);
		if (ours != null) {
			NameRecord winner = this.backend.name(name);
			if (!ours.equals(winner)) {
				lose(name, ours, winner);
			}
		}
	}

	/**
	 * Claims every name this node holds again, after this member rejoined from a split or after
	 * a member crashed (a crash can take the only copy of a record with it): a record that
	 * survived stays, a lost one is put back, and a name another holder took meanwhile ends ours.
	 */
	void claimAgain() {
		this.held.forEach((name, ours) -> {
			NameRecord winner = this.backend.claim(name, ours);
			if (winner != null && !winner.equals(ours)) {
				lose(name, ours, winner);
			}
			else if (!ours.equals(this.held.get(name))) {
				// The holder exited meanwhile: its release may have come before this claim put the
				// record back, which would leave the name to a dead process.
				this.backend.release(name, ours);
			}
		});
	}

	private void lose(String name, NameRecord ours, @Nullable NameRecord winner) {
		if (!this.held.remove(name, ours)) {
			return;
		}
		this.keeper.forget(name);
		Pid loser = Pid.of(ours.pid());
		NameConflictException conflict = new NameConflictException(name, describe(winner));
		logger.warn("Ending {}: the global name '{}' it held has another holder since a split healed or a member"
				+ " crashed: {}", loser, name, conflict.getMessage());
		this.runtime.exit(loser, ExitReason.crashed(conflict));
	}

	private String describe(@Nullable NameRecord winner) {
		return (winner != null) ? "the holder claimed at " + Instant.ofEpochMilli(winner.claimedAt()) + " on node "
				+ this.directory.nameOf(winner.node()) : "another claim";
	}

	/** Stops releasing names as their holders exit (the node is leaving). */
	void stopWatching() {
		this.keeper.stop();
	}

	/** Releases every name this node holds, at once (the node is leaving). */
	void releaseAll() {
		try {
			this.held.forEach(this.backend::release);
		}
		finally {
			this.held.clear();
		}
	}

	private static void requireName(String name) {
		Objects.requireNonNull(name, "name");
		if (name.isBlank()) {
			throw new IllegalArgumentException("name must not be blank");
		}
	}
}

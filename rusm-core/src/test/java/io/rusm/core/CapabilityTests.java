package io.rusm.core;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.rusm.core.OpenRuntimes.PARKED;
import static io.rusm.core.ProcessProbes.ended;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Capability#PROCESS_CONTROL}: granted by default, droppable, never regained by children.
 */
class CapabilityTests {

	private static final SpawnOptions SANDBOXED = SpawnOptions.builder().capabilities(Set.of()).build();

	private static final SpawnOptions ASKING_FOR_CONTROL = SpawnOptions.builder()
		.capabilities(EnumSet.of(Capability.PROCESS_CONTROL))
		.build();

	private final OpenRuntimes runtimes = new OpenRuntimes();

	@AfterEach
	void closeRuntimes() {
		this.runtimes.close();
	}

	/** What a process could do to others through its context. */
	record Attempt(Set<Capability> capabilities, int killTag, boolean kill, boolean exit) {
	}

	private static ProcessBody attempting(Pid victim, CompletableFuture<Attempt> outcome) {
		return attempting(victim, victim, outcome);
	}

	/** Tries killTag("victims"), kill(killed) and exit(exited, SHUTDOWN) through the context. */
	private static ProcessBody attempting(Pid killed, Pid exited, CompletableFuture<Attempt> outcome) {
		return (ctx) -> outcome.complete(new Attempt(ctx.capabilities(), ctx.killTag("victims"), ctx.kill(killed),
				ctx.exit(exited, ExitReason.SHUTDOWN)));
	}

	@Test
	void aProcessWithoutProcessControlCannotKillOthers() throws Exception {
		Runtime runtime = this.runtimes.create();
		SpawnOptions victims = SpawnOptions.builder().tags("victims").build();
		ProcessHandle first = runtime.spawn(victims, PARKED);
		ProcessHandle second = runtime.spawn(victims, PARKED);

		CompletableFuture<Attempt> outcome = new CompletableFuture<>();
		ended(runtime.spawn(SANDBOXED, attempting(first.pid(), outcome)));

		assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo(new Attempt(Set.of(), 0, false, false));
		assertThat(runtime.isAlive(first.pid())).isTrue();
		assertThat(runtime.isAlive(second.pid())).isTrue();
		assertThat(runtime.whereisTag("victims")).containsExactly(first.pid(), second.pid());
	}

	@Test
	void aProcessHoldsProcessControlByDefault() throws Exception {
		Runtime runtime = this.runtimes.create();
		SpawnOptions victims = SpawnOptions.builder().tags("victims").build();
		ProcessHandle first = runtime.spawn(victims, PARKED);
		ProcessHandle second = runtime.spawn(victims, PARKED);
		ProcessHandle killed = runtime.spawn(PARKED);
		ProcessHandle exited = runtime.spawn(PARKED);

		CompletableFuture<Attempt> outcome = new CompletableFuture<>();
		ended(runtime.spawn(attempting(killed.pid(), exited.pid(), outcome)));

		assertThat(outcome.get(10, TimeUnit.SECONDS))
			.isEqualTo(new Attempt(Set.of(Capability.PROCESS_CONTROL), 2, true, true));
		assertThat(ended(first)).isEqualTo(ExitReason.KILLED);
		assertThat(ended(second)).isEqualTo(ExitReason.KILLED);
		assertThat(ended(killed)).isEqualTo(ExitReason.KILLED);
		assertThat(ended(exited)).isEqualTo(ExitReason.SHUTDOWN);
	}

	@Test
	void childrenOfASandboxedProcessNeverGetTheCapabilityBack() throws Exception {
		Runtime runtime = this.runtimes.create();
		ProcessHandle victim = runtime.spawn(SpawnOptions.builder().tags("victims").build(), PARKED);

		CompletableFuture<Attempt> asked = new CompletableFuture<>();
		CompletableFuture<Attempt> plain = new CompletableFuture<>();
		CompletableFuture<Attempt> linked = new CompletableFuture<>();
		CompletableFuture<Attempt> grandchild = new CompletableFuture<>();
		ProcessHandle sandboxed = runtime.spawn(SANDBOXED, (ctx) -> {
			ended(ctx.spawn(ASKING_FOR_CONTROL, (child) -> {
				attempting(victim.pid(), asked).run(child);
				ended(child.spawn(ASKING_FOR_CONTROL, attempting(victim.pid(), grandchild)));
			}));
			ended(ctx.spawn(attempting(victim.pid(), plain)));
			ended(ctx.spawnLink(attempting(victim.pid(), linked)));
		});
		assertThat(ended(sandboxed)).isEqualTo(ExitReason.NORMAL);

		Attempt powerless = new Attempt(Set.of(), 0, false, false);
		assertThat(asked.get(10, TimeUnit.SECONDS)).as("asking for it explicitly").isEqualTo(powerless);
		assertThat(grandchild.get(10, TimeUnit.SECONDS)).as("a grandchild").isEqualTo(powerless);
		assertThat(plain.get(10, TimeUnit.SECONDS)).as("default options").isEqualTo(powerless);
		assertThat(linked.get(10, TimeUnit.SECONDS)).as("spawnLink").isEqualTo(powerless);
		assertThat(runtime.isAlive(victim.pid())).isTrue();
	}

	@Test
	void aProcessCanDropTheCapabilityForItsChildren() throws Exception {
		Runtime runtime = this.runtimes.create();
		ProcessHandle victim = runtime.spawn(SpawnOptions.builder().tags("victims").build(), PARKED);
		CompletableFuture<Attempt> child = new CompletableFuture<>();
		ended(runtime.spawn((ctx) -> ended(ctx.spawn(SANDBOXED, attempting(victim.pid(), child)))));

		assertThat(child.get(10, TimeUnit.SECONDS)).isEqualTo(new Attempt(Set.of(), 0, false, false));
		assertThat(runtime.isAlive(victim.pid())).isTrue();
	}

}

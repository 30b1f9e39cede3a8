package io.rusm.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.rusm.core.ProcessProbes.parked;
import static io.rusm.core.OpenRuntimes.PARKED;
import static io.rusm.core.ProcessProbes.eventually;
import static io.rusm.core.ProcessProbes.ended;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Process groups (tags): joining, leaving, killing a whole group, and the release of memberships on
 * exit.
 */
class ProcessGroupTests {

	private final OpenRuntimes runtimes = new OpenRuntimes();

	@AfterEach
	void closeRuntimes() {
		this.runtimes.close();
	}

	// seed: tags_group_processes_and_kill_tag_terminates_only_that_group
	@Test
	void killTagTerminatesOnlyThatGroup() throws Exception {
		Runtime runtime = this.runtimes.create();
		ProcessHandle a = runtime.spawn(PARKED);
		ProcessHandle b = runtime.spawn(PARKED);
		ProcessHandle c = runtime.spawn(PARKED);
		assertThat(runtime.registerTag("plan:1", a.pid())).isTrue();
		assertThat(runtime.registerTag("plan:1", b.pid())).isTrue();
		assertThat(runtime.registerTag("plan:2", c.pid())).isTrue();

		assertThat(runtime.whereisTag("plan:1")).containsExactlyInAnyOrder(a.pid(), b.pid());
		assertThat(runtime.whereisTag("plan:2")).containsExactly(c.pid());
		assertThat(runtime.whereisTag("nope")).isEmpty();

		assertThat(runtime.killTag("plan:1")).isEqualTo(2);
		assertThat(ended(a)).isEqualTo(ExitReason.KILLED);
		assertThat(ended(b)).isEqualTo(ExitReason.KILLED);
		assertThat(runtime.whereisTag("plan:1")).as("members reaped to empty").isEmpty();
		assertThat(runtime.isAlive(c.pid())).as("the other group is untouched").isTrue();
		assertThat(runtime.whereisTag("plan:2")).containsExactly(c.pid());
	}

	// seed: a_dead_process_leaves_its_tags_and_cannot_be_re_tagged
	@Test
	void aDeadProcessLeavesItsTagsAndCannotBeRetagged() throws Exception {
		Runtime runtime = this.runtimes.create();
		ProcessHandle a = runtime.spawn(PARKED);
		assertThat(runtime.registerTag("g", a.pid())).isTrue();
		a.kill();
		ended(a);
		assertThat(runtime.whereisTag("g")).as("membership reaped on exit").isEmpty();
		assertThat(runtime.registerTag("g", a.pid())).as("a dead pid can't be tagged").isFalse();
		assertThat(runtime.whereisTag("g")).isEmpty();
		assertThat(runtime.tagCounts()).isEmpty();
	}

	// seed: a_process_holds_multiple_tags_and_can_leave_one
	@Test
	void aProcessHoldsSeveralTagsAndCanLeaveOne() throws Exception {
		Runtime runtime = this.runtimes.create();
		ProcessHandle a = runtime.spawn(PARKED);
		assertThat(runtime.registerTag("x", a.pid())).isTrue();
		assertThat(runtime.registerTag("y", a.pid())).isTrue();
		assertThat(runtime.registerTag("x", a.pid())).as("idempotent re-tag").isTrue();
		assertThat(runtime.whereisTag("x")).containsExactly(a.pid());
		assertThat(runtime.info(a.pid()).orElseThrow().tags()).containsExactlyInAnyOrder("x", "y");

		assertThat(runtime.unregisterTag("x", a.pid())).isTrue();
		assertThat(runtime.whereisTag("x")).as("an emptied group is dropped").isEmpty();
		assertThat(runtime.tagCounts()).containsOnlyKeys("y");
		assertThat(runtime.whereisTag("y")).as("the other tag is intact").containsExactly(a.pid());
		assertThat(runtime.unregisterTag("x", a.pid())).as("already gone").isFalse();
		assertThat(runtime.info(a.pid()).orElseThrow().tags()).containsExactly("y");
	}

	// seed: kill_tag_of_an_unknown_group_is_zero
	@Test
	void killTagOfAnUnknownGroupIsZero() {
		Runtime runtime = this.runtimes.create();
		assertThat(runtime.killTag("ghost")).isZero();
	}

	// seed: census_tag_counts_reflect_group_membership
	@Test
	void tagCountsReflectGroupMembership() throws Exception {
		Runtime runtime = this.runtimes.create();
		List<ProcessHandle> procs = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			procs.add(runtime.spawn(parked()));
		}
		for (ProcessHandle p : procs) {
			assertThat(runtime.registerTag("plan:abc123", p.pid())).isTrue();
		}
		assertThat(runtime.registerTag("plan:def456", procs.get(0).pid())).isTrue();
		assertThat(runtime.tagCounts()).containsExactly(entry("plan:abc123", 3), entry("plan:def456", 1));

		// kill_tag ends the whole group; each member leaves all its groups as it drains, so
		// emptied tags drop out of the counts entirely.
		assertThat(runtime.killTag("plan:abc123")).isEqualTo(3);
		for (ProcessHandle p : procs) {
			ended(p);
		}
		assertThat(runtime.tagCounts()).as("both groups emptied and vanished").isEmpty();
	}

	@Test
	void tagsGivenInSpawnOptionsOrJoinedThroughTheContextAreMemberships() throws Exception {
		Runtime runtime = this.runtimes.create();
		ProcessHandle optioned = runtime.spawn(SpawnOptions.builder().tags("a", "b").build(), PARKED);
		CompletableFuture<Boolean> joined = new CompletableFuture<>();
		ProcessHandle self = runtime.spawn((ctx) -> {
			joined.complete(ctx.registerTag("a"));
			parked().run(ctx);
		});
		assertThat(joined.get(10, TimeUnit.SECONDS)).isTrue();
		assertThat(runtime.whereisTag("a")).containsExactly(optioned.pid(), self.pid());
		assertThat(runtime.whereisTag("b")).containsExactly(optioned.pid());
		assertThat(runtime.tagCounts()).containsExactly(entry("a", 2), entry("b", 1));
	}

	@Test
	void killTagCountsOnlyMembersItSignalled() throws Exception {
		Runtime runtime = this.runtimes.create();
		ProcessHandle a = runtime.spawn(SpawnOptions.builder().tags("g").build(), PARKED);
		ProcessHandle b = runtime.spawn(SpawnOptions.builder().tags("g").build(), PARKED);
		assertThat(runtime.kill(a.pid())).isTrue();
		// a may still be tearing down, but it was told to exit already: not counted again.
		assertThat(runtime.killTag("g")).isEqualTo(1);
		ended(a);
		ended(b);
		assertThat(runtime.killTag("g")).isZero();
	}

	@Test
	void killTagOnTenThousandMembersKillsEveryOneAndEmptiesTheGroup() throws Exception {
		Runtime runtime = this.runtimes.create();
		int members = 10_000;
		SpawnOptions tagged = SpawnOptions.builder().tags("big").build();
		ProcessHandle bystander = runtime.spawn(SpawnOptions.builder().tags("other").build(), PARKED);
		for (int i = 0; i < members; i++) {
			runtime.spawn(tagged, parked());
		}
		assertThat(runtime.tagCounts()).containsEntry("big", members);

		assertThat(runtime.killTag("big")).isEqualTo(members);

		// A teardown counts the process finished before it releases its tags (the documented order),
		// so wait for both: finishing is not yet leaving the group.
		eventually().until(() -> runtime.finished() == members && !runtime.tagCounts().containsKey("big"));
		assertThat(runtime.whereisTag("big")).isEmpty();
		assertThat(runtime.tagCounts()).containsExactly(entry("other", 1));
		assertThat(runtime.processCount()).isEqualTo(1);
		assertThat(runtime.killTag("big")).isZero();
		assertThat(runtime.isAlive(bystander.pid())).isTrue();
	}

	@Test
	void badTagsAreRejectedClearlyAndTheRuntimeStaysUsable() {
		Runtime runtime = this.runtimes.create();
		Pid pid = runtime.spawn(PARKED).pid();

		assertThatNullPointerException().isThrownBy(() -> runtime.registerTag(null, pid)).withMessage("tag");
		assertThatNullPointerException().isThrownBy(() -> runtime.registerTag("t", null)).withMessage("pid");
		assertThatIllegalArgumentException().isThrownBy(() -> runtime.registerTag(" ", pid))
			.withMessageContaining("tag must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> runtime.registerTag("", pid))
			.withMessageContaining("tag must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> runtime.killTag(" "))
			.withMessageContaining("tag must not be blank");
		assertThatNullPointerException().isThrownBy(() -> runtime.killTag(null)).withMessage("tag");
		assertThatIllegalArgumentException().isThrownBy(() -> runtime.whereisTag(""))
			.withMessageContaining("tag must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> runtime.unregisterTag(" ", pid))
			.withMessageContaining("tag must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> SpawnOptions.builder().tags("ok", " "))
			.withMessageContaining("tag must not be blank");
		assertThatNullPointerException().isThrownBy(() -> SpawnOptions.builder().tags((String[]) null));

		assertThat(runtime.tagCounts()).isEmpty();
		assertThat(runtime.registerTag("fine", pid)).isTrue();
		assertThat(runtime.whereisTag("fine")).containsExactly(pid);
	}

}

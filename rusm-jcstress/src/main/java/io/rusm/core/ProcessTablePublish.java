package io.rusm.core;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The process table publishes a process into its slot with a release store and a lookup reads the
 * slot with an acquire load, taking no lock: a lookup racing the spawn finds the process whole (its
 * id, its thread) or not at all, and once the spawn returned it is always found.
 */
@JCStressTest
@Description("ProcessTable: a lock-free lookup racing the table write of a spawn")
@Outcome(id = "found, found", expect = ACCEPTABLE, desc = "the lookup came after the write")
@Outcome(id = "absent, found", expect = ACCEPTABLE, desc = "the lookup came before the write")
@Outcome(expect = FORBIDDEN, desc = "a torn process, another process, or lost after the write")
@State
public class ProcessTablePublish {

	private static final Runtime RUNTIME = Runtime.builder().keepAlive(false).build();

	private final ProcessTable table = new ProcessTable();

	/** Never started: the table only needs the object, and its thread is never run. */
	private final Proc process = new ProcessContext(RUNTIME, RUNTIME.lifecycle(), (ctx) -> {
	}, SpawnOptions.DEFAULT, false);

	private final Pid pid = Pid.of(this.process.id);

	/** The spawn's table write. */
	@Actor
	public void spawn() {
		this.table.add(this.process);
	}

	/** A send's lookup. */
	@Actor
	public void lookUp(LL_Result result) {
		result.r1 = describe(this.table.get(this.pid));
	}

	/** After both: the process must be there. */
	@Arbiter
	public void after(LL_Result result) {
		result.r2 = describe(this.table.get(this.pid));
	}

	private String describe(Proc found) {
		if (found == null) {
			return "absent";
		}
		boolean whole = found == this.process && found.id == this.pid.id() && found.thread != null;
		return whole ? "found" : "torn";
	}
}

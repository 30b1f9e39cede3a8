package io.rusm.sample.readme;

import java.time.Duration;

import io.rusm.core.Call;
import io.rusm.core.ExitReason;
import io.rusm.core.ManualClock;
import io.rusm.core.Pid;
import io.rusm.core.ProcessBody;
import io.rusm.core.ProcessExitedException;
import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import io.rusm.test.RusmTest;
import io.rusm.test.TestProbe;
import org.junit.jupiter.api.Test;

import static io.rusm.test.RusmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The examples of the README's "Testing your processes": a process tested with {@code rusm-test}.
 * Each region between {@code tag::name[]} and {@code end::name[]} appears there verbatim, which
 * {@link ReadmeTests} checks.
 */
@RusmTest
class ReminderTests {

	// tag::testing-reminder[]
	record Remind(String text, Duration after, Pid to) { }

	static final ProcessBody REMINDER = (ctx) -> {
		while (true) {
			switch (ctx.receive()) {
				case Call call when call.request() instanceof Remind remind -> {
					ctx.runtime().sendAfter(ctx.self(), remind.after(), remind); // to itself, later
					call.reply("ok"); // the timer is set
				}
				case Remind due -> ctx.runtime().send(due.to(), due.text());
				default -> { }
			}
		}
	};
	// end::testing-reminder[]

	// tag::testing-probe[]
	@Test
	void remindsWhenTheTimeHasCome(Runtime runtime, ManualClock clock, TestProbe probe) {
		ProcessHandle reminder = runtime.spawn(REMINDER);
		runtime.call(reminder.pid(), new Remind("stand up", Duration.ofMinutes(30), probe.pid()),
				Duration.ofSeconds(1));
		clock.advance(Duration.ofMinutes(29));
		probe.expectNoMessage(Duration.ofMillis(100));
		clock.advance(Duration.ofMinutes(1)); // virtual time: the test takes milliseconds
		probe.expectMessage("stand up");
		reminder.kill(); // without this the test fails: it left a process behind
	}
	// end::testing-probe[]

	// tag::testing-assertions[]
	@Test
	void aNegativeDelayCrashesTheReminder(Runtime runtime, TestProbe probe) {
		ProcessHandle reminder = runtime.spawn(REMINDER);
		runtime.monitor(probe.pid(), reminder.pid());
		Remind never = new Remind("never", Duration.ofSeconds(-1), probe.pid());
		assertThatExceptionOfType(ProcessExitedException.class)
			.isThrownBy(() -> runtime.call(reminder.pid(), never, Duration.ofSeconds(1)));
		assertThat(reminder).crashes().isInstanceOf(IllegalArgumentException.class);
		assertThat(probe.expectDown(reminder.pid())).isInstanceOf(ExitReason.Crashed.class);
	}
	// end::testing-assertions[]
}

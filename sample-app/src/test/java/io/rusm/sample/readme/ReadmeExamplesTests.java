package io.rusm.sample.readme;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.rusm.core.Call;
import io.rusm.core.ChildSpec;
import io.rusm.core.Context;
import io.rusm.core.ExitReason;
import io.rusm.core.Pid;
import io.rusm.core.ProcessBody;
import io.rusm.core.ProcessHandle;
import io.rusm.core.ProcessInfo;
import io.rusm.core.Restart;
import io.rusm.core.Runtime;
import io.rusm.core.SpawnOptions;
import io.rusm.core.Strategy;
import io.rusm.core.Supervisor;
import io.rusm.core.TimerRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The examples of the programming model quoted in the root {@code README.md} (with
 * {@link Greeter}): each region between {@code tag::name[]} and {@code end::name[]}
 * appears there verbatim, which {@link ReadmeTests} checks, so the README shows only code
 * that compiles and works.
 */
class ReadmeExamplesTests {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private final Runtime runtime = Runtime.create();

	@AfterEach
	void closeRuntime() {
		this.runtime.close();
	}

	// tag::messages[]
	record Increment(long by) { }

	record Get() { }
	// end::messages[]

	@Test
	void processBody() {
		Runtime runtime = this.runtime;
		// tag::process-body[]
		ProcessBody counter = (ctx) -> {
			long count = 0; // state lives in the receive loop
			while (true) {
				switch (ctx.receive()) {
					case Increment increment -> count += increment.by();
					case Call call when call.request() instanceof Get -> call.reply(count);
					default -> { } // anything else is dropped
				}
			}
		};
		ProcessHandle handle = runtime.spawn(counter);
		runtime.send(handle.pid(), new Increment(2));
		runtime.send(handle.pid(), new Increment(3));
		long count = runtime.call(handle.pid(), new Get(), Duration.ofSeconds(1)); // 5
		// end::process-body[]
		assertThat(count).isEqualTo(5);
	}

	@Test
	void tagsAndKillTag() {
		Runtime runtime = this.runtime;
		// tag::tags[]
		SpawnOptions options = SpawnOptions.builder().label("agent").tags("plan:42").build();
		for (int i = 0; i < 3; i++) {
			runtime.spawn(options, (ctx) -> ctx.receive()); // waits for a message
		}
		List<Pid> agents = runtime.whereisTag("plan:42"); // the three agents
		int stopped = runtime.killTag("plan:42"); // 3, each exits KILLED
		// end::tags[]
		assertThat(agents).hasSize(3);
		assertThat(stopped).isEqualTo(3);
		await().atMost(PATIENCE).until(() -> runtime.census().getOrDefault("agent", 0) == 0);
	}

	@Test
	void timers() throws InterruptedException {
		Runtime runtime = this.runtime;
		// tag::timers[]
		ProcessBody worker = (ctx) -> {
			for (int step = 1; step <= 3; step++) {
				ctx.runtime().sendAfter(ctx.self(), Duration.ofMillis(100), "tick");
				ctx.receive("tick"::equals); // selective receive: waits for the tick
			}
		};
		ProcessHandle handle = runtime.spawn(worker);
		TimerRef reminder = runtime.sendAfter(handle.pid(), Duration.ofMinutes(5), "remind");
		boolean cancelled = reminder.cancel(); // true: "remind" is never delivered
		ExitReason reason = handle.join(); // NORMAL, after three ticks
		// end::timers[]
		assertThat(cancelled).isTrue();
		assertThat(reason).isEqualTo(ExitReason.NORMAL);
	}

	// tag::hibernate[]
	static ProcessBody counter(long count) {
		return (ctx) -> {
			switch (ctx.receive()) { // the message that woke it
				case Increment increment -> ctx.hibernate(counter(count + increment.by()));
				case Call call -> {
					call.reply(count);
					ctx.hibernate(counter(count));
				}
				default -> ctx.hibernate(counter(count));
			}
		};
	}
	// end::hibernate[]

	@Test
	void hibernation() {
		Runtime runtime = this.runtime;
		// tag::hibernate-spawn[]
		Pid pid = runtime.spawn((ctx) -> ctx.hibernate(counter(0))).pid();
		runtime.send(pid, new Increment(2));
		long count = runtime.call(pid, new Get(), Duration.ofSeconds(1)); // 2
		// end::hibernate-spawn[]
		assertThat(count).isEqualTo(2);
		await().atMost(PATIENCE)
			.until(() -> runtime.info(pid).orElseThrow().state() == ProcessInfo.State.HIBERNATING);
	}

	@Test
	void supervisor() {
		Runtime runtime = this.runtime;
		// tag::supervisor[]
		Supervisor supervisor = Supervisor.builder()
			.strategy(Strategy.ONE_FOR_ONE)
			.intensity(3, Duration.ofSeconds(5)) // a 4th restart within 5 s: give up
			.child(ChildSpec.builder("cache", Cache::new) // a fresh body for every (re)start
				.restart(Restart.PERMANENT)
				.options(SpawnOptions.builder().name("cache").build())
				.build())
			.build();
		supervisor.start(runtime);
		// end::supervisor[]
		Pid first = await().atMost(PATIENCE).until(() -> runtime.whereis("cache").orElse(null), (pid) -> pid != null);
		runtime.kill(first);
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(runtime.whereis("cache")).hasValueSatisfying(
					(pid) -> assertThat(pid).isNotEqualTo(first)));
		assertThat(supervisor.children()).singleElement()
			.satisfies((child) -> assertThat(child.restarts()).isOne());
	}

	@Test
	void rusmProcessWithHandlers() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(GreeterApplication.class)
			.web(WebApplicationType.NONE)
			.run()) {
			Runtime runtime = context.getBean(Runtime.class);
			// tag::call[]
			String greeting = runtime.call("greeter", "Ada", Duration.ofSeconds(1)); // "Hello, Ada!"
			int greeted = runtime.call("greeter", new Greeter.CountGreetings(), Duration.ofSeconds(1)); // 1
			// end::call[]
			assertThat(greeting).isEqualTo("Hello, Ada!");
			assertThat(greeted).isOne();
		}
	}

	/** A cache process: its entries live in its receive loop. */
	static final class Cache implements ProcessBody {

		@Override
		public void run(Context ctx) {
			Map<String, String> entries = new HashMap<>();
			while (true) {
				switch (ctx.receive()) {
					case Put put -> entries.put(put.key(), put.value());
					case Call call when call.request() instanceof String key -> call.reply(entries.get(key));
					default -> {
					}
				}
			}
		}

	}

	record Put(String key, String value) {
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(Greeter.class)
	static class GreeterApplication {

	}

}

package io.rusm.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static io.rusm.core.ProcessProbes.parked;
import static io.rusm.core.OpenRuntimes.PARKED;
import static io.rusm.core.ProcessProbes.eventually;
import static io.rusm.core.ProcessProbes.ended;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The lifecycle log {@code io.rusm.lifecycle} and its debounced census line, captured with a
 * logback {@link ListAppender}. Every runtime here runs on a {@link ManualClock}, so the census
 * debounce fires exactly when the test advances the clock.
 */
class LifecycleLogTests {

	private static final Duration DEBOUNCE = Duration.ofSeconds(1);

	private final OpenRuntimes runtimes = new OpenRuntimes();

	private final ManualClock clock = new ManualClock();

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger("io.rusm.lifecycle");

	private Level previousLevel;

	private boolean previousAdditive;

	@BeforeEach
	void captureTheLifecycleLogger() {
		this.previousLevel = this.logger.getLevel();
		this.previousAdditive = this.logger.isAdditive();
		this.logger.setLevel(Level.DEBUG);
		this.logger.setAdditive(false);
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	@AfterEach
	void releaseTheLifecycleLogger() {
		this.runtimes.close();
		this.logger.detachAppender(this.appender);
		this.appender.stop();
		this.logger.setLevel(this.previousLevel);
		this.logger.setAdditive(this.previousAdditive);
	}

	private Runtime runtimeLoggingAt(LogLevel level) {
		return this.runtimes
			.build((builder) -> builder.lifecycleLog(level).censusDebounce(DEBOUNCE).clock(this.clock));
	}

	/** What was logged so far; the appender appends under its own lock. */
	private List<ILoggingEvent> logged() {
		synchronized (this.appender) {
			return List.copyOf(this.appender.list);
		}
	}

	private List<ILoggingEvent> about(Pid pid) {
		return logged().stream().filter((event) -> event.getFormattedMessage().contains(pid.toString())).toList();
	}

	private List<String> censusLines() {
		return logged().stream()
			.map(ILoggingEvent::getFormattedMessage)
			.filter((line) -> line.startsWith("census"))
			.toList();
	}

	private void settle() {
		this.clock.advance(DEBOUNCE);
	}

	@Test
	void aLabeledSpawnIsLoggedAtDebug() throws Exception {
		Runtime runtime = runtimeLoggingAt(LogLevel.DEBUG);
		ProcessHandle labeled = runtime.spawn(SpawnOptions.builder().label("svc").build(), PARKED);
		ProcessHandle unlabeled = runtime.spawn(PARKED);

		assertThat(about(labeled.pid())).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
			assertThat(event.getFormattedMessage()).contains("spawn").contains("svc");
		});
		assertThat(about(unlabeled.pid())).isEmpty();
	}

	@Test
	void spawnsAreNotLoggedAboveDebug() {
		Runtime runtime = runtimeLoggingAt(LogLevel.INFO);
		ProcessHandle labeled = runtime.spawn(SpawnOptions.builder().label("svc").build(), PARKED);
		assertThat(about(labeled.pid())).isEmpty();
	}

	@Test
	void exitsAreLoggedAtTheLevelOfTheirReason() throws Exception {
		Runtime runtime = runtimeLoggingAt(LogLevel.INFO);
		IllegalStateException boom = new IllegalStateException("boom");
		CountDownLatch go = new CountDownLatch(1);
		ProcessHandle clean = runtime.spawn(SpawnOptions.builder().label("clean").build(), (ctx) -> go.await());
		ProcessHandle crashing = runtime.spawn(SpawnOptions.builder().label("crasher").build(), (ctx) -> {
			go.await();
			throw boom;
		});
		ProcessHandle killed = runtime.spawn(SpawnOptions.builder().label("victim").build(), PARKED);

		go.countDown();
		killed.kill();
		ended(clean);
		ended(crashing);
		ended(killed);

		assertThat(about(clean.pid())).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.INFO);
			assertThat(event.getFormattedMessage()).contains("exit").contains("clean").contains("normal");
			assertThat(event.getThrowableProxy()).isNull();
		});
		assertThat(about(crashing.pid())).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.ERROR);
			assertThat(event.getFormattedMessage()).contains("exit").contains("crasher").contains("crashed");
			assertThat(event.getThrowableProxy()).isNotNull();
			assertThat(event.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
			assertThat(event.getThrowableProxy().getMessage()).isEqualTo("boom");
		});
		assertThat(about(killed.pid())).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
			.containsExactly(tuple(Level.INFO, "kill " + killed.pid() + " (victim)"),
					tuple(Level.WARN, "exit " + killed.pid() + " (victim): killed"));
	}

	@Test
	void theLevelFiltersLines() throws Exception {
		Runtime runtime = runtimeLoggingAt(LogLevel.ERROR);
		ProcessHandle crashing = runtime.spawn(SpawnOptions.builder().label("crasher").build(), (ctx) -> {
			throw new IllegalStateException("boom");
		});
		ProcessHandle killed = runtime.spawn(SpawnOptions.builder().label("victim").build(), PARKED);
		ProcessHandle clean = runtime.spawn(SpawnOptions.builder().label("clean").build(), (ctx) -> {
		});
		killed.kill();
		ended(crashing);
		ended(killed);
		ended(clean);
		this.clock.advance(Duration.ofMinutes(1));

		assertThat(about(crashing.pid())).extracting(ILoggingEvent::getLevel).containsExactly(Level.ERROR);
		assertThat(about(killed.pid())).as("kill (INFO) and killed exit (WARN) are below ERROR").isEmpty();
		assertThat(about(clean.pid())).isEmpty();
		assertThat(censusLines()).as("the census is an INFO line").isEmpty();
	}

	@Test
	void killTagLogsOneSummaryInsteadOfAKillPerMember() throws Exception {
		Runtime runtime = runtimeLoggingAt(LogLevel.INFO);
		SpawnOptions member = SpawnOptions.builder().label("agent").tags("plan:42").build();
		List<ProcessHandle> members = List.of(runtime.spawn(member, PARKED), runtime.spawn(member, PARKED),
				runtime.spawn(member, PARKED));

		assertThat(runtime.killTag("plan:42")).isEqualTo(3);
		for (ProcessHandle handle : members) {
			ended(handle);
			assertThat(about(handle.pid())).extracting(ILoggingEvent::getLevel)
				.as("only its own exit line, no kill line")
				.containsExactly(Level.WARN);
		}
		assertThat(logged()).filteredOn((event) -> event.getFormattedMessage().startsWith("kill"))
			.singleElement()
			.satisfies((event) -> {
				assertThat(event.getLevel()).isEqualTo(Level.INFO);
				assertThat(event.getFormattedMessage()).isEqualTo("kill-tag plan:42: 3 processes");
			});
	}

	// seed: census_step_emits_on_activity_not_on_count_equality
	@Test
	void theCensusIsWrittenOnActivityNotOnCountEquality() throws Exception {
		Runtime runtime = runtimeLoggingAt(LogLevel.INFO);
		ProcessHandle a = runtime.spawn(parked());
		runtime.setLabel(a.pid(), "alpha");
		settle();
		assertThat(censusLines()).as("a labeled spawn is activity").containsExactly("census: alpha=1; tags: none");
		settle();
		assertThat(censusLines()).as("nothing happened since: no duplicate").hasSize(1);

		// A spawn and an exit that net back to the same counts are still real activity.
		ProcessHandle b = runtime.spawn(parked());
		runtime.setLabel(b.pid(), "beta");
		b.kill();
		ended(b);
		assertThat(runtime.census()).containsOnlyKeys("alpha");
		settle();
		assertThat(censusLines()).as("a net-zero spawn and exit emits")
			.containsExactly("census: alpha=1; tags: none", "census: alpha=1; tags: none");
		settle();
		assertThat(censusLines()).as("and then stays quiet").hasSize(2);
	}

	// seed: joining_or_leaving_a_group_is_census_activity
	@Test
	void joiningOrLeavingAGroupIsCensusActivity() {
		Runtime runtime = runtimeLoggingAt(LogLevel.INFO);
		ProcessHandle p = runtime.spawn(parked());
		settle();
		assertThat(censusLines()).as("an unlabeled spawn is no census activity").isEmpty();

		assertThat(runtime.registerTag("plan:x", p.pid())).isTrue();
		settle();
		assertThat(censusLines()).containsExactly("census: none; tags: plan:x=1");

		assertThat(runtime.unregisterTag("plan:x", p.pid())).isTrue();
		settle();
		assertThat(censusLines()).containsExactly("census: none; tags: plan:x=1", "census: none; tags: none");
		settle();
		assertThat(censusLines()).hasSize(2);
	}

	@Test
	void theExitOfAnUnlabeledTaggedProcessIsCensusActivity() throws Exception {
		Runtime runtime = runtimeLoggingAt(LogLevel.INFO);
		ProcessHandle p = runtime.spawn(SpawnOptions.builder().tags("g").build(), PARKED);
		settle();
		assertThat(censusLines()).containsExactly("census: none; tags: g=1");

		p.kill();
		ended(p);
		settle();
		assertThat(censusLines()).containsExactly("census: none; tags: g=1", "census: none; tags: none");
	}

	@Test
	void aBurstOfChangesIsOneCensusLineAfterTheDebounce() {
		Runtime runtime = runtimeLoggingAt(LogLevel.INFO);
		SpawnOptions worker = SpawnOptions.builder().label("worker").tags("batch").build();
		for (int i = 0; i < 100; i++) {
			runtime.spawn(worker, PARKED);
		}
		this.clock.advance(DEBOUNCE.minusNanos(1));
		assertThat(censusLines()).as("still settling").isEmpty();
		this.clock.advance(Duration.ofNanos(1));
		assertThat(censusLines()).containsExactly("census: worker=100; tags: batch=100");
	}

	@Test
	void inRealTimeTheCensusIsWrittenOnceTheDebouncePassed() {
		Runtime runtime = this.runtimes
			.build((builder) -> builder.lifecycleLog(LogLevel.INFO).censusDebounce(Duration.ofMillis(50)));
		runtime.spawn(SpawnOptions.builder().label("svc").build(), PARKED);
		eventually().until(() -> !censusLines().isEmpty());
		assertThat(censusLines()).containsExactly("census: svc=1; tags: none");
	}

	@Test
	void theCensusTimerIsNotAPendingTimer() {
		Runtime runtime = runtimeLoggingAt(LogLevel.INFO);
		runtime.spawn(SpawnOptions.builder().label("svc").build(), PARKED);
		assertThat(runtime.pendingTimers()).isZero();
		settle();
		assertThat(censusLines()).hasSize(1);
	}

	@Test
	void byDefaultEveryCrashIsLoggedAtErrorWithItsExceptionAndNothingElse() throws Exception {
		Runtime runtime = this.runtimes.build((builder) -> builder.clock(this.clock));
		IllegalStateException boom = new IllegalStateException("boom");
		ProcessHandle crashing = runtime.spawn((ctx) -> {
			throw boom;
		});
		ProcessHandle killed = runtime.spawn(SpawnOptions.builder().label("svc").build(), PARKED);
		killed.kill();
		ended(crashing);
		ended(killed);
		this.clock.advance(Duration.ofMinutes(5));

		assertThat(logged()).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.ERROR);
			assertThat(event.getFormattedMessage()).contains(crashing.pid().toString(), "crashed");
			assertThat(event.getThrowableProxy().getMessage()).isEqualTo("boom");
		});
	}

	@Test
	void nothingIsLoggedWhenTheLogIsOff() throws Exception {
		Runtime runtime = this.runtimes.build((builder) -> builder.lifecycleLog(LogLevel.OFF).clock(this.clock));
		SpawnOptions labeled = SpawnOptions.builder().label("svc").tags("g").build();
		ProcessHandle crashing = runtime.spawn(labeled, (ctx) -> {
			throw new IllegalStateException("boom");
		});
		ProcessHandle killed = runtime.spawn(labeled, PARKED);
		ProcessHandle tagged = runtime.spawn(labeled, PARKED);
		ProcessHandle clean = runtime.spawn(labeled, (ctx) -> {
		});
		killed.kill();
		runtime.setLabel(tagged.pid(), "relabeled");
		runtime.killTag("g");
		ended(crashing);
		ended(killed);
		ended(tagged);
		ended(clean);
		this.clock.advance(Duration.ofMinutes(5));

		assertThat(logged()).isEmpty();
	}

	// seed: wants_log_respects_the_configured_threshold
	@Test
	void aLevelIncludesEventsAtItsLevelAndAbove() {
		for (LogLevel event : LogLevel.values()) {
			assertThat(LogLevel.OFF.includes(event)).as("OFF includes %s", event).isFalse();
		}
		assertThat(LogLevel.WARN.includes(LogLevel.ERROR)).isTrue();
		assertThat(LogLevel.WARN.includes(LogLevel.WARN)).isTrue();
		assertThat(LogLevel.WARN.includes(LogLevel.INFO)).isFalse();
		assertThat(LogLevel.WARN.includes(LogLevel.DEBUG)).isFalse();
		assertThat(LogLevel.DEBUG.includes(LogLevel.DEBUG)).isTrue();
		assertThat(LogLevel.DEBUG.includes(LogLevel.ERROR)).isTrue();

		assertThat(LogLevel.forExit(ExitReason.NORMAL)).isEqualTo(LogLevel.INFO);
		assertThat(LogLevel.forExit(ExitReason.KILLED)).isEqualTo(LogLevel.WARN);
		assertThat(LogLevel.forExit(ExitReason.SHUTDOWN)).isEqualTo(LogLevel.WARN);
		assertThat(LogLevel.forExit(ExitReason.crashed(new RuntimeException()))).isEqualTo(LogLevel.ERROR);
	}

	@Test
	void censusDebounceMustBePositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Runtime.builder().censusDebounce(Duration.ZERO))
			.withMessageContaining("census debounce must be positive");
		assertThatNullPointerException()
			.isThrownBy(() -> Runtime.builder().lifecycleLog(null));
	}

}

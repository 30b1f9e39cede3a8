package io.rusm.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.rusm.core.Pid;
import io.rusm.core.Runtime;
import io.rusm.spring.boot.RusmHandler;
import io.rusm.spring.boot.RusmHandlerObserver;
import io.rusm.spring.boot.RusmProcess;
import io.rusm.spring.boot.observation.ObservationHandlerObserver;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RusmObservationAutoConfiguration}: traces that follow messages, and the
 * {@code rusm.handle} observation per handled message, recorded by a
 * {@link TestObservationRegistry}.
 */
class RusmObservationAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RusmAutoConfiguration.class, RusmProcessesAutoConfiguration.class,
				RusmObservationAutoConfiguration.class))
		.withUserConfiguration(EchoConfiguration.class);

	@Test
	void aCallInsideAnObservationIsHandledInAChildObservation() {
		this.runner.withUserConfiguration(RegistryConfiguration.class).run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			Runtime runtime = context.getBean(Runtime.class);
			String reply = Observation.createNotStarted("test.request", registry)
				.observe(() -> runtime.<String>call("echo", "Ada", TIMEOUT));
			assertThat(reply).isEqualTo("Ada handled in rusm.handle");
			TestObservationRegistryAssert.assertThat(registry)
				.hasNumberOfObservationsWithNameEqualTo(ObservationHandlerObserver.NAME, 1)
				.hasObservationWithNameEqualTo(ObservationHandlerObserver.NAME)
				.that()
				.hasContextualNameEqualTo("echo handle")
				.hasLowCardinalityKeyValue("rusm.process", "echo")
				.hasLowCardinalityKeyValue("rusm.message.type", String.class.getName())
				.hasLowCardinalityKeyValue("rusm.message.kind", "call")
				.hasParentObservationContextMatching((parent) -> parent.getName().equals("test.request"))
				.hasBeenStarted()
				.hasBeenStopped();
		});
	}

	@Test
	void sendsAndTimersCarryTheSendersObservation() {
		this.runner.withUserConfiguration(RegistryConfiguration.class).run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			Runtime runtime = context.getBean(Runtime.class);
			Pid echo = runtime.whereis("echo").orElseThrow();
			Observation.createNotStarted("test.send", registry)
				.observe(() -> runtime.send(echo, new Note("sent")));
			Observation.createNotStarted("test.timer", registry)
				.observe(() -> runtime.sendAfter(echo, Duration.ofMillis(1), new Note("later")));
			runtime.send(echo, new Note("untraced"));
			Echo bean = context.getBean(Echo.class);
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(bean.parents).containsExactlyInAnyOrder("sent in test.send",
						"later in test.timer", "untraced in none"));
			assertThat(runtime.<String>call("echo", "sync", TIMEOUT)).isEqualTo("sync handled in rusm.handle");
			TestObservationRegistryAssert.assertThat(registry)
				.hasNumberOfObservationsWithNameEqualTo(ObservationHandlerObserver.NAME, 4)
				.hasAnObservationWithAKeyValue("rusm.message.kind", "message")
				.hasAnObservationWithAKeyValue("rusm.message.type", Note.class.getName());
		});
	}

	@Test
	void springBootTimesEachHandledMessage() {
		this.runner
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
			.run((context) -> {
				context.getBean(Runtime.class).call("echo", "Ada", TIMEOUT);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				await().atMost(TIMEOUT).untilAsserted(() -> { // stopped once the handler returned, after its reply
					Timer timer = meters.find(ObservationHandlerObserver.NAME)
						.tags("rusm.process", "echo", "rusm.message.kind", "call")
						.timer();
					assertThat(timer).as("%s", meters.getMeters().stream().map((m) -> m.getId().getName()).toList())
						.isNotNull();
					assertThat(timer.count()).isOne();
				});
			});
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withUserConfiguration(RegistryConfiguration.class)
			.withPropertyValues("rusm.observations.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RusmHandlerObserver.class).doesNotHaveBean(RuntimeCustomizer.class);
				TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
				String reply = Observation.createNotStarted("test.request", registry)
					.observe(() -> context.getBean(Runtime.class).<String>call("echo", "Ada", TIMEOUT));
				assertThat(reply).isEqualTo("Ada handled in none");
				TestObservationRegistryAssert.assertThat(registry)
					.hasNumberOfObservationsWithNameEqualTo(ObservationHandlerObserver.NAME, 0);
			});
	}

	@Test
	void backsOffWithoutAnObservationRegistry() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(RusmHandlerObserver.class)
			.doesNotHaveBean(RuntimeCustomizer.class)
			.hasSingleBean(Runtime.class));
	}

	@Test
	void backsOffWithoutContextPropagation() {
		this.runner.withUserConfiguration(RegistryConfiguration.class)
			.withClassLoader(new FilteredClassLoader(ContextSnapshotFactory.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RusmHandlerObserver.class)
				.doesNotHaveBean(RuntimeCustomizer.class));
	}

	@Test
	void aUsersObserverWins() {
		this.runner.withUserConfiguration(RegistryConfiguration.class, OwnObserverConfiguration.class)
			.run((context) -> assertThat(context).getBean(RusmHandlerObserver.class)
				.isSameAs(context.getBean("ownObserver")));
	}

	record Note(String text) {
	}

	@Configuration(proxyBeanMethods = false)
	static class RegistryConfiguration {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnObserverConfiguration {

		@Bean
		RusmHandlerObserver ownObserver() {
			return (name, message, handling) -> handling.handle();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EchoConfiguration {

		@Bean
		Echo echo(ObjectProvider<ObservationRegistry> registry) {
			return new Echo(registry.getIfAvailable(() -> ObservationRegistry.NOOP));
		}

	}

	@RusmProcess("echo")
	static class Echo {

		private final ObservationRegistry registry;

		final List<String> parents = new CopyOnWriteArrayList<>();

		Echo(ObservationRegistry registry) {
			this.registry = registry;
		}

		@RusmHandler
		String echo(String text) {
			return text + " handled in " + currentName();
		}

		@RusmHandler
		void note(Note note) {
			Observation current = this.registry.getCurrentObservation();
			Observation.@Nullable ContextView handling = (current != null) ? current.getContextView() : null;
			@Nullable ObservationView parent = (handling != null) ? handling.getParentObservation() : null;
			this.parents.add(note.text() + " in " + ((parent != null) ? parent.getContextView().getName() : "none"));
		}

		private String currentName() {
			Observation current = this.registry.getCurrentObservation();
			return (current != null) ? current.getContextView().getName() : "none";
		}

	}

}

package io.rusm.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rusm.core.Context;
import io.rusm.core.ExitReason;
import io.rusm.core.ProcessBody;
import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import io.rusm.core.SpawnOptions;
import io.rusm.spring.boot.RusmProcess;
import io.rusm.spring.boot.RusmProcessRegistry;
import io.rusm.spring.boot.actuate.endpoint.RusmEndpoint;
import io.rusm.spring.boot.actuate.endpoint.RusmEndpointWebExtension;
import io.rusm.spring.boot.actuate.health.RusmHealthIndicator;
import io.rusm.spring.boot.actuate.metrics.ExitReasonCounter;
import io.rusm.spring.boot.actuate.metrics.RusmMeterBinder;
import io.rusm.spring.boot.actuate.metrics.RusmMetricNames;
import io.rusm.spring.boot.exit.ExitHistory;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RusmEndpointAutoConfiguration},
 * {@link RusmHealthContributorAutoConfiguration} and {@link RusmMetricsAutoConfiguration}:
 * each backs off on its own.
 */
class RusmActuatorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RusmAutoConfiguration.class, RusmExitHistoryAutoConfiguration.class,
				RusmProcessesAutoConfiguration.class, RusmEndpointAutoConfiguration.class,
				RusmHealthContributorAutoConfiguration.class, RusmMetricsAutoConfiguration.class,
				EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class));

	@Test
	void endpointIsAutoConfiguredWhenExposed() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=rusm")
			.run((context) -> assertThat(context).hasSingleBean(RusmEndpoint.class)
				.hasSingleBean(RusmEndpointWebExtension.class));
	}

	@Test
	void endpointBacksOffWhenNotExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(RusmEndpoint.class));
	}

	@Test
	void endpointBacksOffWhenAccessIsNone() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=rusm", "management.endpoint.rusm.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(RusmEndpoint.class));
	}

	@Test
	void endpointBacksOffWhenUserProvidedEndpointIsPresent() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=rusm")
			.withUserConfiguration(UserEndpointConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(RusmEndpoint.class).hasBean("userEndpoint"));
	}

	@Test
	void endpointBacksOffWithoutActuator() {
		this.runner.withClassLoader(new FilteredClassLoader(ConditionalOnAvailableEndpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=rusm")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(Runtime.class)
				.doesNotHaveBean(RusmEndpoint.class));
	}

	@Test
	void healthIndicatorIsAutoConfigured() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(RusmHealthIndicator.class).hasBean("rusmHealthIndicator");
			Health health = context.getBean(RusmHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void healthIndicatorBacksOffWhenDisabled() {
		this.runner.withPropertyValues("management.health.rusm.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RusmHealthIndicator.class));
	}

	@Test
	void healthIndicatorBacksOffWithoutTheHealthModule() {
		this.runner.withClassLoader(new FilteredClassLoader(Health.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RusmProcessRegistry.class)
				.doesNotHaveBean(RusmHealthIndicator.class));
	}

	@Test
	void healthIsDownOnceASingletonExhaustedItsRestarts() {
		this.runner.withUserConfiguration(CrashingConfiguration.class)
			.withPropertyValues("rusm.supervisor.max-restarts=0")
			.run((context) -> {
				Runtime runtime = context.getBean(Runtime.class);
				RusmHealthIndicator indicator = context.getBean(RusmHealthIndicator.class);
				assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
				runtime.sendNamed("fragile", "crash");
				await().untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN));
				assertThat(indicator.health().getDetails()).containsKey("exhausted");
				assertThat(indicator.health().getDetails().get("exhausted").toString()).contains("fragile",
						"IllegalStateException", "crash requested");
			});
	}

	@Test
	void meterBinderIsAutoConfiguredWithAMeterRegistry() {
		this.runner.withUserConfiguration(MeterRegistryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(RusmMeterBinder.class).hasSingleBean(ExitReasonCounter.class);
		});
	}

	@Test
	void theExitMeterAndTheExitsSectionWorkWithAUserDeclaredRuntime() {
		this.runner.withUserConfiguration(MeterRegistryConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=rusm")
			.withBean("userRuntime", Runtime.class, Runtime::create)
			.run((context) -> {
				Runtime runtime = context.getBean(Runtime.class);
				assertThat(runtime).isSameAs(context.getBean("userRuntime"));
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				context.getBean(RusmMeterBinder.class).bindTo(registry);
				ProcessHandle crashed = runtime.spawn((ctx) -> {
					throw new IllegalStateException("boom");
				});
				crashed.join();
				assertThat(registry.get(RusmMetricNames.PROCESSES_EXITED).tag("reason", "crashed").functionCounter()
					.count()).isEqualTo(1);
				RusmEndpoint.ExitsDescriptor exits = (RusmEndpoint.ExitsDescriptor) context.getBean(RusmEndpoint.class)
					.section("exits", null, null, null, null, null, null, null);
				assertThat(exits.exits()).singleElement()
					.satisfies((exit) -> assertThat(exit.pid()).isEqualTo(crashed.pid().toString()));
			});
	}

	@Test
	void theExitMeterCountsExitsForALostConnection() {
		this.runner.withUserConfiguration(MeterRegistryConfiguration.class).run((context) -> {
			Runtime runtime = context.getBean(Runtime.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			context.getBean(RusmMeterBinder.class).bindTo(registry);
			ProcessHandle cutOff = runtime.spawn((ctx) -> ctx.receive());
			runtime.exit(cutOff.pid(), ExitReason.NOCONNECTION);
			assertThat(cutOff.join()).isEqualTo(ExitReason.NOCONNECTION);
			assertThat(registry.get(RusmMetricNames.PROCESSES_EXITED).tag("reason", "noconnection").functionCounter()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void metricsBackOffWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(Runtime.class)
				.doesNotHaveBean(RusmMeterBinder.class)
				.doesNotHaveBean(ExitReasonCounter.class));
	}

	@Test
	void metricsBackOffWithoutAMeterRegistry() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(RusmMeterBinder.class));
	}

	@Test
	void censusLabelsFollowTheRuntimeOnScrapeWithoutAThreadOfTheirOwn() {
		this.runner.withUserConfiguration(MeterRegistryConfiguration.class).run((context) -> {
			Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
			Runtime runtime = context.getBean(Runtime.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			context.getBean(RusmMeterBinder.class).bindTo(registry);
			assertThat(Thread.getAllStackTraces().keySet()).as("no thread started by binding")
				.allMatch((thread) -> threadsBefore.contains(thread) || !thread.getName().startsWith("rusm"));
			ProcessHandle scout = runtime.spawn(SpawnOptions.builder().label("scout").build(), (ctx) -> ctx.receive());
			assertThat(registry.find(RusmMetricNames.CENSUS).tag("label", "scout").gauge()).isNull();
			assertThat(registry.get(RusmMetricNames.PROCESSES_LIVE).gauge().value()).isEqualTo(1);
			assertThat(registry.get(RusmMetricNames.CENSUS).tag("label", "scout").gauge().value()).isEqualTo(1);
			scout.kill();
			scout.join();
			assertThat(registry.get(RusmMetricNames.PROCESSES_LIVE).gauge().value()).isZero();
			assertThat(registry.find(RusmMetricNames.CENSUS).tag("label", "scout").gauge()).isNull();
		});
	}

	@Test
	void metersDescribeTheRuntime() {
		this.runner.withUserConfiguration(MeterRegistryConfiguration.class).run((context) -> {
			Runtime runtime = context.getBean(Runtime.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			context.getBean(RusmMeterBinder.class).bindTo(registry);
			CountDownLatch release = new CountDownLatch(1);
			runtime.spawn(SpawnOptions.builder().label("worker").build(), (ctx) -> release.await());
			runtime.spawn(SpawnOptions.builder().label("worker").build(), (ctx) -> release.await());
			ProcessHandle crashed = runtime.spawn((ctx) -> {
				throw new IllegalStateException("boom");
			});
			crashed.join();
			runtime.spawn((ctx) -> {
			}).join();
			assertThat(registry.get(RusmMetricNames.PROCESSES_LIVE).gauge().value()).isEqualTo(2);
			assertThat(registry.get(RusmMetricNames.PROCESSES_SPAWNED).functionCounter().count()).isEqualTo(4);
			assertThat(registry.get(RusmMetricNames.PROCESSES_EXITED).tag("reason", "crashed").functionCounter().count())
				.isEqualTo(1);
			assertThat(registry.get(RusmMetricNames.PROCESSES_EXITED).tag("reason", "normal").functionCounter().count())
				.isEqualTo(1);
			assertThat(registry.get(RusmMetricNames.PROCESSES_EXITED).functionCounters()).hasSize(6);
			assertThat(registry.get(RusmMetricNames.MESSAGES_DROPPED).functionCounter().count()).isZero();
			assertThat(registry.get(RusmMetricNames.TIMERS_PENDING).gauge().value()).isZero();
			assertThat(registry.get(RusmMetricNames.REGISTRY_NAMES).gauge().value()).isZero();
			assertThat(registry.find(RusmMetricNames.CENSUS).tag("label", "worker").gauge()).isNotNull()
				.satisfies((gauge) -> assertThat(gauge.value()).isEqualTo(2));
			for (Meter meter : registry.getMeters()) {
				if (meter.getId().getName().startsWith("rusm.")) {
					assertThat(meter.getId().getDescription()).as(meter.getId().getName()).isNotBlank();
					assertThat(meter.getId().getBaseUnit()).as(meter.getId().getName()).isNotBlank();
					assertThat(meter.getId().getTags()).allSatisfy(
							(tag) -> assertThat(tag.getKey()).isIn(RusmMetricNames.REASON, RusmMetricNames.LABEL));
				}
			}
			release.countDown();
		});
	}

	@Test
	void everythingButTheRuntimeBacksOffWithoutActuatorMicrometerAndCaffeine() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RusmAutoConfiguration.class,
					RusmExitHistoryAutoConfiguration.class, RusmProcessesAutoConfiguration.class,
					RusmEndpointAutoConfiguration.class, RusmHealthContributorAutoConfiguration.class,
					RusmMetricsAutoConfiguration.class))
			.withUserConfiguration(CrashingConfiguration.class)
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "org.springframework.boot.health",
					"io.micrometer", "com.github.benmanes.caffeine"))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(Runtime.class)
					.hasSingleBean(RusmProcessRegistry.class)
					.doesNotHaveBean(ExitHistory.class)
					.doesNotHaveBean(RusmMeterBinder.class)
					.doesNotHaveBean(RusmHealthIndicator.class)
					.doesNotHaveBean(RusmEndpoint.class);
				assertThat(context.getBean(Runtime.class).whereis("fragile")).isPresent();
			});
	}

	@Test
	void exitHistoryBacksOffWithoutCaffeine() {
		this.runner.withClassLoader(new FilteredClassLoader(Caffeine.class))
			.withPropertyValues("management.endpoints.web.exposure.include=rusm")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ExitHistory.class)
				.hasSingleBean(RusmEndpoint.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointConfiguration {

		@Bean
		RusmEndpoint userEndpoint(Runtime runtime) {
			return new RusmEndpoint(runtime, null, null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MeterRegistryConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@RusmProcess("fragile")
	static class Fragile implements ProcessBody {

		@Override
		public void run(Context ctx) {
			if ("crash".equals(ctx.receive())) {
				throw new IllegalStateException("crash requested");
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CrashingConfiguration {

		@Bean
		Fragile fragile() {
			return new Fragile();
		}

	}

}

package io.rusm.spring.boot.observer;

import io.rusm.spring.boot.autoconfigure.RusmAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.servlet.function.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of when {@link RusmObserverAutoConfiguration} serves the observer page, and of its
 * settings' validation.
 */
class RusmObserverAutoConfigurationTests {

	private static final String ROUTES = "rusmObserverRoutes";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RusmAutoConfiguration.class, RusmObserverAutoConfiguration.class));

	@Test
	void observerIsOffByDefault() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ROUTES));
	}

	@Test
	void observerIsServedWhenEnabled() {
		this.runner.withPropertyValues("rusm.observer.enabled=true").run((context) -> {
			assertThat(context).hasBean(ROUTES);
			assertThat(context.getBean(RusmObserverProperties.class).getPath()).isEqualTo("/rusm");
		});
	}

	@Test
	void observerBacksOffOutsideAServletWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RusmAutoConfiguration.class, RusmObserverAutoConfiguration.class))
			.withPropertyValues("rusm.observer.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(ROUTES));
	}

	@Test
	void observerBacksOffWithoutSpringMvc() {
		this.runner.withPropertyValues("rusm.observer.enabled=true")
			.withClassLoader(new FilteredClassLoader(RouterFunction.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ROUTES));
	}

	@Test
	void observerWithoutActuatorTellsWhatToAdd() {
		this.runner.withPropertyValues("rusm.observer.enabled=true")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> {
				assertThat(context).hasBean(ROUTES).doesNotHaveBean(RusmEndpointLocator.class);
				assertThat(RusmEndpointLocator.WITHOUT_ACTUATOR.locate().problem())
					.contains("spring-boot-starter-actuator");
			});
	}

	@Test
	void pathMustBeAPathBelowTheRoot() {
		for (String path : new String[] { "rusm", "/", "/rusm/", "" }) {
			this.runner.withPropertyValues("rusm.observer.enabled=true", "rusm.observer.path=" + path)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(IllegalArgumentException.class)
					.hasMessageContaining("rusm.observer.path"));
		}
	}

	@Test
	void refreshIntervalMustBeAtLeastATenthOfASecond() {
		this.runner.withPropertyValues("rusm.observer.enabled=true", "rusm.observer.refresh-interval=10ms")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("rusm.observer.refresh-interval must be at least 100ms"));
	}

}

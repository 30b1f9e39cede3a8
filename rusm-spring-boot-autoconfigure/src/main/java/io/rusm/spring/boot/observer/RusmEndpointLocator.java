package io.rusm.spring.boot.observer;

/**
 * Finds the {@code rusm} endpoint for the observer page, each time the page asks, so the
 * answer follows the application's actuator settings.
 */
@FunctionalInterface
interface RusmEndpointLocator {

	/**
	 * The locator of an application without Actuator: the page says what to add.
	 */
	RusmEndpointLocator WITHOUT_ACTUATOR = () -> EndpointLocation.unreachable(EndpointLocation.NONE,
			"Spring Boot Actuator is not on the classpath: add spring-boot-starter-actuator and expose the rusm "
					+ "endpoint with management.endpoints.web.exposure.include=rusm.");

	/**
	 * Tells where the endpoint is and with which access, or why the page cannot reach it.
	 * @return the endpoint's location
	 */
	EndpointLocation locate();

}

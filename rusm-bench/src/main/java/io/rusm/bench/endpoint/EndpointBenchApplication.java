package io.rusm.bench.endpoint;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The smallest application that serves the {@code rusm} endpoint: the starter's
 * auto-configuration, Spring MVC on Tomcat and Actuator, nothing of its own.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class EndpointBenchApplication {

}
